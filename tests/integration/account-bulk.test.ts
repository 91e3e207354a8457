import { and, count, eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, domains, mailboxes, mailboxUsage, mailJobs, plans } from '@/db/schema';
import { bulkAccounts } from '@/lib/accounts/bulk/bulk-accounts';
import { listAccounts } from '@/lib/accounts/list-accounts';
import { keyWith } from '@/lib/i18n/keys';
import type { Caller } from '@/lib/auth/caller';
import { adminCaller, postmasterCaller, superadminCaller, userCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, GIB, insertAdmin, insertDomain, insertMailbox, type Fixture, type MailboxRow } from './helpers/fixtures';

const t = useTestDatabase();
const IP = '198.51.100.41';

beforeEach(() => resetTables(t.db()));

type World = Fixture & { A: Caller; PM: Caller; accounts: MailboxRow[] };

/** Admin A's domain: its postmaster, the fixture's account and sales-1..3, support-1..2 (1 GB each). */
async function world(): Promise<World> {
  const f = await createFixture(t.db());
  const accounts = [f.mailbox];
  for (const name of ['sales-1', 'sales-2', 'sales-3', 'support-1', 'support-2']) accounts.push(await insertMailbox(t.db(), f.domain, name));
  return { ...f, A: adminCaller(f.admin), PM: postmasterCaller(f.postmaster), accounts };
}

const bulk = (caller: Caller, domainId: number, input: Record<string, unknown>, chunkSize?: number) =>
  bulkAccounts({ caller, ip: IP, domainId, input, chunkSize });

async function rows(ids: number[]) {
  return t.db().select().from(mailboxes).where(inArray(mailboxes.id, ids)).orderBy(mailboxes.id);
}

async function counts() {
  const [audit] = await t.db().select({ n: count() }).from(auditLog);
  const [job] = await t.db().select({ n: count() }).from(mailJobs);
  const [all] = await t.db().select({ n: count() }).from(mailboxes);
  return { audit: audit!.n, jobs: job!.n, mailboxes: all!.n };
}

async function audits(action: string) {
  return t.db().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id);
}

describe('bulk deactivate / reactivate', () => {
  it('deactivates the ticked accounts set-wise: sessions end, one kick and one audit row each, the postmaster refused', async () => {
    const w = await world();
    const [a, b, c] = w.accounts;
    await t.db().update(mailboxes).set({ active: false }).where(eq(mailboxes.id, c!.id));
    const result = await bulk(w.A, w.domain.id, { action: 'deactivate', ids: [a!.id, b!.id, c!.id, w.postmaster.id] });
    expect(result).toEqual({
      ok: true,
      data: { action: 'deactivate', selected: 4, changed: 2, unchanged: 1, refused: [{ reason: 'postmaster', count: 1, addresses: [w.postmaster.address] }] },
    });
    const [ra, rb] = await rows([a!.id, b!.id]);
    expect(ra).toMatchObject({ active: false, version: 2, sessionVersion: 2 });
    expect(rb).toMatchObject({ active: false, version: 2, sessionVersion: 2 });
    const [pm] = await rows([w.postmaster.id]);
    expect(pm!.active).toBe(true);
    const jobs = await t.db().select().from(mailJobs).orderBy(mailJobs.id);
    expect(jobs.map((j) => [j.kind, j.mailboxId])).toEqual([
      ['kick', a!.id],
      ['kick', b!.id],
    ]);
    const perAccount = await audits('account.deactivate');
    expect(perAccount.map((r) => [r.targetId, r.targetLabel, r.details])).toEqual([
      [String(a!.id), a!.address, { before: { active: true }, after: { active: false } }],
      [String(b!.id), b!.address, { before: { active: true }, after: { active: false } }],
    ]);
    const [summary] = await audits('account.bulk');
    expect(summary).toMatchObject({ targetType: 'domain', targetId: String(w.domain.id), domainName: w.domain.name });
    expect(summary!.details).toEqual({ bulkAction: 'deactivate', selected: 4, changed: 2, unchanged: 1, refused: { postmaster: 1 } });

    const back = await bulk(w.A, w.domain.id, { action: 'reactivate', ids: [a!.id, b!.id] });
    expect(back).toMatchObject({ ok: true, data: { changed: 2, unchanged: 0, refused: [] } });
    expect((await rows([a!.id])).map((r) => r.active)).toEqual([true]);
    expect(await audits('account.reactivate')).toHaveLength(2);
  });

  it('"all that match" takes the list’s own criteria: the same accounts the list shows for the search', async () => {
    const w = await world();
    const listed = await listAccounts({ caller: w.A, domainId: w.domain.id, query: { page: 1, pageSize: 100, q: 'sales', sort: 'address', dir: 'asc' } });
    const result = await bulk(w.A, w.domain.id, { action: 'deactivate', match: { q: 'sales' } });
    expect(result).toMatchObject({ ok: true, data: { selected: listed.total, changed: 3 } });
    const off = await t.db().select({ address: mailboxes.address }).from(mailboxes).where(eq(mailboxes.active, false)).orderBy(mailboxes.address);
    expect(off.map((r) => r.address)).toEqual(listed.rows.map((r) => r.address));
  });

  it('"all that match" takes the list’s filters too, as the list’s URL names them; a bad filter value writes nothing', async () => {
    const w = await world();
    const [, sales1, sales2] = w.accounts;
    await t.db().update(mailboxes).set({ otpEnabledAt: new Date() }).where(inArray(mailboxes.id, [sales1!.id, sales2!.id]));
    const listed = await listAccounts({ caller: w.A, domainId: w.domain.id, query: { page: 1, pageSize: 100, q: 'sales', sort: 'address', dir: 'asc' }, filters: { otp: true } });
    expect(listed.total).toBe(2);
    const result = await bulk(w.A, w.domain.id, { action: 'deactivate', match: { q: 'sales', otp: 'on' } });
    expect(result).toMatchObject({ ok: true, data: { selected: 2, changed: 2 } });
    const off = await t.db().select({ address: mailboxes.address }).from(mailboxes).where(eq(mailboxes.active, false)).orderBy(mailboxes.address);
    expect(off.map((r) => r.address)).toEqual(listed.rows.map((r) => r.address));

    const before = await counts();
    expect(await bulk(w.A, w.domain.id, { action: 'reactivate', match: { q: 'sales', otp: 'maybe' } })).toMatchObject({ ok: false });
    expect(await counts()).toEqual(before);
  });

  it('works through the selection chunk by chunk, reporting progress, with the same result', async () => {
    const w = await world();
    const progress: [number, number][] = [];
    const result = await bulkAccounts({
      caller: w.A,
      ip: IP,
      domainId: w.domain.id,
      input: { action: 'forcePasswordChange', match: {} },
      chunkSize: 3,
      onProgress: (done, total) => void progress.push([done, total]),
    });
    expect(result).toMatchObject({ ok: true, data: { selected: 7, changed: 6, refused: [{ reason: 'postmaster', count: 1 }] } });
    expect(progress).toEqual([
      [0, 7],
      [3, 7],
      [6, 7],
      [7, 7],
    ]);
    expect(await audits('mailbox.update.security')).toHaveLength(6);
  });
});

describe('bulk permissions, row by row', () => {
  it('the superadmin ticking the whole page: the postmaster mailbox is refused, deactivated accounts too', async () => {
    const w = await world();
    const SA = superadminCaller(await insertAdmin(t.db(), { role: 'superadmin' }));
    await t.db().update(mailboxes).set({ active: false }).where(eq(mailboxes.id, w.accounts[0]!.id));
    const ids = [w.postmaster.id, ...w.accounts.map((a) => a.id)];
    const result = await bulk(SA, w.domain.id, { action: 'forcePasswordChange', ids });
    expect(result).toMatchObject({ ok: true, data: { selected: 7, changed: 5, refused: [{ reason: 'postmaster', count: 1 }, { reason: 'inactive', count: 1 }] } });
  });

  it('a postmaster without the domain’s switch is refused on every account (counted, nothing changed)', async () => {
    const w = await world();
    await t.db().update(domains).set({ pmCanToggle: false, pmCanChangeLimits: false }).where(eq(domains.id, w.domain.id));
    const before = await counts();
    const result = await bulk(w.PM, w.domain.id, { action: 'deactivate', ids: w.accounts.map((a) => a.id) });
    expect(result).toMatchObject({ ok: true, data: { selected: 6, changed: 0, refused: [{ reason: 'notAllowed', count: 6 }] } });
    const storage = await bulk(w.PM, w.domain.id, { action: 'storage', quotaBytes: 5 * GIB, match: { q: '' } });
    expect(storage).toMatchObject({ ok: true, data: { selected: 7, changed: 0, refused: [{ reason: 'postmaster', count: 1 }, { reason: 'notAllowed', count: 6 }] } });
    const after = await counts();
    // Only the two summary rows.
    expect(after).toEqual({ ...before, audit: before.audit + 2 });
    expect((await rows(w.accounts.map((a) => a.id))).every((r) => r.active && r.quotaBytes === GIB)).toBe(true);
  });

  it('a postmaster with the switch may; a user may not at all; another admin’s domain is not found', async () => {
    const w = await world();
    await t.db().update(domains).set({ pmCanDelete: true }).where(eq(domains.id, w.domain.id));
    const ok = await bulk(w.PM, w.domain.id, { action: 'delete', ids: [w.accounts[0]!.id], confirmCount: 1 });
    expect(ok).toMatchObject({ ok: true, data: { changed: 1 } });

    const user = userCaller(w.accounts[1]!);
    await expect(bulk(user, w.domain.id, { action: 'deactivate', ids: [w.accounts[1]!.id] })).rejects.toMatchObject({ code: 'forbidden' });

    const other = adminCaller(await insertAdmin(t.db()));
    await expect(bulk(other, w.domain.id, { action: 'deactivate', ids: [w.accounts[1]!.id] })).rejects.toMatchObject({ code: 'notFound' });
    // An id of another domain, sent to this one, is simply not part of the selection.
    const elsewhere = await insertDomain(t.db(), { adminId: w.admin.id, planId: w.plan.id });
    const foreign = await insertMailbox(t.db(), elsewhere, 'x');
    expect(await bulk(w.A, w.domain.id, { action: 'deactivate', ids: [foreign.id] })).toMatchObject({ ok: true, data: { selected: 0, changed: 0 } });
    expect((await rows([foreign.id]))[0]!.active).toBe(true);
  });
});

describe('bulk settings against the plan', () => {
  it('storage: not in the plan, below what is used, beyond the domain’s space, deactivated: each refused with its reason', async () => {
    const w = await world();
    const [a, b, c, d] = w.accounts;
    // 7 mailboxes: 6 × 1 GB + the postmaster's 50 MB. Room for exactly one more 4 GB raise in 11 GB.
    await t.db().update(plans).set({ domainStorageBytes: 11 * GIB }).where(eq(plans.id, w.plan.id));
    await t.db().update(mailboxes).set({ active: false }).where(eq(mailboxes.id, c!.id));

    const notInPlan = await bulk(w.A, w.domain.id, { action: 'storage', quotaBytes: 3 * GIB, ids: [a!.id] });
    expect(notInPlan).toMatchObject({ ok: true, data: { changed: 0, refused: [{ reason: 'notInPlan', count: 1 }] } });

    // a, b and d may each take 5 GB, but the domain has room for one raise: the first by id gets it.
    const result = await bulk(w.A, w.domain.id, { action: 'storage', quotaBytes: 5 * GIB, ids: [a!.id, b!.id, c!.id, d!.id] });
    expect(result).toMatchObject({ ok: true, data: { selected: 4, changed: 1 } });
    if (!result.ok) throw new Error('refused');
    const reasons = Object.fromEntries(result.data.refused.map((r) => [r.reason, r.addresses]));
    expect(reasons).toEqual({ inactive: [c!.address], beyondDomain: [b!.address, d!.address] });
    const quotas = await rows([a!.id, b!.id, c!.id, d!.id]);
    expect(quotas.map((r) => r.quotaBytes / GIB)).toEqual([5, 1, 1, 1]);
  });

  it('storage below what an account uses is refused for it only; recalc jobs and audit rows for the rest', async () => {
    const w = await world();
    const [a, b] = w.accounts;
    await t.db().insert(mailboxUsage).values({ address: b!.address, storageBytes: 2 * GIB });
    await t.db().update(mailboxes).set({ quotaBytes: 5 * GIB }).where(inArray(mailboxes.id, [a!.id, b!.id]));
    const result = await bulk(w.A, w.domain.id, { action: 'storage', quotaBytes: GIB, ids: [a!.id, b!.id] });
    expect(result).toMatchObject({ ok: true, data: { changed: 1, refused: [{ reason: 'belowUsed', addresses: [b!.address] }] } });
    expect((await t.db().select().from(mailJobs)).map((j) => [j.kind, j.mailboxId])).toEqual([['recalc-quota', a!.id]]);
    expect((await audits('mailbox.update.general')).map((r) => r.details)).toEqual([{ before: { quotaBytes: 5 * GIB }, after: { quotaBytes: GIB } }]);
  });

  it('services: on only where the domain and plan offer it; off always, ending IMAP sessions', async () => {
    const w = await world();
    const ids = w.accounts.slice(0, 2).map((a) => a.id);
    const on = await bulk(w.A, w.domain.id, { action: 'serviceOn', service: 'activesync', ids });
    expect(on).toMatchObject({ ok: true, data: { changed: 0, refused: [{ reason: 'serviceNotAllowed', count: 2 }] } });
    const off = await bulk(w.A, w.domain.id, { action: 'serviceOff', service: 'imap', ids });
    expect(off).toMatchObject({ ok: true, data: { changed: 2 } });
    expect((await rows(ids)).map((r) => r.imap)).toEqual([false, false]);
    expect((await t.db().select().from(mailJobs)).map((j) => j.kind)).toEqual(['kick', 'kick']);
    const again = await bulk(w.A, w.domain.id, { action: 'serviceOn', service: 'imap', ids });
    expect(again).toMatchObject({ ok: true, data: { changed: 2 } });
    expect((await audits('mailbox.update.general')).map((r) => r.details)).toContainEqual({ before: { imap: true }, after: { imap: false } });
  });
});

describe('bulk delete', () => {
  it('needs the typed count of the selection; then deletes set-wise with a delete-mail job each', async () => {
    const w = await world();
    const before = await counts();
    const wrong = await bulk(w.A, w.domain.id, { action: 'delete', match: { q: 'sales' }, confirmCount: 2 });
    // The refusal says the number to type: the list may only know "more than 10,000".
    expect(wrong).toMatchObject({ ok: false, code: 'validation', fieldErrors: { confirmCount: keyWith('accounts.bulk.errors.confirmCountIs', { count: 3 }) } });
    const missing = await bulk(w.A, w.domain.id, { action: 'delete', match: { q: 'sales' } });
    expect(missing).toMatchObject({ ok: false, code: 'validation' });
    expect(await counts()).toEqual(before);

    const result = await bulk(w.A, w.domain.id, { action: 'delete', match: { q: 'sales' }, confirmCount: 3 });
    expect(result).toMatchObject({ ok: true, data: { selected: 3, changed: 3 } });
    const left = await t.db().select({ address: mailboxes.address }).from(mailboxes).where(and(eq(mailboxes.domainId, w.domain.id)));
    expect(left.some((r) => r.address.startsWith('sales'))).toBe(false);
    expect((await t.db().select().from(mailJobs)).map((j) => j.kind)).toEqual(['delete-mail', 'delete-mail', 'delete-mail']);
    expect(await audits('account.delete')).toHaveLength(3);
  });

  it('bad input is refused with a message key and writes nothing', async () => {
    const w = await world();
    const before = await counts();
    for (const input of [
      { action: 'explode', ids: [1] },
      { action: 'deactivate' },
      { action: 'deactivate', ids: [1], match: { q: '' } },
      { action: 'deactivate', ids: [] },
      { action: 'deactivate', ids: [1.5] },
      { action: 'deactivate', match: { q: 'a\u0000b' } },
      { action: 'storage', ids: [1] },
      { action: 'serviceOn', ids: [1], service: 'telnet' },
    ]) {
      const result = await bulk(w.A, w.domain.id, input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: 'validation' });
    }
    expect(await counts()).toEqual(before);
  });
});
