import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, domains, mailboxes, mailJobs } from '@/db/schema';
import { deleteAccount } from '@/lib/accounts/lifecycle/delete-account';
import { setAccountActive } from '@/lib/accounts/lifecycle/set-account-active';
import { listAccounts } from '@/lib/accounts/list-accounts';
import type { Caller } from '@/lib/auth/caller';
import { deleteDomain, setDomainActive } from '@/lib/domains/update-domain';
import { kickJob, queueMailJobs } from '@/lib/jobs/enqueue';
import { GB } from '@/lib/mail/services';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { resetMailboxOtp } from '@/lib/mailboxes/settings/reset-otp';
import { updateSecurity } from '@/lib/mailboxes/settings/security';
import { adminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, type Fixture } from './helpers/fixtures';

// Every change that needs the mail host queues its job in the change's own transaction.

const t = useTestDatabase();
const IP = '198.51.100.7';

beforeEach(() => resetTables(t.db()));

type World = Fixture & { A: Caller };

async function world(): Promise<World> {
  const f = await createFixture(t.db());
  return { ...f, A: adminCaller(f.admin) };
}

async function jobs() {
  return t.db().select().from(mailJobs).orderBy(mailJobs.id);
}

async function openJobsOf(id: number) {
  const [row] = await t.db().select({ openJobs: mailboxes.openJobs }).from(mailboxes).where(eq(mailboxes.id, id));
  return row?.openJobs;
}

async function forms(caller: Caller, id: number) {
  return (await getMailboxSettings({ caller, id })).initial;
}

describe('queueing with the change', () => {
  it('a deactivated account gets a kick and reads Updating until it is done', async () => {
    const w = await world();
    expect(await setAccountActive({ caller: w.A, ip: IP, id: w.mailbox.id, active: false })).toMatchObject({ ok: true });
    expect(await jobs()).toMatchObject([{ kind: 'kick', address: w.mailbox.address, mailboxId: w.mailbox.id, domainId: w.domain.id, state: 'pending', attempts: 0 }]);
    const list = await listAccounts({ caller: w.A, query: { page: 1, pageSize: 25, q: '', sort: 'address', dir: 'asc' }, domainId: w.domain.id });
    expect(list.rows.find((row) => row.id === w.mailbox.id)?.status).toBe('updating');
    await t.db().update(mailJobs).set({ state: 'done' });
    const after = await listAccounts({ caller: w.A, query: { page: 1, pageSize: 25, q: '', sort: 'address', dir: 'asc' }, domainId: w.domain.id });
    expect(after.rows.find((row) => row.id === w.mailbox.id)?.status).toBe('offline');
  });

  it('the account page reads the same status as the list: Updating, then Offline or Online', async () => {
    const w = await world();
    const status = async () => {
      const list = await listAccounts({ caller: w.A, query: { page: 1, pageSize: 25, q: '', sort: 'address', dir: 'asc' }, domainId: w.domain.id });
      const page = (await getMailboxSettings({ caller: w.A, id: w.mailbox.id })).mailbox.status;
      expect(page).toBe(list.rows.find((row) => row.id === w.mailbox.id)?.status);
      return page;
    };
    const finishJobs = () => t.db().update(mailJobs).set({ state: 'done' });
    expect(await status()).toBe('online');
    expect(await setAccountActive({ caller: w.A, ip: IP, id: w.mailbox.id, active: false })).toMatchObject({ ok: true });
    expect(await status()).toBe('updating');
    await finishJobs();
    expect(await status()).toBe('offline');
    expect(await setAccountActive({ caller: w.A, ip: IP, id: w.mailbox.id, active: true })).toMatchObject({ ok: true });
    await finishJobs();
    expect(await status()).toBe('online');
    // A deactivated domain takes its accounts offline, though each keeps its own active flag.
    expect(await setDomainActive({ caller: w.A, ip: IP, id: w.domain.id, active: false })).toMatchObject({ ok: true });
    await finishJobs();
    expect(await status()).toBe('offline');
    expect((await getMailboxSettings({ caller: w.A, id: w.mailbox.id })).mailbox.active).toBe(true);
  });

  it('a rolled-back change leaves no job behind', async () => {
    const w = await world();
    // The audit row is the change's last write: make it fail, so the whole transaction rolls back.
    await t.db().execute(sql`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'no audit today'; end $$`);
    await t.db().execute(sql`create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()`);
    try {
      await expect(setAccountActive({ caller: w.A, ip: IP, id: w.mailbox.id, active: false })).rejects.toThrow();
      await expect(deleteAccount({ caller: w.A, ip: IP, id: w.mailbox.id, input: { confirmAddress: w.mailbox.address } })).rejects.toThrow();
      await expect(setDomainActive({ caller: w.A, ip: IP, id: w.domain.id, active: false })).rejects.toThrow();
      // A job queued by hand inside a transaction that fails goes with it too.
      await expect(
        t.db().transaction(async (tx) => {
          await queueMailJobs(tx, [kickJob({ id: w.mailbox.id, address: w.mailbox.address, domainId: w.domain.id })]);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
    } finally {
      await t.db().execute(sql`drop trigger refuse_audit on audit_log`);
      await t.db().execute(sql`drop function refuse_audit()`);
    }
    expect(await jobs()).toEqual([]);
    expect(await openJobsOf(w.mailbox.id)).toBe(0);
    const [mailbox] = await t.db().select({ active: mailboxes.active }).from(mailboxes).where(eq(mailboxes.id, w.mailbox.id));
    expect(mailbox?.active).toBe(true);
    expect(await t.db().select().from(auditLog)).toEqual([]);
  });

  it('security: a new password, changed allowed IPs or OTP becoming required kick; other policy changes do not', async () => {
    const w = await world();
    const id = w.mailbox.id;
    let form = (await forms(w.A, id)).security;
    const save = async (change: Record<string, unknown>) => {
      const result = await updateSecurity({ caller: w.A, ip: IP, id, input: { ...form, ...change } });
      expect(result).toMatchObject({ ok: true });
      form = (await forms(w.A, id)).security;
    };
    await save({ blockPasswordReuse: true, passwordExpiryMonths: 6 });
    expect(await jobs()).toEqual([]);
    await save({ newPassword: 'a fresh long passphrase 42', confirmPassword: 'a fresh long passphrase 42' });
    await save({ allowedIps: '192.0.2.0/24' });
    await save({ allowedIps: '192.0.2.0/24' });
    await save({ otpRequired: true });
    await save({ otpRequired: false });
    expect((await jobs()).map((job) => job.kind)).toEqual(['kick', 'kick', 'kick']);
    expect(await openJobsOf(id)).toBe(3);
  });

  it('general: a new storage limit recomputes usage; IMAP, POP3 or SMTP off kicks; the rest needs nothing', async () => {
    const w = await world();
    const id = w.mailbox.id;
    let form = (await forms(w.A, id)).general;
    const save = async (change: Record<string, unknown>) => {
      expect(await updateGeneral({ caller: w.A, ip: IP, id, input: { ...form, ...change } })).toMatchObject({ ok: true });
      form = (await forms(w.A, id)).general;
    };
    await save({ forwards: 'elsewhere@example.org', spamToInbox: false });
    expect(await jobs()).toEqual([]);
    await save({ quotaBytes: 5 * GB });
    expect((await jobs()).map((job) => job.kind)).toEqual(['recalc-quota']);
    await save({ services: { ...form.services, imap: false } });
    // Switching a service back on needs nothing (new logins simply work again).
    await save({ services: { ...form.services, imap: true } });
    await save({ services: { ...form.services, webmail: false } });
    await save({ services: { ...form.services, smtp: false }, quotaBytes: GB });
    expect((await jobs()).map((job) => job.kind)).toEqual(['recalc-quota', 'kick', 'kick', 'recalc-quota']);
  });

  it('an OTP reset kicks', async () => {
    const w = await world();
    expect(await resetMailboxOtp({ caller: w.A, ip: IP, id: w.mailbox.id })).toMatchObject({ ok: true });
    expect(await jobs()).toMatchObject([{ kind: 'kick', mailboxId: w.mailbox.id }]);
  });

  it('deleting an account queues the removal of its mail by address; deleting a domain, of the domain’s', async () => {
    const w = await world();
    expect(await deleteAccount({ caller: w.A, ip: IP, id: w.mailbox.id, input: { confirmAddress: w.mailbox.address } })).toMatchObject({ ok: true });
    expect(await jobs()).toMatchObject([{ kind: 'delete-mail', address: w.mailbox.address, mailboxId: null, domainId: w.domain.id }]);

    expect(await setDomainActive({ caller: w.A, ip: IP, id: w.domain.id, active: false })).toEqual({ ok: true, data: { active: false } });
    expect(await deleteDomain({ caller: w.A, ip: IP, id: w.domain.id, input: { confirmName: w.domain.name } })).toMatchObject({ ok: true });
    // The domain row is gone: its jobs keep their target, and belong to no domain any more.
    expect(await jobs()).toMatchObject([
      { kind: 'delete-mail', address: w.mailbox.address, domainId: null },
      { kind: 'kick-domain', address: w.domain.name, mailboxId: null, domainId: null },
      { kind: 'delete-domain-mail', address: w.domain.name, mailboxId: null, domainId: null },
    ]);
    expect(await t.db().select().from(domains)).toEqual([]);
  });
});
