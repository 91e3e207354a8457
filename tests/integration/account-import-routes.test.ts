import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as allExport } from '@/app/(panel)/accounts/export.csv/route';
import { GET as domainExport } from '@/app/(panel)/domains/[id]/accounts/export.csv/route';
import { POST as check } from '@/app/(panel)/domains/[id]/accounts/import/check/route';
import { POST as run } from '@/app/(panel)/domains/[id]/accounts/import/run/route';
import { GET as template } from '@/app/(panel)/domains/[id]/accounts/import/template.csv/route';
import { auditLog, mailboxes } from '@/db/schema';
import type { ImportEvent } from '@/lib/accounts/import/present';
import { signInAs } from './authz/support/next-mocks';
import { csvOf } from './helpers/csv';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, insertAdmin, insertDomain, insertMailbox, POSTMASTER_QUOTA_BYTES, type Fixture } from './helpers/fixtures';

// The panel's own CSV route handlers (the import page's Check and Import, the template, Export CSV),
// signed in with a session as the browser would be: who may use them, that a write comes only from the
// panel's own pages, and that Import streams its progress and then its outcome.

await vi.hoisted(() => import('./authz/support/mock-next-request'));

const t = useTestDatabase();
let f: Fixture;

beforeEach(async () => {
  await resetTables(t.db());
  f = await createFixture(t.db());
});

const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const SAME_SITE = { 'sec-fetch-site': 'same-origin', 'content-type': 'text/csv' };
const upload = (path: string, csv: string, headers: Record<string, string> = SAME_SITE) =>
  new Request(`http://panel.test${path}`, { method: 'POST', headers, body: csv });
const CSV = csvOf(['local_part', 'first_name', 'storage'], [
  { local_part: 'anna', first_name: 'Anna' },
  { local_part: 'bruno', first_name: 'Bruno', storage: '3 GB' },
]);
const GOOD = csvOf(['local_part', 'first_name'], [{ local_part: 'anna', first_name: 'Anna' }, { local_part: 'carla', first_name: 'Carla' }]);

async function written() {
  const [m] = await t.db().select({ n: count() }).from(mailboxes);
  const [a] = await t.db().select({ n: count() }).from(auditLog);
  return { mailboxes: m!.n, audit: a!.n };
}

async function events(response: Response): Promise<ImportEvent[]> {
  return (await response.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ImportEvent);
}

describe('Check and Import', () => {
  it('Check answers the problems, row by row, in the caller’s language; Import then writes every account', async () => {
    signInAs(`admin:${f.admin.id}`);
    await t.db().update(mailboxes).set({ language: 'it' }).where(eq(mailboxes.id, f.postmaster.id));
    const checked = await check(upload(`/domains/${f.domain.id}/accounts/import/check`, CSV), params(f.domain.id));
    expect(checked.status).toBe(200);
    const preview = await checked.json();
    expect(preview).toMatchObject({ rows: 2, accounts: 2, issueCount: 1, issues: [{ row: 3, column: 'storage', message: 'Choose one of the plan’s storage options.' }] });

    // The postmaster reads the same problem in Italian, its own language.
    signInAs(`mailbox:${f.postmaster.id}`);
    const italian = await (await check(upload(`/domains/${f.domain.id}/accounts/import/check`, CSV), params(f.domain.id))).json();
    expect(italian.issues[0].message).toBe('Scegli una delle opzioni di spazio del piano.');

    signInAs(`admin:${f.admin.id}`);
    const before = await written();
    const answer = await run(upload(`/domains/${f.domain.id}/accounts/import/run`, GOOD), params(f.domain.id));
    expect(answer.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = await events(answer);
    expect(lines.filter((e) => e.type === 'progress').map((e) => (e.type === 'progress' ? e.phase : ''))).toContain('writing');
    const result = lines.at(-1)!;
    expect(result).toMatchObject({ type: 'result', ok: true, accounts: 2 });
    expect(result.type === 'result' && result.ok && result.generated.map((g) => g.address)).toEqual([`anna@${f.domain.name}`, `carla@${f.domain.name}`]);
    expect((await written()).mailboxes).toBe(before.mailboxes + 2);

    // The same file again: both addresses are taken now, and nothing more is written.
    const again = (await events(await run(upload(`/domains/${f.domain.id}/accounts/import/run`, GOOD), params(f.domain.id)))).at(-1)!;
    expect(again).toMatchObject({ type: 'result', ok: false, issueCount: 2 });
    expect((await written()).mailboxes).toBe(before.mailboxes + 2);
  });

  it('refuses a write from another site (or without an Origin), a signed-out caller, and a caller held by a gate; nothing is written', async () => {
    signInAs(`admin:${f.admin.id}`);
    const before = await written();
    const path = `/domains/${f.domain.id}/accounts/import/run`;
    const foreign: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site', 'content-type': 'text/csv' },
      { origin: 'http://evil.test', host: 'panel.test', 'content-type': 'text/csv' },
      { 'content-type': 'text/csv' },
    ];
    for (const headers of foreign) {
      expect((await run(upload(path, GOOD, headers), params(f.domain.id))).status).toBe(403);
      expect((await check(upload(`/domains/${f.domain.id}/accounts/import/check`, GOOD, headers), params(f.domain.id))).status).toBe(403);
    }
    signInAs(null);
    expect((await run(upload(path, GOOD), params(f.domain.id))).status).toBe(401);
    // A postmaster who must first change its password may do nothing else.
    await t.db().update(mailboxes).set({ forcePasswordChange: true }).where(eq(mailboxes.id, f.postmaster.id));
    signInAs(`mailbox:${f.postmaster.id}`);
    expect((await run(upload(path, GOOD), params(f.domain.id))).status).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('another admin, another domain’s postmaster and a user find nothing (404), for every route; nothing is written', async () => {
    const otherAdmin = await insertAdmin(t.db());
    const otherDomain = await insertDomain(t.db(), { adminId: otherAdmin.id, planId: f.plan.id });
    const otherPm = await insertMailbox(t.db(), otherDomain, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES });
    const before = await written();
    for (const principal of [`admin:${otherAdmin.id}`, `mailbox:${otherPm.id}`, `mailbox:${f.mailbox.id}`]) {
      signInAs(principal);
      const base = `/domains/${f.domain.id}/accounts`;
      expect((await check(upload(`${base}/import/check`, GOOD), params(f.domain.id))).status, principal).toBe(404);
      expect((await run(upload(`${base}/import/run`, GOOD), params(f.domain.id))).status, principal).toBe(404);
      expect((await template(new Request(`http://panel.test${base}/import/template.csv`), params(f.domain.id))).status, principal).toBe(404);
      expect((await domainExport(new Request(`http://panel.test${base}/export.csv`), params(f.domain.id))).status, principal).toBe(404);
    }
    // A user has no account list at all.
    signInAs(`mailbox:${f.mailbox.id}`);
    expect((await allExport(new Request('http://panel.test/accounts/export.csv'))).status).toBe(404);
    signInAs(`admin:${f.admin.id}`);
    expect((await check(upload('/domains/abc/accounts/import/check', GOOD), params('abc'))).status).toBe(404);
    expect(await written()).toEqual(before);
  });
});

describe('downloads', () => {
  it('the template is a file the import accepts; Export CSV streams the caller’s accounts', async () => {
    signInAs(`admin:${f.admin.id}`);
    const file = await template(new Request(`http://panel.test/domains/${f.domain.id}/accounts/import/template.csv`), params(f.domain.id));
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="email-accounts-template.csv"');
    const text = await file.text();
    const checked = await (await check(upload(`/domains/${f.domain.id}/accounts/import/check`, text), params(f.domain.id))).json();
    expect(checked).toMatchObject({ accounts: 2, issueCount: 0 });

    const exported = await domainExport(new Request(`http://panel.test/domains/${f.domain.id}/accounts/export.csv`), params(f.domain.id));
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="email-accounts-domain\d+\.example-\d{4}-\d\d-\d\d\.csv"$/);
    const csv = await exported.text();
    expect(csv).toContain(f.mailbox.address);
    const all = await (await allExport(new Request('http://panel.test/accounts/export.csv'))).text();
    expect(all).toContain(f.mailbox.address);
  });
});

describe('the bulk bar’s route', () => {
  const bulkRequest = (body: unknown) =>
    new Request(`http://panel.test/domains/${f.domain.id}/accounts/bulk`, { method: 'POST', headers: { ...SAME_SITE, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('streams its progress and then the summary as JSON lines; a refusal before any work is problem+json', async () => {
    const { POST: bulk } = await import('@/app/(panel)/domains/[id]/accounts/bulk/route');
    signInAs(`admin:${f.admin.id}`);
    const other = await insertMailbox(t.db(), f.domain, 'other');
    const response = await bulk(bulkRequest({ action: 'deactivate', ids: [f.mailbox.id, other.id] }), params(f.domain.id));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string });
    expect(lines[0]).toEqual({ type: 'progress', done: 0, total: 2 });
    expect(lines.at(-1)).toMatchObject({ type: 'result', summary: { action: 'deactivate', selected: 2, changed: 2 } });
    const rows = await t.db().select({ active: mailboxes.active }).from(mailboxes).where(eq(mailboxes.domainId, f.domain.id));
    expect(rows.filter((row) => !row.active)).toHaveLength(2);

    const refused = await bulk(bulkRequest({ action: 'delete', ids: [f.mailbox.id], confirmCount: 5 }), params(f.domain.id));
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
