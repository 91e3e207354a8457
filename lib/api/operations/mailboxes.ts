import type { z } from 'zod';
import 'server-only';
import { ACCOUNT_SORTS } from '@/db/queries/accounts';
import { POSTMASTER_SORTS } from '@/db/queries/postmasters';
import { accountCreateSchema } from '@/lib/validations/account-wizard';
import { autoresponderSchema, generalSchema, masterDataSchema, securitySchema, webmailSchema } from '@/lib/validations/mailbox-settings';
import { pageOf } from '../schemas/common';
import { accountActiveOut, accountOut, accountRowOut, createdAccountOut, mailboxOut, postmasterRowOut } from '../schemas/mailboxes';
import { confirmQuery, idParams, listQuery } from '../schemas/query';
import { createInOp, deleteOp, listInOp, listOp, readOneOp, saveSectionOp, toggleOps } from './shapes';

// The two groups of the document this file fills.
const ACCOUNTS = 'Accounts';
const POSTMASTERS = 'Postmasters';
const accountPage = pageOf(accountRowOut);

export const listAccountsOp = listOp({
  id: 'listAccounts',
  permission: 'accounts:read',
  path: '/accounts',
  tag: ACCOUNTS,
  summary: 'List email accounts of every domain',
  description: 'The accounts of every domain the token’s owner may see (a postmaster: its own). Search looks in the address and the names.',
  query: listQuery(ACCOUNT_SORTS, 'address'),
  response: { description: 'One page of accounts.', schema: accountPage, schemaName: 'AccountPage' },
});

export const listDomainAccountsOp = listInOp({
  id: 'listDomainAccounts',
  permission: 'accounts:read',
  path: '/domains/{id}/accounts',
  tag: ACCOUNTS,
  summary: 'List a domain’s email accounts',
  query: listQuery(ACCOUNT_SORTS, 'address'),
  response: { description: 'One page of the domain’s accounts.', schema: accountPage },
});

export const createAccountOp = createInOp({
  id: 'createAccount',
  permission: 'accounts:create',
  path: '/domains/{id}/accounts',
  tag: ACCOUNTS,
  summary: 'Create an email account',
  description:
    'Every field of the panel’s four-step wizard in one request (account, services, security, options), checked exactly as the wizard checks it. With passwordMode "generate" the password is generated and returned only in this answer; with "set", confirmPassword may be left out. Field errors are named section.field.',
  body: accountCreateSchema,
  bodyName: 'CreateAccount',
  response: { description: 'The account was created.', schema: createdAccountOut, schemaName: 'CreatedAccount' },
});

type Kind = 'accounts' | 'postmasters';

// One PUT per settings section, keyed by the section's name (route files pick theirs by name); the
// document lists them in this order.
function sectionOps(kind: Kind) {
  const single = kind === 'accounts' ? 'Account' : 'Postmaster';
  const section = <B extends z.ZodType>(slug: string, name: string, schema: B, summary: string) =>
    saveSectionOp({
      id: `update${single}${name}`,
      permission: kind === 'accounts' ? 'accounts:update' : 'postmasters:update',
      path: `/${kind}/{id}/${slug}`,
      tag: kind === 'accounts' ? ACCOUNTS : POSTMASTERS,
      summary: `Change ${kind === 'accounts' ? 'an account’s' : 'a postmaster’s'} ${summary}`,
      description: 'The section as a whole, with the version read last (409 when someone saved since). The same checks as the panel’s form: the plan, the domain, and what the token’s owner may change.',
      params: idParams,
      body: schema,
      bodyName: `${name}Section`,
    });
  return {
    masterData: section('master-data', 'MasterData', masterDataSchema, 'master data (names, details, language and time zone)'),
    general: section('general', 'General', generalSchema, 'general settings (storage, sending limit, services, forwards, other)'),
    security: section('security', 'Security', securitySchema, 'security settings (password and its policy, OTP, allowed IPs, API access)'),
    autoresponder: section('autoresponder', 'Autoresponder', autoresponderSchema, 'autoresponder'),
    webmail: section('webmail', 'Webmail', webmailSchema, 'webmail start-up localization and address book'),
  };
}

export const accountSectionOps = sectionOps('accounts');
export const postmasterSectionOps = sectionOps('postmasters');

export const getAccountOp = readOneOp({
  id: 'getAccount',
  permission: 'accounts:read',
  path: '/accounts/{id}',
  tag: ACCOUNTS,
  summary: 'Read an email account',
  description: 'The account with every settings section (in the shape its PUT takes), the limits that apply, and what the token’s owner may do with it.',
  response: { description: 'The account.', schema: accountOut, schemaName: 'Account' },
});

const toggle = toggleOps({
  name: 'Account',
  noun: 'an email account',
  permission: 'accounts:toggle',
  path: '/accounts/{id}',
  tag: ACCOUNTS,
  offDescription: 'Offline: it receives no new mail, uses no service (its sessions end at once) and cannot be changed until reactivated.',
  response: { description: 'The account’s state now.', schema: accountActiveOut, schemaName: 'AccountActive' },
  errors: ['notFound', 'conflict'],
});
export const deactivateAccountOp = toggle.deactivate;
export const reactivateAccountOp = toggle.reactivate;

export const deleteAccountOp = deleteOp({
  id: 'deleteAccount',
  permission: 'accounts:delete',
  path: '/accounts/{id}',
  tag: ACCOUNTS,
  summary: 'Delete an email account',
  description: 'Irreversible: its settings, messages and data. As in the panel, the address must be typed to confirm.',
  query: confirmQuery('confirmAddress', 'The account’s address (ASCII or Unicode), to confirm.'),
});

export const listPostmastersOp = listOp({
  id: 'listPostmasters',
  permission: 'postmasters:read',
  path: '/postmasters',
  tag: POSTMASTERS,
  summary: 'List postmasters',
  description: 'The postmaster mailbox of every domain the token’s owner may see (admins only). Postmasters are created and deleted with their domain.',
  query: listQuery(POSTMASTER_SORTS, 'domain'),
  response: { description: 'One page of postmasters.', schema: pageOf(postmasterRowOut), schemaName: 'PostmasterPage' },
});

export const getPostmasterOp = readOneOp({
  id: 'getPostmaster',
  permission: 'postmasters:read',
  path: '/postmasters/{id}',
  tag: POSTMASTERS,
  summary: 'Read a postmaster',
  response: { description: 'The postmaster mailbox with its settings.', schema: mailboxOut, schemaName: 'Postmaster' },
});

export const ACCOUNT_OPERATIONS = [
  listAccountsOp,
  listDomainAccountsOp,
  createAccountOp,
  getAccountOp,
  ...Object.values(accountSectionOps),
  deactivateAccountOp,
  reactivateAccountOp,
  deleteAccountOp,
];

export const POSTMASTER_OPERATIONS = [listPostmastersOp, getPostmasterOp, ...Object.values(postmasterSectionOps)];
