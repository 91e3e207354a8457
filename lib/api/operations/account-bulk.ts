import { z } from 'zod';
import 'server-only';
import { BULK_ACTIONS, BULK_IDS_MAX, BULK_REFUSALS, bulkAccountsSchema } from '@/lib/validations/account-bulk';
import { defineOperation } from '../operation';
import { idParams } from '../schemas/query';
import { BODY, READ_ONE } from './shared';

// A bulk action on a domain's accounts: the same core as the account list's bulk bar (lib/accounts/bulk).

const count = z.number().int().nonnegative();

export const bulkSummaryOut = z.object({
  action: z.enum(BULK_ACTIONS),
  selected: count.meta({ description: 'Accounts the selection held.' }),
  changed: count.meta({ description: 'Accounts changed.' }),
  unchanged: count.meta({ description: 'Accounts already as asked (deactivating an Offline account, say).' }),
  refused: z
    .array(
      z.object({
        reason: z.enum(BULK_REFUSALS),
        count,
        addresses: z.array(z.string()).meta({ description: 'Up to 20 of the refused accounts, by address.' }),
      }),
    )
    .meta({ description: 'Accounts left as they were, by reason.' }),
});

export const bulkAccountsOp = defineOperation({
  id: 'bulkAccounts',
  permission: 'accounts:update',
  method: 'POST',
  path: '/domains/{id}/accounts/bulk',
  tag: 'Accounts',
  summary: 'Apply one action to many email accounts',
  description:
    'The action (deactivate, reactivate, delete, storage, serviceOn, serviceOff, forcePasswordChange) on either the accounts named in `ids` ' +
    `(at most ${BULK_IDS_MAX}; ids of other domains are ignored) or every account of the domain that \`match\` selects (the account list's search, \`q\`; empty: all). ` +
    'Each account is checked as its own action checks it (the permission and the domain’s postmaster switches, the plan’s storage options, the domain’s storage, the services the domain and plan offer, deactivated accounts’ settings frozen); ' +
    'the answer counts what was changed, what already was as asked, and what was refused, by reason. The postmaster mailbox is always refused. ' +
    'delete needs `confirmCount`, the number of accounts selected. Accounts are worked through 1,000 per transaction: if the request fails part-way, ' +
    'whole groups before the failure stay done, and sending it again finishes the rest.',
  params: idParams,
  body: bulkAccountsSchema,
  bodyName: 'BulkAccounts',
  response: { status: 200, description: 'What was done.', schema: bulkSummaryOut, schemaName: 'BulkSummary' },
  errors: [...READ_ONE, ...BODY],
});

export const ACCOUNT_BULK_OPERATIONS = [bulkAccountsOp];
