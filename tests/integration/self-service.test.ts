import { desc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { admins, auditLog, autoresponders, mailboxes, webmailPreferences } from '@/db/schema';
import { loadCaller } from '@/lib/auth/load-caller';
import { updateAutoresponder } from '@/lib/mailboxes/settings/autoresponder';
import { updateWebmail } from '@/lib/mailboxes/settings/webmail';
import { getOwnSettings, updateOwnAutoresponder, updateOwnLocalization, updateOwnWebmail } from '@/lib/self-service/own-settings';
import { adminCaller, postmasterCaller, superadminCaller, userCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, insertMailbox, type Fixture } from './helpers/fixtures';

const t = useTestDatabase();
const IP = '192.0.2.44';

beforeEach(() => resetTables(t.db()));

async function mailboxRow(id: number) {
  const [row] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, id));
  return row!;
}

async function lastAudit() {
  const [row] = await t.db().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

const webmail = { language: 'it', timeZone: 'europe/rome', dateFormat: 'dd/MM/yyyy', timeFormat: 'h:mm a' } as const;

describe('My settings (self-service)', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture(t.db());
  });

  it('lets a user change its own webmail localization, panel language and time zone, and autoresponder — audited, version-checked', async () => {
    const me = userCaller(f.mailbox);
    const own = await getOwnSettings(me);
    expect(own).toMatchObject({ kind: 'mailbox', address: f.mailbox.address, version: 1, initial: { localization: { language: 'en', timeZone: 'UTC' } } });

    expect(await updateOwnWebmail({ caller: me, ip: IP, input: { version: 1, ...webmail } })).toEqual({ ok: true, data: { version: 2 } });
    const [prefs] = await t.db().select().from(webmailPreferences).where(eq(webmailPreferences.mailboxId, f.mailbox.id));
    expect(prefs).toMatchObject({ language: 'it', timeZone: 'Europe/Rome', dateFormat: 'dd/MM/yyyy', timeFormat: 'h:mm a' });
    expect(await lastAudit()).toMatchObject({ action: 'mailbox.updateOwn.webmail', actorMailboxId: f.mailbox.id, targetId: String(f.mailbox.id), ip: IP });

    expect(await updateOwnLocalization({ caller: me, ip: IP, input: { version: 2, language: 'it', timeZone: 'Europe/Rome' } })).toEqual({ ok: true, data: { version: 3 } });
    expect(await mailboxRow(f.mailbox.id)).toMatchObject({ language: 'it', timeZone: 'Europe/Rome', version: 3 });
    expect(await lastAudit()).toMatchObject({ action: 'mailbox.updateOwn.localization', details: { before: { language: 'en', timeZone: 'UTC' }, after: { language: 'it', timeZone: 'Europe/Rome' } } });
    // The panel follows: the next request's caller speaks Italian.
    const row = await mailboxRow(f.mailbox.id);
    expect(await loadCaller({ kind: 'mailbox', id: f.mailbox.id }, row.sessionVersion)).toMatchObject({ language: 'it', timeZone: 'Europe/Rome' });

    // From / until are in the account's own time zone (Rome: UTC+2 in July).
    const auto = { version: 3, enabled: true, subject: 'Away', body: 'Back on Monday.', startsAt: '2026-07-01T09:00', endsAt: '2026-07-10T18:00' };
    expect(await updateOwnAutoresponder({ caller: me, ip: IP, input: auto })).toEqual({ ok: true, data: { version: 4 } });
    const [ar] = await t.db().select().from(autoresponders).where(eq(autoresponders.mailboxId, f.mailbox.id));
    expect(ar).toMatchObject({ enabled: true, subject: 'Away', body: 'Back on Monday.' });
    expect(ar!.startsAt!.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(ar!.endsAt!.toISOString()).toBe('2026-07-10T16:00:00.000Z');
    expect(await lastAudit()).toMatchObject({ action: 'mailbox.updateOwn.autoresponder', actorMailboxId: f.mailbox.id });
    expect((await getOwnSettings(me)).initial).toMatchObject({ autoresponder: { startsAt: '2026-07-01T09:00', endsAt: '2026-07-10T18:00' } });

    // Refused input changes nothing and says why beside the field.
    expect(await updateOwnAutoresponder({ caller: me, ip: IP, input: { ...auto, version: 4, endsAt: '2026-06-01T00:00' } })).toMatchObject({
      ok: false,
      code: 'validation',
      fieldErrors: { endsAt: 'mailboxSettings.errors.untilBeforeFrom' },
    });
    expect(await updateOwnWebmail({ caller: me, ip: IP, input: { ...webmail, version: 4, timeZone: 'Mars/Olympus' } })).toMatchObject({
      ok: false,
      code: 'validation',
      fieldErrors: { timeZone: 'mailboxSettings.errors.timeZone' },
    });
    // A stale version (someone saved in between) is refused.
    await expect(updateOwnLocalization({ caller: me, ip: IP, input: { version: 3, language: 'en', timeZone: 'UTC' } })).rejects.toMatchObject({ name: 'Failure', code: 'conflict' });
    expect(await mailboxRow(f.mailbox.id)).toMatchObject({ language: 'it', version: 4 });
  });

  it('lets a postmaster change its own settings the same way', async () => {
    const me = postmasterCaller(f.postmaster);
    expect(await updateOwnLocalization({ caller: me, ip: IP, input: { version: 1, language: 'it', timeZone: 'UTC' } })).toEqual({ ok: true, data: { version: 2 } });
    expect(await mailboxRow(f.postmaster.id)).toMatchObject({ language: 'it' });
    expect(await mailboxRow(f.mailbox.id)).toMatchObject({ language: 'en', version: 1 });
  });

  it('ignores every other field: quota, services, security flags, the address book, another mailbox’s id', async () => {
    const me = userCaller(f.mailbox);
    const other = await insertMailbox(t.db(), f.domain);
    const before = await mailboxRow(f.mailbox.id);
    const extras = {
      id: other.id,
      mailboxId: other.id,
      quotaBytes: 999_999_999_999,
      dailySendLimit: 99_999,
      services: { pop: false, imap: false, smtp: false, webmail: true, activesync: true, dav: true, xmpp: true },
      webmail: false,
      otpRequired: true,
      passwordRecoveryDisabled: true,
      passwordChangeDisabled: true,
      forcePasswordChange: true,
      allowedIps: ['10.0.0.0/8'],
      apiAccess: true,
      inAddressBook: false,
      active: false,
      isPostmaster: true,
      sessionVersion: 99,
      recoveryEmail: 'attacker@evil.example',
    };
    expect(await updateOwnWebmail({ caller: me, ip: IP, input: { version: 1, ...webmail, ...extras } })).toEqual({ ok: true, data: { version: 2 } });
    expect(await updateOwnLocalization({ caller: me, ip: IP, input: { version: 2, language: 'it', timeZone: 'UTC', ...extras } })).toEqual({ ok: true, data: { version: 3 } });
    const after = await mailboxRow(f.mailbox.id);
    const { version: _v1, updatedAt: _u1, language: _l1, searchText: _s1, ...restBefore } = before;
    const { version: _v2, updatedAt: _u2, language: _l2, searchText: _s2, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
    // The other mailbox is untouched.
    expect(await mailboxRow(other.id)).toMatchObject({ language: 'en', version: 1 });
    expect(await t.db().select().from(webmailPreferences).where(eq(webmailPreferences.mailboxId, other.id))).toHaveLength(0);
  });

  it('never reaches another mailbox through the administrators’ section saves', async () => {
    const me = userCaller(f.mailbox);
    const other = await insertMailbox(t.db(), f.domain);
    await expect(updateWebmail({ caller: me, ip: IP, id: other.id, input: { version: 1, ...webmail, inAddressBook: false } })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    // Not even its own mailbox: the administrators' sections would let it change its address-book entry.
    await expect(
      updateAutoresponder({ caller: me, ip: IP, id: f.mailbox.id, input: { version: 1, enabled: false, subject: '', body: '', startsAt: '', endsAt: '' } }),
    ).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await mailboxRow(other.id)).toMatchObject({ version: 1 });
  });

  it('refuses a user without Webmail access (no session) and a deactivated account', async () => {
    await t.db().update(mailboxes).set({ webmail: false }).where(eq(mailboxes.id, f.mailbox.id));
    expect(await loadCaller({ kind: 'mailbox', id: f.mailbox.id }, 1)).toBeNull();

    const me = userCaller(f.mailbox);
    await t.db().update(mailboxes).set({ webmail: true, active: false }).where(eq(mailboxes.id, f.mailbox.id));
    expect(await loadCaller({ kind: 'mailbox', id: f.mailbox.id }, 1)).toBeNull();
    expect(await updateOwnWebmail({ caller: me, ip: IP, input: { version: 1, ...webmail } })).toEqual({
      ok: false,
      code: 'refused',
      fieldErrors: {},
      formError: 'mailboxSettings.errors.inactive',
    });
  });

  it('lets admins change their own panel language and time zone, and nothing of a mailbox', async () => {
    for (const caller of [adminCaller(f.admin), superadminCaller(f.admin)]) {
      await t.db().update(admins).set({ language: 'en', timeZone: 'UTC', version: 1 }).where(eq(admins.id, f.admin.id));
      const own = await getOwnSettings(caller);
      expect(own).toMatchObject({ kind: 'admin', address: f.admin.email, initial: { localization: { version: 1, language: 'en', timeZone: 'UTC' } } });
      expect(await updateOwnLocalization({ caller, ip: IP, input: { version: 1, language: 'it', timeZone: 'America/New_York', role: 'superadmin', active: false } })).toEqual({
        ok: true,
        data: { version: 2 },
      });
      const [row] = await t.db().select().from(admins).where(eq(admins.id, f.admin.id));
      expect(row).toMatchObject({ language: 'it', timeZone: 'America/New_York', version: 2, role: 'admin', active: true });
      expect(await lastAudit()).toMatchObject({ action: 'admin.updateOwn.localization', actorAdminId: f.admin.id, targetType: 'admin' });
      await expect(updateOwnLocalization({ caller, ip: IP, input: { version: 1, language: 'en', timeZone: 'UTC' } })).rejects.toMatchObject({ name: 'Failure', code: 'conflict' });
      expect(await updateOwnLocalization({ caller, ip: IP, input: { version: 2, language: 'de', timeZone: 'UTC' } })).toMatchObject({
        ok: false,
        code: 'validation',
        fieldErrors: { language: 'validation.invalid' },
      });
      await expect(updateOwnWebmail({ caller, ip: IP, input: { version: 1, ...webmail } })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    }
  });
});
