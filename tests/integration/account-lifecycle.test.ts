import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  appPasswords,
  auditLog,
  autoresponders,
  domains,
  mailboxes,
  mailboxLastLogin,
  mailboxSent,
  mailboxUsage,
  mailJobs,
  oneTimeTokens,
  passwordHistory,
  webmailPreferences,
} from '@/db/schema';
import { deleteAccount } from '@/lib/accounts/lifecycle/delete-account';
import { getAccountActions } from '@/lib/accounts/lifecycle/get-account-actions';
import { setAccountActive } from '@/lib/accounts/lifecycle/set-account-active';
import type { Caller } from '@/lib/auth/caller';
import { loadCaller } from '@/lib/auth/load-caller';

import { getDomain } from '@/lib/domains/get-domain';
import { runAction } from '@/lib/errors';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import { updateMasterData } from '@/lib/mailboxes/settings/master-data';
import { GB } from '@/lib/mail/services';
import { adminCaller, postmasterCaller, superadminCaller, userCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { BCRYPT_HASH, createFixture, insertAdmin, insertDomain, insertMailbox, type Fixture, type MailboxRow } from './helpers/fixtures';

const t = useTestDatabase();
const IP = '198.51.100.40';

beforeEach(() => resetTables(t.db()));

type World = Fixture & { A: Caller; PM: Caller };

/** Admin A's domain with its postmaster and one account (fixture: 1 GB quota, 100 GB per domain). */
async function world(): Promise<World> {
  const f = await createFixture(t.db());
  return { ...f, A: adminCaller(f.admin), PM: postmasterCaller(f.postmaster) };
}

async function setPostmasterLimits(domainId: number, values: { pmCanToggle?: boolean; pmCanDelete?: boolean }) {
  await t.db().update(domains).set(values).where(eq(domains.id, domainId));
}

async function mailboxRow(id: number): Promise<MailboxRow | undefined> {
  const [row] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, id));
  return row;
}

async function jobs() {
  return t.db().select().from(mailJobs).orderBy(mailJobs.id);
}

async function auditActions() {
  return (await t.db().select().from(auditLog).orderBy(auditLog.id)).map((row) => row.action);
}

/** What must not move when a request is refused. */
async function snapshot(id: number) {
  const [audit] = await t.db().select({ n: count() }).from(auditLog);
  const [job] = await t.db().select({ n: count() }).from(mailJobs);
  const [all] = await t.db().select({ n: count() }).from(mailboxes);
  return { mailbox: await mailboxRow(id), mailboxes: all!.n, audit: audit!.n, jobs: job!.n };
}

const toggle = (caller: Caller, id: number, active: boolean) => setAccountActive({ caller, ip: IP, id, active });
const remove = (caller: Caller, id: number, confirmAddress: unknown) => deleteAccount({ caller, ip: IP, id, input: { confirmAddress } });
const masterData = async (caller: Caller, id: number, change: Record<string, unknown>) => {
  const form = (await getMailboxSettings({ caller, id })).initial.masterData;
  return updateMasterData({ caller, ip: IP, id, input: { ...form, ...change } });
};

describe('deactivate / reactivate', () => {
  it('deactivating ends the sessions at once, queues a kick and freezes the settings; reactivating thaws them', async () => {
    const w = await world();
    const id = w.mailbox.id;
    expect(await loadCaller({ kind: 'mailbox', id }, 1)).not.toBeNull();

    expect(await toggle(w.A, id, false)).toEqual({ ok: true, data: { active: false, version: 2 } });
    const off = await mailboxRow(id);
    expect(off).toMatchObject({ active: false, version: 2, sessionVersion: 2 });
    // The old session is refused, and so is one with the new version while the account is Offline.
    expect(await loadCaller({ kind: 'mailbox', id }, 1)).toBeNull();
    expect(await loadCaller({ kind: 'mailbox', id }, 2)).toBeNull();
    // The mail host is asked to end its IMAP/POP sessions too; until it has, the account reads Updating.
    expect(await jobs()).toMatchObject([{ kind: 'kick', address: w.mailbox.address, mailboxId: id, domainId: w.domain.id, state: 'pending' }]);
    expect((await mailboxRow(id))?.openJobs).toBe(1);
    expect((await t.db().select().from(auditLog))).toMatchObject([
      {
        action: 'account.deactivate',
        actorAdminId: w.admin.id,
        ip: IP,
        targetType: 'mailbox',
        targetId: String(id),
        targetLabel: w.mailbox.address,
        domainId: w.domain.id,
        domainName: w.domain.name,
        details: { before: { active: true }, after: { active: false } },
      },
    ]);

    // An Offline account cannot be modified.
    expect(await masterData(w.A, id, { firstName: 'Frozen' })).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'mailboxSettings.errors.inactive' });
    expect(await mailboxRow(id)).toMatchObject({ firstName: '', version: 2 });

    // Deactivating again changes nothing (no second job, no audit row).
    expect(await toggle(w.A, id, false)).toEqual({ ok: true, data: { active: false, version: 2 } });
    expect(await jobs()).toHaveLength(1);

    expect(await toggle(w.A, id, true)).toEqual({ ok: true, data: { active: true, version: 3 } });
    expect(await mailboxRow(id)).toMatchObject({ active: true, version: 3, sessionVersion: 2 });
    // Old sessions stay ended; a new sign-in (at the current version) works.
    expect(await loadCaller({ kind: 'mailbox', id }, 1)).toBeNull();
    expect(await loadCaller({ kind: 'mailbox', id }, 2)).not.toBeNull();
    // Reactivating needs nothing from the mail host.
    expect(await jobs()).toHaveLength(1);
    expect(await masterData(w.A, id, { firstName: 'Thawed' })).toEqual({ ok: true, data: { version: 4 } });
    expect(await auditActions()).toEqual(['account.deactivate', 'account.reactivate', 'mailbox.update.masterData']);
  });

  it('a settings save from a page read before the deactivation is refused', async () => {
    const w = await world();
    const form = (await getMailboxSettings({ caller: w.A, id: w.mailbox.id })).initial.general;
    await toggle(w.A, w.mailbox.id, false);
    await toggle(w.A, w.mailbox.id, true);
    // Active again, but the version moved on twice: the stale page must reload first.
    await expect(updateGeneral({ caller: w.A, ip: IP, id: w.mailbox.id, input: { ...form, dailySendLimit: 10 } })).rejects.toMatchObject({ name: 'Failure', code: 'conflict' });
    expect(await mailboxRow(w.mailbox.id)).toMatchObject({ dailySendLimit: 500, version: 3 });
  });

  it('a deactivation racing a settings save: never a save applied to an Offline account', async () => {
    const w = await world();
    const form = (await getMailboxSettings({ caller: w.A, id: w.mailbox.id })).initial.masterData;
    const [save, off] = await Promise.allSettled([
      updateMasterData({ caller: w.A, ip: IP, id: w.mailbox.id, input: { ...form, firstName: 'Racer' } }),
      toggle(w.A, w.mailbox.id, false),
    ]);
    expect(off).toMatchObject({ status: 'fulfilled', value: { ok: true } });
    const row = await mailboxRow(w.mailbox.id);
    expect(row?.active).toBe(false);
    if (save.status === 'fulfilled' && save.value.ok) {
      // The save came first: it is in, and the deactivation moved the version on after it.
      expect(row).toMatchObject({ firstName: 'Racer', version: 3 });
    } else {
      // The deactivation came first: the save was refused as stale or as Offline.
      if (save.status === 'rejected') expect(save.reason).toMatchObject({ name: 'Failure', code: 'conflict' });
      else expect(save.value).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'mailboxSettings.errors.inactive' });
      expect(row).toMatchObject({ firstName: '', version: 2 });
    }
  });

  it('refuses bad ids and a non-boolean state as not found', async () => {
    const w = await world();
    const before = await snapshot(w.mailbox.id);
    for (const id of [Number.NaN, 0, -1, 1.5, 999_999]) await expect(toggle(w.A, id, false), String(id)).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(setAccountActive({ caller: w.A, ip: IP, id: w.mailbox.id, active: 'false' as unknown as boolean })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await snapshot(w.mailbox.id)).toEqual(before);
  });
});

describe('delete', () => {
  it('removes the account and everything that hangs on it, queues delete-mail, and gives its storage back', async () => {
    const w = await world();
    const id = w.mailbox.id;
    const address = w.mailbox.address;
    const keep = await insertMailbox(t.db(), w.domain, 'keep', { quotaBytes: 5 * GB });
    const now = new Date();
    await t.db().insert(mailboxUsage).values([
      { address, storageBytes: 300, messages: 3 },
      { address: keep.address, storageBytes: 700, messages: 7 },
    ]);
    await t.db().insert(mailboxLastLogin).values([{ address, imap: 1_700_000_000 }, { address: keep.address, pop3: 1_700_000_000 }]);
    await t.db().insert(mailboxSent).values([{ address, bucket: now, messages: 4 }, { address: keep.address, bucket: now, messages: 1 }]);
    await t.db().insert(passwordHistory).values([{ mailboxId: id, passwordHash: BCRYPT_HASH }, { mailboxId: keep.id, passwordHash: BCRYPT_HASH }]);
    await t.db().insert(autoresponders).values([{ mailboxId: id, enabled: true, subject: 'Away', body: 'Gone.' }, { mailboxId: keep.id }]);
    await t.db().insert(webmailPreferences).values([{ mailboxId: id }, { mailboxId: keep.id }]);
    await t.db().insert(appPasswords).values({ mailboxId: id, name: 'Phone', protocol: 'imap', lookup: 'phonepw2', passwordHash: BCRYPT_HASH });
    await t.db().insert(oneTimeTokens).values({
      tokenHash: createHash('sha256').update('reset').digest('hex'),
      purpose: 'password_reset',
      mailboxId: id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    await t.db().update(mailboxes).set({ forwards: ['elsewhere@example.org'] }).where(eq(mailboxes.id, id));
    // Something the account did itself, and a job about it from before: both outlive it.
    await t.db().insert(auditLog).values({ actorMailboxId: id, actorLabel: address, action: 'self.update', targetType: 'mailbox', targetId: String(id) });
    await toggle(w.A, id, false);

    const allocatedBefore = (await getDomain({ caller: w.A, id: w.domain.id })).allocated;
    expect(allocatedBefore).toBe(GB + 5 * GB + 50 * 1024 * 1024);

    expect(await remove(w.A, id, address.toUpperCase())).toEqual({ ok: true, data: { address, domainId: w.domain.id } });

    expect(await mailboxRow(id)).toBeUndefined();
    const countOf = async (rows: Promise<unknown[]>) => (await rows).length;
    const db = t.db();
    expect({
      usage: await countOf(db.select().from(mailboxUsage).where(eq(mailboxUsage.address, address))),
      lastLogin: await countOf(db.select().from(mailboxLastLogin).where(eq(mailboxLastLogin.address, address))),
      sent: await countOf(db.select().from(mailboxSent).where(eq(mailboxSent.address, address))),
      history: await countOf(db.select().from(passwordHistory).where(eq(passwordHistory.mailboxId, id))),
      autoresponders: await countOf(db.select().from(autoresponders).where(eq(autoresponders.mailboxId, id))),
      webmail: await countOf(db.select().from(webmailPreferences).where(eq(webmailPreferences.mailboxId, id))),
      appPasswords: await countOf(db.select().from(appPasswords).where(eq(appPasswords.mailboxId, id))),
      tokens: await countOf(db.select().from(oneTimeTokens).where(eq(oneTimeTokens.mailboxId, id))),
    }).toEqual({ usage: 0, lastLogin: 0, sent: 0, history: 0, autoresponders: 0, webmail: 0, appPasswords: 0, tokens: 0 });
    // The other account keeps all of its rows.
    expect({
      usage: await countOf(db.select().from(mailboxUsage)),
      lastLogin: await countOf(db.select().from(mailboxLastLogin)),
      sent: await countOf(db.select().from(mailboxSent)),
      history: await countOf(db.select().from(passwordHistory)),
      autoresponders: await countOf(db.select().from(autoresponders)),
      webmail: await countOf(db.select().from(webmailPreferences)),
    }).toEqual({ usage: 1, lastLogin: 1, sent: 1, history: 1, autoresponders: 1, webmail: 1 });

    // The mail goes later, by address: the kick from before keeps its address, its reference is gone.
    expect(await jobs()).toMatchObject([
      { kind: 'kick', address, mailboxId: null },
      { kind: 'delete-mail', address, mailboxId: null, domainId: w.domain.id, state: 'pending' },
    ]);
    // Its storage is no longer counted against the domain.
    expect((await getDomain({ caller: w.A, id: w.domain.id })).allocated).toBe(allocatedBefore - GB);

    const audit = await db.select().from(auditLog).orderBy(auditLog.id);
    expect(audit.map((row) => row.action)).toEqual(['self.update', 'account.deactivate', 'account.delete']);
    expect(audit[0]).toMatchObject({ actorMailboxId: null, actorLabel: address });
    expect(audit[2]).toMatchObject({
      actorAdminId: w.admin.id,
      ip: IP,
      targetType: 'mailbox',
      targetId: String(id),
      targetLabel: address,
      domainId: w.domain.id,
      domainName: w.domain.name,
      details: { active: false, quotaBytes: GB, usedBytes: 300 },
    });
    // A second attempt finds nothing.
    await expect(remove(w.A, id, address)).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
  });

  it('refuses a wrong or empty typed address at the field, and changes nothing', async () => {
    const w = await world();
    const before = await snapshot(w.mailbox.id);
    const mismatch = { ok: false, code: 'validation', fieldErrors: { confirmAddress: 'accounts.errors.confirmMismatch' } };
    const local = w.mailbox.localPart;
    for (const typed of [`${local}@other.example`, local, w.domain.name, `x${w.mailbox.address}`, w.postmaster.address, '', '   ']) {
      expect(await remove(w.A, w.mailbox.id, typed), typed).toEqual(mismatch);
    }
    expect(await remove(w.A, w.mailbox.id, 42)).toEqual(mismatch);
    expect(await deleteAccount({ caller: w.A, ip: IP, id: w.mailbox.id, input: null })).toEqual({ ok: false, code: 'validation', fieldErrors: {}, formError: 'validation.invalid' });
    expect(await snapshot(w.mailbox.id)).toEqual(before);
  });

  it('accepts the address typed with its Unicode domain, in any case', async () => {
    const w = await world();
    const idn = await insertDomain(t.db(), { adminId: w.admin.id, planId: w.plan.id }, { name: 'xn--bcher-kva.example' });
    const anna = await insertMailbox(t.db(), idn, 'anna');
    const ugo = await insertMailbox(t.db(), idn, 'ugo');
    expect(await remove(w.A, anna.id, ' Anna@Bücher.Example ')).toMatchObject({ ok: true, data: { address: 'anna@xn--bcher-kva.example' } });
    expect(await remove(w.A, ugo.id, 'UGO@XN--BCHER-KVA.EXAMPLE.')).toMatchObject({ ok: true });
    expect(await mailboxRow(anna.id)).toBeUndefined();
    expect(await mailboxRow(ugo.id)).toBeUndefined();
  });
});

describe('postmaster limits', () => {
  it('a postmaster without the toggle permission cannot deactivate; with it, only in its own domain', async () => {
    const w = await world();
    const other = await insertDomain(t.db(), { adminId: w.admin.id, planId: w.plan.id });
    const stranger = await insertMailbox(t.db(), other);
    await setPostmasterLimits(w.domain.id, { pmCanToggle: false });
    expect(await getAccountActions({ caller: w.PM, id: w.mailbox.id })).toEqual({ canToggle: false, canDelete: false });

    const before = await snapshot(w.mailbox.id);
    expect(await toggle(w.PM, w.mailbox.id, false)).toEqual({ ok: false, code: 'forbidden', fieldErrors: {}, formError: 'accounts.errors.toggleNotAllowed' });
    expect(await snapshot(w.mailbox.id)).toEqual(before);
    expect(await loadCaller({ kind: 'mailbox', id: w.mailbox.id }, 1)).not.toBeNull();

    await setPostmasterLimits(w.domain.id, { pmCanToggle: true });
    expect(await getAccountActions({ caller: w.PM, id: w.mailbox.id })).toEqual({ canToggle: true, canDelete: false });
    expect(await toggle(w.PM, w.mailbox.id, false)).toMatchObject({ ok: true, data: { active: false } });
    expect(await toggle(w.PM, w.mailbox.id, true)).toMatchObject({ ok: true, data: { active: true } });
    const audit = await t.db().select().from(auditLog).orderBy(auditLog.id);
    expect(audit.map((row) => [row.action, row.actorMailboxId])).toEqual([
      ['account.deactivate', w.postmaster.id],
      ['account.reactivate', w.postmaster.id],
    ]);

    // Another domain's account does not exist for it, whatever its own permissions.
    const strangerBefore = await snapshot(stranger.id);
    await expect(toggle(w.PM, stranger.id, false)).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(getAccountActions({ caller: w.PM, id: stranger.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await snapshot(stranger.id)).toEqual(strangerBefore);
  });

  it('a postmaster without the delete permission cannot delete; with it, only in its own domain', async () => {
    const w = await world();
    const other = await insertDomain(t.db(), { adminId: w.admin.id, planId: w.plan.id });
    const stranger = await insertMailbox(t.db(), other);
    // Postmasters may not delete by default.
    const before = await snapshot(w.mailbox.id);
    expect(await remove(w.PM, w.mailbox.id, w.mailbox.address)).toEqual({ ok: false, code: 'forbidden', fieldErrors: {}, formError: 'accounts.errors.deleteNotAllowed' });
    expect(await runAction(() => remove(w.PM, w.mailbox.id, w.mailbox.address))).toEqual({ ok: false, code: 'forbidden', fieldErrors: {}, formError: 'accounts.errors.deleteNotAllowed' });
    expect(await snapshot(w.mailbox.id)).toEqual(before);

    await setPostmasterLimits(w.domain.id, { pmCanDelete: true });
    expect(await getAccountActions({ caller: w.PM, id: w.mailbox.id })).toEqual({ canToggle: true, canDelete: true });
    await setPostmasterLimits(other.id, { pmCanDelete: true });
    const strangerBefore = await snapshot(stranger.id);
    await expect(remove(w.PM, stranger.id, stranger.address)).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await snapshot(stranger.id)).toEqual(strangerBefore);

    expect(await remove(w.PM, w.mailbox.id, w.mailbox.address)).toMatchObject({ ok: true });
    expect(await mailboxRow(w.mailbox.id)).toBeUndefined();
    const [audit] = await t.db().select().from(auditLog).where(eq(auditLog.action, 'account.delete'));
    expect(audit).toMatchObject({ actorMailboxId: w.postmaster.id, actorLabel: w.postmaster.address, targetLabel: w.mailbox.address });
  });

  it('the postmaster mailbox is neither deactivated nor deleted this way, by anyone', async () => {
    const w = await world();
    await setPostmasterLimits(w.domain.id, { pmCanToggle: true, pmCanDelete: true });
    const ROOT = superadminCaller(await insertAdmin(t.db(), { role: 'superadmin' }));
    const before = await snapshot(w.postmaster.id);
    for (const caller of [w.A, ROOT, w.PM]) {
      await expect(toggle(caller, w.postmaster.id, false), caller.label).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(remove(caller, w.postmaster.id, w.postmaster.address), caller.label).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(getAccountActions({ caller, id: w.postmaster.id }), caller.label).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    }
    expect(await snapshot(w.postmaster.id)).toEqual(before);
    expect(await loadCaller({ kind: 'mailbox', id: w.postmaster.id }, 1)).not.toBeNull();
  });
});

describe('who may touch which account', () => {
  it('keeps admin B away from admin A’s accounts (not found) and changes nothing; the superadmin reaches them', async () => {
    const w = await world();
    const B = adminCaller(await insertAdmin(t.db()));
    const before = await snapshot(w.mailbox.id);
    await expect(toggle(B, w.mailbox.id, false)).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(remove(B, w.mailbox.id, w.mailbox.address)).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(getAccountActions({ caller: B, id: w.mailbox.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await runAction(() => toggle(B, w.mailbox.id, false))).toEqual({ ok: false, code: 'notFound', fieldErrors: {}, formError: 'errors.notFound' });
    expect(await runAction(() => remove(B, w.mailbox.id, w.mailbox.address))).toEqual({ ok: false, code: 'notFound', fieldErrors: {}, formError: 'errors.notFound' });
    expect(await snapshot(w.mailbox.id)).toEqual(before);

    const ROOT = superadminCaller(await insertAdmin(t.db(), { role: 'superadmin' }));
    expect(await getAccountActions({ caller: ROOT, id: w.mailbox.id })).toEqual({ canToggle: true, canDelete: true });
    expect(await toggle(ROOT, w.mailbox.id, false)).toMatchObject({ ok: true });
    expect(await remove(ROOT, w.mailbox.id, w.mailbox.address)).toMatchObject({ ok: true });
  });

  it('a user can do none of it, not even to itself', async () => {
    const w = await world();
    const user = userCaller(w.mailbox);
    const before = await snapshot(w.mailbox.id);
    await expect(toggle(user, w.mailbox.id, false)).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    await expect(remove(user, w.mailbox.id, w.mailbox.address)).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    await expect(getAccountActions({ caller: user, id: w.mailbox.id })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    expect(await runAction(() => remove(user, w.mailbox.id, w.mailbox.address))).toEqual({ ok: false, code: 'forbidden', fieldErrors: {}, formError: 'errors.notFound' });
    expect(await snapshot(w.mailbox.id)).toEqual(before);
  });
});

describe('concurrent saves of one account', () => {
  it('two saves of one section with the same version: exactly one wins, the other is told', async () => {
    const w = await world();
    const account = await insertMailbox(t.db(), w.domain, 'shared', { quotaBytes: GB });
    const form = (await getMailboxSettings({ caller: w.A, id: account.id })).initial.general;
    expect(form.version).toBe(1);
    const results = await Promise.allSettled([
      updateGeneral({ caller: w.A, ip: IP, id: account.id, input: { ...form, dailySendLimit: 111 } }),
      updateGeneral({ caller: w.PM, ip: IP, id: account.id, input: { ...form, forwardKeepCopy: false } }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toEqual([{ status: 'fulfilled', value: { ok: true, data: { version: 2 } } }]);
    const lost = results.find((r) => r.status === 'rejected');
    expect(lost?.reason).toMatchObject({ name: 'Failure', code: 'conflict' });
    const row = await mailboxRow(account.id);
    // One of the two changes, never both, never neither.
    expect(row?.version).toBe(2);
    expect([row?.dailySendLimit === 111, row?.forwardKeepCopy === false].filter(Boolean)).toHaveLength(1);
    expect(await auditActions()).toEqual(['mailbox.update.general']);
    // Through the action wrapper, the loser reads the conflict message.
    expect(await runAction(() => updateGeneral({ caller: w.A, ip: IP, id: account.id, input: { ...form, dailySendLimit: 222 } }))).toEqual({
      ok: false,
      code: 'conflict',
      fieldErrors: {},
      formError: 'errors.conflict',
    });
  });
});
