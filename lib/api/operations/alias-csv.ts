import 'server-only';
import { z } from 'zod';
import { ALIAS_EXPORT_COLUMNS, ALIAS_IMPORT_MAX_BYTES, ALIAS_IMPORT_MAX_ROWS } from '@/lib/validations/alias-csv-constants';
import { defineOperation } from '../operation';
import { id } from '../schemas/common';
import { idParams } from '../schemas/query';
import { READ_ONE } from './shared';

// A domain's aliases as CSV (issue 17, point 8): the same core as the aliases page's "Export CSV" and
// import (lib/aliases/csv).

const tag = 'Aliases';
const postmasterNote = 'A postmaster only where its domain lets it manage aliases (403 otherwise).';

const importedAliasesOut = z.object({
  rows: z.number().int().nonnegative().meta({ description: 'Aliases read after the header.' }),
  created: z.array(z.object({ id, address: z.string() })),
});

export const exportAliasesOp = defineOperation({
  id: 'exportAliases',
  permission: 'aliases:read',
  method: 'GET',
  path: '/domains/{id}/aliases/export',
  tag,
  summary: 'Export a domain’s aliases as CSV',
  description: `Streamed, by address. Columns: ${ALIAS_EXPORT_COLUMNS.join(', ')} (active as yes/no, targets separated by spaces, senders as anyone/domain/members, send_as the accounts that may send as the alias, separated by spaces); the file imports into another domain as it is. A cell that would start with = + - @ is written with a leading apostrophe, which the import removes again. ${postmasterNote}`,
  params: idParams,
  response: { status: 200, description: 'The aliases as CSV (UTF-8 with a byte-order mark).', raw: { contentType: 'text/csv' } },
  errors: READ_ONE,
});

export const importAliasesOp = defineOperation({
  id: 'importAliases',
  permission: 'aliases:create',
  method: 'POST',
  path: '/domains/{id}/aliases/import',
  tag,
  summary: 'Import aliases from CSV',
  description:
    `The request body is a CSV file (UTF-8, comma- or semicolon-separated, a header row; at most ${ALIAS_IMPORT_MAX_ROWS} aliases and ${ALIAS_IMPORT_MAX_BYTES / 1024 / 1024} MB). ` +
    'Columns: local_part and targets required; description, active (yes/no), senders (who may send to it: anyone, domain or members; empty: anyone) and send_as (accounts the alias delivers to that may send as it, separated by spaces) optional; address ignored. Every row is checked as POST /domains/{id}/aliases checks one; rows may name each other as targets in any order. ' +
    `All or nothing: with any problem nothing is written and the answer is a 422 whose errors name each one as rows[N].column (N as a spreadsheet numbers rows, the header being 1) or file. ${postmasterNote}`,
  params: idParams,
  rawBody: { contentType: 'text/csv', description: 'The aliases, one per row, under a header row.' },
  response: { status: 201, description: 'Every alias of the file was created.', schema: importedAliasesOut, schemaName: 'ImportedAliases' },
  errors: [...READ_ONE, 'validation', 'refused', 'malformed', 'tooLarge'],
});

export const ALIAS_CSV_OPERATIONS = [exportAliasesOp, importAliasesOp];
