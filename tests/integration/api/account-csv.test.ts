import { parse } from 'csv-parse/sync';
import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, domains, mailboxes } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { useTestDatabase } from '../helpers/db';
import { csvOf } from '../helpers/csv';
import { call } from './helpers/client';
import { apiWorld, type ApiWorld } from './helpers/world';

// The bulk endpoints, operations importAccounts (POST /domains/{id}/accounts/import) and exportAccounts
// (GET /domains/{id}/accounts/export), through their route handlers; every answer is checked against the
// OpenAPI document by `call`.

const net = vi.hoisted(() => ({ ip: '192.0.2.1' as string | null }));
vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => net.ip }));

const t = useTestDatabase();
let w: ApiWorld;

beforeAll(async () => {
  w = await apiWorld(t.db());
});

const importCsv = (token: string, domainId: number, csv: string, contentType = 'text/csv') =>
  call('POST', `/domains/${domainId}/accounts/import`, { token, raw: csv, contentType });

/** Everything an import could write. */
async function written() {
  const [m] = await t.db().select({ n: count() }).from(mailboxes);
  const [a] = await t.db().select({ n: count() }).from(auditLog);
  return { mailboxes: m!.n, audit: a!.n };
}

describe('import', () => {
  it('creates every account of a good file (201), the generated passwords in this answer only', async () => {
    const csv = csvOf(['local_part', 'first_name', 'password', 'storage', 'services'], [
      { local_part: 'api.one', first_name: 'One', password: 'a long enough password 9', storage: '5 GB', services: 'imap smtp' },
      { local_part: 'api.two', first_name: 'Two' },
    ]);
    const answer = await importCsv(w.tokens.admin, w.domain.id, csv);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ rows: 2, accounts: 2, skipped: [] });
    expect(answer.body.created.map((c: { address: string }) => c.address)).toEqual([`api.one@${w.domain.name}`, `api.two@${w.domain.name}`]);
    expect(answer.body.generated).toEqual([{ address: `api.two@${w.domain.name}`, password: expect.stringMatching(/^[A-Za-z0-9]{20}$/) }]);
    const [two] = await t.db().select().from(mailboxes).where(eq(mailboxes.address, `api.two@${w.domain.name}`));
    expect(await verifyPassword(answer.body.generated[0].password, two!.passwordHash)).toBe(true);
    const [one] = await t.db().select().from(mailboxes).where(eq(mailboxes.address, `api.one@${w.domain.name}`));
    expect(one).toMatchObject({ quotaBytes: 5 * 1024 ** 3, imap: true, smtp: true, pop: false, webmail: false });
  });

  it('writes nothing for a file with bad rows and answers 422 naming each row and column', async () => {
    const before = await written();
    const csv = csvOf(['local_part', 'first_name', 'storage', 'otp_required'], [
      { local_part: 'fine', first_name: 'Fine' },
      { local_part: 'bad one', first_name: 'B' },
      { local_part: 'big', first_name: 'B', storage: '3 GB' },
      { local_part: 'flag', first_name: 'F', otp_required: 'perhaps' },
    ]);
    const answer = await importCsv(w.tokens.admin, w.domain.id, csv);
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body.detail).toBe('Nothing was imported. Problems in the file: 3 (errors lists the first 3).');
    expect(answer.body.errors).toEqual([
      { field: 'rows[3].local_part', code: 'wizard.errors.localPartSpaces', detail: 'An address cannot contain spaces.' },
      { field: 'rows[4].storage', code: 'mailboxSettings.errors.storageNotInPlan', detail: 'Choose one of the plan’s storage options.' },
      { field: 'rows[5].otp_required', code: 'accountImport.errors.boolean', detail: 'Write yes or no.' },
    ]);
    expect(await written()).toEqual(before);

    // A file-wide problem: more rows than the domain has room for (the fixture plan allows 100 accounts).
    const many = csvOf(['local_part', 'first_name'], Array.from({ length: 100 }, (_, i) => ({ local_part: `m${i}`, first_name: 'M' })));
    const full = await importCsv(w.tokens.admin, w.domain.id, many);
    expect(full.status).toBe(422);
    // (and at 1 GB each, more storage than the domain has left)
    expect(full.body.errors).toEqual([
      { field: 'file', code: 'accountImport.errors.noRoom', detail: expect.stringContaining('Accounts in the file: 100.') },
      { field: 'file.storage', code: 'accountImport.errors.storageTotal', detail: expect.stringContaining('Together these accounts need 100 GB') },
    ]);
    expect(await written()).toEqual(before);
  });

  it('answers 413 past 10 MB and 422 for a body that is not CSV, writing nothing', async () => {
    const before = await written();
    const huge = `local_part,first_name,description\n${`x,X,${'d'.repeat(1_000)}\n`.repeat(10_500)}`;
    const big = await importCsv(w.tokens.admin, w.domain.id, huge);
    expect(big.status).toBe(413);
    expect(big.body.detail).toBe('The file is larger than 10 MB. Split it into smaller files.');
    const json = await importCsv(w.tokens.admin, w.domain.id, '{"local_part":"x"}', 'application/json');
    expect(json.status).toBe(422);
    expect(json.body.detail).toBe('Send the file as text/csv.');
    expect(await written()).toEqual(before);
  });

  it('per role: another admin and another domain’s postmaster get 404, a user 403, a read-only token 403; nothing is written', async () => {
    const csv = csvOf(['local_part', 'first_name'], [{ local_part: 'intruder', first_name: 'I' }]);
    const before = await written();
    for (const token of [w.tokens.otherAdmin, w.tokens.otherPostmaster]) expect((await importCsv(token, w.domain.id, csv)).status).toBe(404);
    expect((await importCsv(w.tokens.user, w.domain.id, csv)).status).toBe(403);
    const readOnly = await importCsv(w.tokens.adminRead, w.domain.id, csv);
    expect(readOnly.status).toBe(403);
    expect((await importCsv(w.tokens.admin, 999_999, csv)).status).toBe(404);
    expect(await written()).toEqual(before);
    const [row] = await t.db().select({ n: count() }).from(mailboxes).where(sql`${mailboxes.localPart} = 'intruder'`);
    expect(row!.n).toBe(0);
  });

  it('a postmaster imports into its own domain unless its admin did not allow it to create accounts (403)', async () => {
    const csv = (local: string) => csvOf(['local_part', 'first_name'], [{ local_part: local, first_name: 'P' }]);
    expect((await importCsv(w.tokens.postmaster, w.domain.id, csv('pm.made'))).status).toBe(201);
    await t.db().update(domains).set({ pmCanCreate: false }).where(eq(domains.id, w.domain.id));
    try {
      const refused = await importCsv(w.tokens.postmaster, w.domain.id, csv('pm.refused'));
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toBe('The domain’s admin has not allowed its postmaster to create accounts.');
    } finally {
      await t.db().update(domains).set({ pmCanCreate: true }).where(eq(domains.id, w.domain.id));
    }
  });
});

describe('export', () => {
  it('streams the domain’s accounts as CSV (200, text/csv), readable tokens included', async () => {
    for (const token of [w.tokens.admin, w.tokens.adminRead, w.tokens.postmaster, w.tokens.superadmin]) {
      const answer = await call('GET', `/domains/${w.domain.id}/accounts/export`, { token });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const rows = parse(answer.body as string, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.address)).toContain(w.mailbox.address);
      expect(rows.every((r) => r.domain === w.domain.name && r.password === '')).toBe(true);
    }
  });

  it('another admin, another domain’s postmaster: 404; a user: 403', async () => {
    for (const token of [w.tokens.otherAdmin, w.tokens.otherPostmaster]) {
      expect((await call('GET', `/domains/${w.domain.id}/accounts/export`, { token })).status).toBe(404);
    }
    expect((await call('GET', `/domains/${w.domain.id}/accounts/export`, { token: w.tokens.user })).status).toBe(403);
    expect((await call('GET', `/domains/${w.domain.id}/accounts/export`, { token: null })).status).toBe(401);
  });
});
