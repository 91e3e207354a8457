import { z } from 'zod';
import './zod-messages';
import { keyWith } from '@/lib/i18n/keys';
import { SERVICES } from '@/lib/mail/services';
import { isStorableText, ROW_ID_MAX } from './common';
import { ACCOUNT_FILTER_PARAMS } from '@/lib/accounts/list-filters';
import { BULK_ACTIONS, BULK_IDS_MAX, BULK_SEARCH_MAX } from './account-bulk-constants';
export * from './account-bulk-constants';

// A bulk action on a domain's accounts: the panel's bulk bar and `POST /domains/{id}/accounts/bulk` take
// the same body. Either the ticked `ids`, or `match`: every account the list's search and filters select
// (the filters as the list's URL names them), read on the server through the list's own WHERE.

const id = z.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).min(1, { error: 'validation.invalid' }).max(ROW_ID_MAX, { error: 'validation.invalid' });

const filterParam = z.string({ error: 'validation.invalid' }).max(40, { error: 'validation.invalid' }).optional();

const match = z.object(
  {
    q: z
      .string({ error: 'validation.invalid' })
      .trim()
      .max(BULK_SEARCH_MAX, { error: keyWith('validation.tooLong', { max: BULK_SEARCH_MAX }) })
      .refine(isStorableText, { error: 'validation.badCharacters' })
      .default(''),
    // Checked by the list's own parser (lib/accounts/list-filters.ts) when the action runs.
    ...(Object.fromEntries(ACCOUNT_FILTER_PARAMS.map((name) => [name, filterParam])) as Record<(typeof ACCOUNT_FILTER_PARAMS)[number], typeof filterParam>),
  },
  { error: 'validation.invalid' },
);

export const bulkAccountsSchema = z
  .object(
    {
      action: z.enum(BULK_ACTIONS, { error: 'accounts.bulk.errors.action' }),
      ids: z
        .array(id, { error: 'validation.invalid' })
        .min(1, { error: 'accounts.bulk.errors.noneSelected' })
        .max(BULK_IDS_MAX, { error: keyWith('accounts.bulk.errors.tooMany', { max: BULK_IDS_MAX }) })
        .optional(),
      match: match.optional(),
      /** Storage: the new limit in bytes (one of the plan's options). */
      quotaBytes: z.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).min(1, { error: 'validation.invalid' }).max(Number.MAX_SAFE_INTEGER, { error: 'validation.invalid' }).optional(),
      /** serviceOn / serviceOff: which one. */
      service: z.enum(SERVICES, { error: 'validation.invalid' }).optional(),
      /** Delete: the number of accounts, typed by the person (must be what the selection holds). */
      confirmCount: z.number({ error: 'accounts.bulk.errors.confirmCount' }).int({ error: 'accounts.bulk.errors.confirmCount' }).min(0, { error: 'accounts.bulk.errors.confirmCount' }).max(ROW_ID_MAX, { error: 'accounts.bulk.errors.confirmCount' }).optional(),
    },
    { error: 'validation.invalid' },
  )
  .superRefine((value, ctx) => {
    if ((value.ids === undefined) === (value.match === undefined)) ctx.addIssue({ code: 'custom', path: ['ids'], message: 'accounts.bulk.errors.selection' });
    if (value.action === 'storage' && value.quotaBytes === undefined) ctx.addIssue({ code: 'custom', path: ['quotaBytes'], message: 'validation.required' });
    if ((value.action === 'serviceOn' || value.action === 'serviceOff') && value.service === undefined) {
      ctx.addIssue({ code: 'custom', path: ['service'], message: 'validation.required' });
    }
    if (value.action === 'delete' && value.confirmCount === undefined) ctx.addIssue({ code: 'custom', path: ['confirmCount'], message: 'accounts.bulk.errors.confirmCount' });
  });

export type BulkAccountsInput = z.output<typeof bulkAccountsSchema>;
