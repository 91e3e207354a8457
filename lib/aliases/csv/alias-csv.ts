import 'server-only';
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { getDb } from '@/db';
import { listExportAliases } from '@/db/queries/alias-csv';
import { addressOwner, insertAlias, replaceAliasSendAs, replaceAliasTargets } from '@/db/queries/aliases';
import type { AccountsCsv } from '@/lib/accounts/export/export-accounts';
import { LISTED_ISSUES_MAX, type ImportIssue } from '@/lib/accounts/import/issues';
import { CsvReadError, readCsv, type CsvInput } from '@/lib/accounts/import/read-csv';
import { writeAudits } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { displayAddress } from '@/lib/domains/display-name';
import { keyWith } from '@/lib/i18n/keys';
import { booleanCellSchema, normalizeHeader } from '@/lib/validations/account-import';
import { neutralizeFormula, restoreFormulaText } from '@/lib/validations/account-import-file';
import { ALIAS_SENDERS, aliasCreateSchema, type AliasCreateValues } from '@/lib/validations/alias';
import { ALIAS_EXPORT_COLUMNS, ALIAS_IMPORT_MAX_BYTES, ALIAS_IMPORT_MAX_ROWS } from '@/lib/validations/alias-csv-constants';
import { lockDomainForAliases, readAliasDomain } from '../access';
import { sendAsGrants, targetRefusal } from '../targets';

// A domain's aliases as CSV (issue 17, point 8), on the account CSV's parts: the same reader (streamed,
// comma or semicolon, size-limited), the same problem list (row as a spreadsheet numbers it, column by its
// header), the same download and formula guard. Columns: address (export only), local_part, description,
// active (yes/no), targets (separated by spaces), senders (who may send to it: anyone, domain, members) and
// send_as (the accounts that may send as it, separated by spaces). An export imports into another domain as it is.

type Column = (typeof ALIAS_EXPORT_COLUMNS)[number];

const PAGE = 1_000;

/** The domain's aliases as a CSV stream, by address; notFound (before anything is streamed) out of reach. */
export async function exportAliasesCsv({ caller, domainId, now = new Date() }: { caller: Caller; domainId: number; now?: Date }): Promise<AccountsCsv> {
  const ex = getDb();
  const domain = await readAliasDomain({ ex, caller, domainId, action: 'aliases:read' });
  async function* records(): AsyncGenerator<Record<Column, string>> {
    let afterAddress: string | undefined;
    for (;;) {
      const rows = await listExportAliases({ ex, domainId: domain.id, afterAddress, limit: PAGE });
      for (const row of rows) {
        yield {
          address: displayAddress(row.address),
          local_part: row.localPart,
          description: row.description,
          active: row.active ? 'yes' : 'no',
          targets: row.targets.join(' '),
          senders: row.senders,
          send_as: row.sendAs.join(' '),
        };
      }
      if (rows.length < PAGE) return;
      afterAddress = rows[rows.length - 1]!.address;
    }
  }
  const csv = stringify({ header: true, columns: [...ALIAS_EXPORT_COLUMNS], bom: true, record_delimiter: 'windows', cast: { string: (value) => neutralizeFormula(value) } });
  const body = pipeline(Readable.from(records()), csv, () => undefined);
  return { filename: `aliases-${domain.name}-${now.toISOString().slice(0, 10)}.csv`, body };
}

export type AliasImportOutcome =
  | { ok: true; rows: number; created: { id: number; address: string }[] }
  | { ok: false; refusal?: 'tooLarge'; issueCount: number; issues: ImportIssue[] };

const FIELD_COLUMN: Record<string, Column> = { localPart: 'local_part', description: 'description', active: 'active', targets: 'targets', senders: 'senders', sendAs: 'send_as' };

/** The header: where each column is, or what is wrong with it. */
function readHeader(cells: string[]): { at: Partial<Record<Column, number>> } | { issues: ImportIssue[] } {
  const at: Partial<Record<Column, number>> = {};
  const issues: ImportIssue[] = [];
  cells.forEach((cell, i) => {
    const name = normalizeHeader(cell);
    if (name === '') return;
    if (!(ALIAS_EXPORT_COLUMNS as readonly string[]).includes(name)) {
      issues.push({ row: 1, column: cell.trim().slice(0, 60), message: keyWith('aliases.csv.unknownColumn', { column: cell.trim().slice(0, 60) }) });
    } else if (at[name as Column] !== undefined) {
      issues.push({ row: 1, column: name, message: keyWith('accountImport.errors.duplicateColumn', { column: name }) });
    } else at[name as Column] = i;
  });
  for (const required of ['local_part', 'targets'] as const) {
    if (at[required] === undefined) issues.push({ row: 1, column: required, message: keyWith('aliases.csv.missingColumn', { column: required }) });
  }
  return issues.length > 0 ? { issues } : { at };
}

type Parsed = { row: number; values: AliasCreateValues };

/** Every row checked on its own (the alias form's schema, yes/no for active, no address twice). */
async function readRows(input: CsvInput): Promise<{ rows: Parsed[]; issues: ImportIssue[]; refusal?: 'tooLarge' }> {
  const issues: ImportIssue[] = [];
  const rows: Parsed[] = [];
  const seen = new Map<string, number>();
  let at: Partial<Record<Column, number>> | undefined;
  try {
    for await (const record of readCsv(input, { maxBytes: ALIAS_IMPORT_MAX_BYTES })) {
      if (!at) {
        const header = readHeader(record.cells);
        if ('issues' in header) return { rows, issues: header.issues };
        at = header.at;
        continue;
      }
      if (record.cells.every((cell) => cell.trim() === '')) continue;
      if (rows.length + 1 > ALIAS_IMPORT_MAX_ROWS) return { rows, issues: [{ row: null, column: null, message: keyWith('aliases.csv.tooManyRows', { max: ALIAS_IMPORT_MAX_ROWS }) }] };
      const cell = (column: Column) => (at![column] === undefined ? '' : restoreFormulaText(record.cells[at![column]!] ?? ''));
      const active = cell('active').trim() === '' ? { success: true as const, data: true } : booleanCellSchema.safeParse(cell('active'));
      if (!active.success) issues.push({ row: record.row, column: 'active', message: 'accountImport.errors.boolean' });
      // Who may send: one of the rule's words (any case); empty, anyone, as for a new alias.
      const sendersCell = cell('senders').trim().toLowerCase();
      const senders = sendersCell === '' ? 'anyone' : (ALIAS_SENDERS as readonly string[]).includes(sendersCell) ? sendersCell : undefined;
      if (senders === undefined) issues.push({ row: record.row, column: 'senders', message: 'aliases.csv.senders' });
      const parsed = aliasCreateSchema.safeParse({
        localPart: cell('local_part'),
        description: cell('description'),
        targets: cell('targets'),
        active: active.success ? active.data : true,
        senders: senders ?? 'anyone',
        sendAs: cell('send_as'),
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) issues.push({ row: record.row, column: FIELD_COLUMN[String(issue.path[0])] ?? null, message: issue.message });
        continue;
      }
      const first = seen.get(parsed.data.localPart);
      if (first !== undefined) {
        issues.push({ row: record.row, column: 'local_part', message: keyWith('aliases.csv.duplicate', { row: first }) });
        continue;
      }
      seen.set(parsed.data.localPart, record.row);
      rows.push({ row: record.row, values: parsed.data });
    }
  } catch (error) {
    if (error instanceof CsvReadError) return { rows, issues: [{ row: null, column: null, message: error.messageKey }], ...(error.tooLarge ? { refusal: 'tooLarge' as const } : {}) };
    throw error;
  }
  if (!at) issues.push({ row: null, column: null, message: 'aliases.csv.empty' });
  return { rows, issues };
}

class Rollback extends Error {}

const refused = (issues: ImportIssue[], refusal?: 'tooLarge'): AliasImportOutcome => ({
  ok: false,
  ...(refusal ? { refusal } : {}),
  issueCount: issues.length,
  issues: [...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)).slice(0, LISTED_ISSUES_MAX),
});

/**
 * Creates every alias of the file, all or nothing: each row checked as the alias form checks one (address
 * free in the domain's address space, the plan's aliases per domain, targets that exist, no loop, no chain
 * too long), the targets after every alias of the file is there, so rows may name each other in any order.
 * With any problem nothing is written and each is listed (row and column).
 */
export async function importAliasesCsv({ caller, ip, domainId, input }: { caller: Caller; ip: string | null; domainId: number; input: CsvInput }): Promise<AliasImportOutcome> {
  assertCan(caller, 'aliases:create');
  // Out of reach: not found before the file is read.
  await readAliasDomain({ ex: getDb(), caller, domainId, action: 'aliases:create' });
  const read = await readRows(input);
  if (read.issues.length > 0) return refused(read.issues, read.refusal);
  if (read.rows.length === 0) return refused([{ row: null, column: null, message: 'aliases.csv.empty' }]);
  const issues: ImportIssue[] = [];
  try {
    return await getDb().transaction(async (tx) => {
      const domain = await lockDomainForAliases({ ex: tx, caller, domainId, action: 'aliases:create' });
      if (domain.aliases + read.rows.length > domain.maxAliases) {
        issues.push({ row: null, column: null, message: keyWith('aliases.csv.planLimit', { max: domain.maxAliases, left: Math.max(0, domain.maxAliases - domain.aliases) }) });
        throw new Rollback();
      }
      const created: { id: number; address: string; row: Parsed }[] = [];
      for (const row of read.rows) {
        const address = `${row.values.localPart}@${domain.name}`;
        const taken = (await addressOwner({ ex: tx, domainId: domain.id, localPart: row.values.localPart })) !== null;
        const values = { localPart: row.values.localPart, description: row.values.description, active: row.values.active, senders: row.values.senders };
        const alias = taken ? undefined : await insertAlias({ ex: tx, domainId: domain.id, domainName: domain.name, values });
        if (!alias) issues.push({ row: row.row, column: 'local_part', message: keyWith('wizard.errors.addressTaken', { address: displayAddress(address) }) });
        else created.push({ id: alias.id, address: alias.address, row });
      }
      if (issues.length > 0) throw new Rollback();
      // The targets once every alias of the file exists: a loop is seen when its last edge is added.
      for (const alias of created) {
        const refusal = await targetRefusal({ ex: tx, address: alias.address, targets: alias.row.values.targets });
        if (refusal) issues.push({ row: alias.row.row, column: 'targets', message: refusal });
        else await replaceAliasTargets({ ex: tx, aliasId: alias.id, targets: alias.row.values.targets });
      }
      if (issues.length > 0) throw new Rollback();
      // Send-as once every alias has its targets: a grant may go to an account reached through another row's alias.
      for (const alias of created) {
        const grants = await sendAsGrants({ ex: tx, targets: alias.row.values.targets, sendAs: alias.row.values.sendAs });
        if ('refusal' in grants) issues.push({ row: alias.row.row, column: 'send_as', message: grants.refusal });
        else if (grants.ids.length > 0) await replaceAliasSendAs({ ex: tx, aliasId: alias.id, mailboxIds: grants.ids });
      }
      if (issues.length > 0) throw new Rollback();
      await writeAudits(
        tx,
        created.map((alias) => ({
          actor: caller,
          ip,
          action: 'alias.create',
          targetType: 'alias',
          targetId: alias.id,
          targetLabel: alias.address,
          domain: { id: domain.id, name: domain.name },
          details: {
            description: alias.row.values.description,
            active: alias.row.values.active,
            targets: alias.row.values.targets,
            senders: alias.row.values.senders,
            sendAs: alias.row.values.sendAs,
            imported: true,
          },
        })),
      );
      return { ok: true as const, rows: read.rows.length, created: created.map(({ id, address }) => ({ id, address })) };
    });
  } catch (error) {
    if (error instanceof Rollback) return refused(issues);
    throw error;
  }
}
