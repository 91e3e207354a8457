import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { mailJobs } from '@/db/schema';
import { getDomainGlance, startOfToday } from '@/lib/domains/domain-glance';
import { glanceFigures, glanceRights } from '@/lib/domains/domain-glance-text';
import { adminCaller, postmasterCaller, userCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { GIB, insertAdmin, insertDomain, insertMailbox, insertPlan, POSTMASTER_QUOTA_BYTES } from './helpers/fixtures';

// Issue 23, 14: the postmaster's home shows its domain at a glance, and only its own domain.

const t = useTestDatabase();
beforeEach(() => resetTables(t.db()));

const MINUTE = 60_000;

async function exec(statement: ReturnType<typeof sql>) {
  await t.db().execute(statement);
}

/** What Dovecot's quota_clone writes (a trigger carries it to mailboxes.used_bytes). */
async function usage(address: string, bytes: number) {
  await exec(sql`insert into mailbox_usage (address, storage_bytes, messages) values (${address}, ${bytes}, 1)`);
}

/** What the Postfix policy service writes: a 5-minute bucket of messages sent. */
async function sent(address: string, bucket: Date, messages: number) {
  await exec(sql`insert into mailbox_sent (address, bucket, messages) values (${address}, ${bucket.toISOString()}::timestamptz, ${messages})`);
}

async function world() {
  const db = t.db();
  const admin = await insertAdmin(db);
  const plan = await insertPlan(db, { maxAccounts: 1500, domainStorageBytes: 1500 * GIB, maxDailySendLimit: 12_000, maxMessageBytes: 1.5 * 1024 * 1024 });
  const mine = await insertDomain(db, { adminId: admin.id, planId: plan.id }, { pmCanCreate: true, pmCanDelete: false, pmCanToggle: true, pmCanChangeLimits: false });
  const other = await insertDomain(db, { adminId: admin.id, planId: plan.id });
  const pm = await insertMailbox(db, mine, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES });
  const full = await insertMailbox(db, mine, 'full', { quotaBytes: GIB });
  const ninety = await insertMailbox(db, mine, 'ninety', { quotaBytes: GIB });
  await insertMailbox(db, mine, 'empty', { quotaBytes: 2.5 * GIB });
  const otherPm = await insertMailbox(db, other, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES });
  const otherFull = await insertMailbox(db, other, 'full', { quotaBytes: GIB });

  // 90% or more (as the list marks and filters them): "full" (95%) only; "ninety" is a byte short of 90%.
  await usage(full.address, Math.round(0.95 * GIB));
  await usage(ninety.address, Math.floor(0.9 * GIB));
  await usage(otherFull.address, GIB);

  const now = new Date();
  const midnight = startOfToday('UTC', now);
  await sent(full.address, midnight, 1200);
  await sent(ninety.address, midnight, 30);
  await sent(ninety.address, new Date(midnight.getTime() + 5 * MINUTE), 4);
  await sent(full.address, new Date(midnight.getTime() - 5 * MINUTE), 500); // yesterday
  await sent(otherFull.address, midnight, 77); // another domain

  await t.db().insert(mailJobs).values([
    { address: full.address, mailboxId: full.id, domainId: mine.id, kind: 'kick', state: 'failed' },
    { address: mine.name, domainId: mine.id, kind: 'kick-domain', state: 'failed' },
    { address: ninety.address, mailboxId: ninety.id, domainId: mine.id, kind: 'kick', state: 'pending' },
    { address: otherFull.address, mailboxId: otherFull.id, domainId: other.id, kind: 'kick', state: 'failed' },
  ]);
  return { admin, mine, other, pm, otherPm, now, ninety };
}

describe('the domain at a glance', () => {
  it("counts the postmaster's own domain only: accounts, storage allocated, sent today, over 90%, failed jobs", async () => {
    const w = await world();
    const { glance } = await getDomainGlance({ caller: postmasterCaller(w.pm), id: w.mine.id, now: w.now });
    expect(glance).toEqual({
      accounts: 4,
      maxAccounts: 1500,
      allocatedBytes: POSTMASTER_QUOTA_BYTES + 4.5 * GIB,
      planStorageBytes: 1500 * GIB,
      sentToday: 1234,
      nearlyFull: 1,
      failedJobs: 2,
      rights: { create: true, delete: false, toggle: true, changeLimits: false },
      maxDailySendLimit: 12_000,
      maxMessageBytes: 1.5 * 1024 * 1024,
    });
  });

  it("refuses another domain to a postmaster (not found) and a user's caller", async () => {
    const w = await world();
    await expect(getDomainGlance({ caller: postmasterCaller(w.pm), id: w.other.id })).rejects.toMatchObject({ code: 'notFound' });
    await expect(getDomainGlance({ caller: userCaller(w.ninety), id: w.mine.id })).rejects.toMatchObject({ code: 'forbidden' });
    // The domain's admin reads the other domain's own figures.
    const { glance } = await getDomainGlance({ caller: adminCaller(w.admin), id: w.other.id, now: w.now });
    expect(glance).toMatchObject({ accounts: 2, sentToday: 77, nearlyFull: 1, failedJobs: 1 });
  });

  it("formats every figure in the reader's language", async () => {
    const w = await world();
    const { glance } = await getDomainGlance({ caller: postmasterCaller(w.pm), id: w.mine.id, now: w.now });
    const it_ = Object.fromEntries(glanceFigures(glance, 'it').map((f) => [f.key, f.value]));
    expect(it_).toEqual({ accounts: '4 di 1.500', storage: '4,5 GB di 1,5 TB', sentToday: '1.234', nearlyFull: '1', failedJobs: '2' });
    const en = Object.fromEntries(glanceFigures(glance, 'en').map((f) => [f.key, f.value]));
    expect(en).toEqual({ accounts: '4 of 1,500', storage: '4.5 GB of 1.5 TB', sentToday: '1,234', nearlyFull: '1', failedJobs: '2' });
    expect(glanceRights(glance, 'it').map((r) => r.text)).toEqual([
      'Puoi creare account.',
      'Puoi disattivare e riattivare gli account.',
      'Non puoi eliminare account.',
      'Non puoi cambiare lo spazio né il limite di invii giornaliero di un account.',
      'Il tuo piano consente fino a 1.500 account, 1,5 TB di spazio in tutto e al massimo 12.000 messaggi al giorno per account; messaggi fino a 1,5 MB.',
    ]);
  });

  it("starts today at midnight on the caller's clock", () => {
    const at = new Date('2026-12-07T02:30:00Z');
    expect(startOfToday('UTC', at).toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(startOfToday('Europe/Rome', at).toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(startOfToday('America/New_York', at).toISOString()).toBe('2026-12-06T05:00:00.000Z');
  });
});
