import { z } from 'zod';
import { EXPORT_COLUMNS } from '@/lib/accounts/export/export-accounts';
import { IMPORT_COLUMN_NAMES, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '@/lib/validations/account-import';
import { defineOperation } from '../operation';
import { id } from '../schemas/common';
import { idParams } from '../schemas/query';
import { READ_ONE } from './shared';

// Bulk import and export of a domain's email accounts as CSV: the same core as the panel's import page
// and its "Export CSV" (lib/accounts/import, lib/accounts/export).

const columns = IMPORT_COLUMN_NAMES.join(', ');

export const importedAccountsOut = z.object({
  rows: z.number().int().nonnegative().meta({ description: 'Rows read after the header.' }),
  accounts: z.number().int().nonnegative().meta({ description: 'Accounts created.' }),
  skipped: z.array(z.number().int().positive()).meta({ description: 'Postmaster rows of an export, skipped (spreadsheet row numbers, the header is 1).' }),
  created: z.array(z.object({ id, address: z.string() })),
  generated: z
    .array(z.object({ address: z.string(), password: z.string() }))
    .meta({ description: 'The passwords generated for rows without one: returned only in this answer, never again.' }),
});

export const importAccountsOp = defineOperation({
  id: 'importAccounts',
  permission: 'accounts:create',
  method: 'POST',
  path: '/domains/{id}/accounts/import',
  tag: 'Accounts',
  summary: 'Import email accounts from CSV',
  description:
    `The request body is a CSV file (UTF-8, comma- or semicolon-separated, a header row naming the columns; at most ${IMPORT_MAX_ROWS} accounts and ${IMPORT_MAX_BYTES / 1024 / 1024} MB), read as it arrives. ` +
    `Columns (any order, only local_part required; an empty cell takes the wizard's default): ${columns}. ` +
    'Sizes like "5 GB", services separated by spaces (or "none"), yes/no flags, several forwards or allowed IPs separated by spaces. ' +
    'The columns the export adds (status, address, storage_used, last_access, sent_24h, domain, postmaster) are ignored, and postmaster rows skipped, so an export imports as it is. ' +
    'Every row is checked exactly as the panel’s wizard checks an account, and the rows together against the domain’s room and storage. ' +
    'All or nothing: with any problem nothing is written and the answer is a 422 whose errors name each one as rows[N].column (N as a spreadsheet numbers rows, the header being 1) or file. ' +
    'Passwords are hashed with bcrypt before anything is written, which takes a while for thousands of rows: allow minutes.',
  params: idParams,
  rawBody: { contentType: 'text/csv', description: 'The accounts, one per row, under a header row.' },
  response: { status: 201, description: 'Every account of the file was created.', schema: importedAccountsOut, schemaName: 'ImportedAccounts' },
  errors: [...READ_ONE, 'validation', 'refused', 'malformed', 'tooLarge'],
});

export const exportAccountsOp = defineOperation({
  id: 'exportAccounts',
  permission: 'accounts:read',
  method: 'GET',
  path: '/domains/{id}/accounts/export',
  tag: 'Accounts',
  summary: 'Export a domain’s email accounts as CSV',
  description:
    `Streamed, by address. Columns: ${EXPORT_COLUMNS.join(', ')}. The first ones are what the account list shows (storage_used in bytes, last_access in RFC 3339, UTC); ` +
    'the rest are the import’s own columns, so the file imports into another domain as it is (passwords are never exported: that column is empty, and the import generates them). ' +
    'A cell that would start with = + - @ (a spreadsheet formula) is written with a leading apostrophe, which the import removes again.',
  params: idParams,
  response: { status: 200, description: 'The accounts as CSV (UTF-8 with a byte-order mark).', raw: { contentType: 'text/csv' } },
  errors: READ_ONE,
});

export const ACCOUNT_CSV_OPERATIONS = [importAccountsOp, exportAccountsOp];
