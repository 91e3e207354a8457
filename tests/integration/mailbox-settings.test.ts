import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, autoresponders, domains, mailboxes, mailboxUsage, passwordHistory, plans, webmailPreferences } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { loadCaller } from '@/lib/auth/load-caller';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { runAction } from '@/lib/errors';
import { translate } from '@/lib/i18n/translate';
import { updateAutoresponder } from '@/lib/mailboxes/settings/autoresponder';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { updateMasterData } from '@/lib/mailboxes/settings/master-data';
import { updateSecurity } from '@/lib/mailboxes/settings/security';
import { updateWebmail } from '@/lib/mailboxes/settings/webmail';
import { GB, MB } from '@/lib/mail/services';
import { adminCaller, postmasterCaller, superadminCaller, userCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, insertAdmin, insertDomain, insertMailbox, type Fixture, type MailboxRow } from './helpers/fixtures';

const t = useTestDatabase();
const IP = '198.51.100.30';
const OLD_PASSWORD = 'the old password 1';

beforeEach(() => resetTables(t.db()));

type World = Fixture & { A: Caller; PM: Caller };

/** Admin A's domain (fixture plan: 1 GB / 5 GB options, 100 GB per domain, 500 default / 2000 max sends). */
async function world(plan: Partial<typeof plans.$inferInsert> = {}): Promise<World> {
  const f = await createFixture(t.db());
  if (Object.keys(plan).length > 0) await t.db().update(plans).set(plan).where(eq(plans.id, f.plan.id));
  return { ...f, A: adminCaller(f.admin), PM: postmasterCaller(f.postmaster) };
}

async function mailboxRow(id: number): Promise<MailboxRow> {
  const [row] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, id));
  return row!;
}

/** What must not move when a save is refused. */
async function snapshot(id: number) {
  const [audit] = await t.db().select({ n: count() }).from(auditLog);
  const [ar] = await t.db().select({ n: count() }).from(autoresponders);
  const [wp] = await t.db().select({ n: count() }).from(webmailPreferences);
  const [ph] = await t.db().select({ n: count() }).from(passwordHistory);
  return { mailbox: await mailboxRow(id), audit: audit!.n, autoresponders: ar!.n, webmail: wp!.n, history: ph!.n };
}

async function initial(caller: Caller, id: number) {
  return (await getMailboxSettings({ caller, id })).initial;
}

async function lastAudit() {
  const rows = await t.db().select().from(auditLog).orderBy(auditLog.id);
  return rows.at(-1);
}

const args = (caller: Caller, id: number, input: unknown) => ({ caller, ip: IP, id, input });

describe('master data', () => {
  it('saves names, the extra fields the plan enables and the localization, with an audit row', async () => {
    const w = await world({ userDetailFields: ['phone', 'company'] });
    const form = await initial(w.A, w.mailbox.id);
    expect(form.masterData).toEqual({ version: 1, firstName: '', lastName: '', description: '', phone: '', company: '', language: 'en', timeZone: 'UTC', recoveryEmail: '' });
    const result = await updateMasterData(
      args(w.A, w.mailbox.id, { ...form.masterData, firstName: ' Ada ', lastName: 'Lovelace', phone: '+39 06 123', timeZone: 'europe/rome', language: 'it' }),
    );
    expect(result).toEqual({ ok: true, data: { version: 2 } });
    expect(await mailboxRow(w.mailbox.id)).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', phone: '+39 06 123', timeZone: 'Europe/Rome', language: 'it', version: 2 });
    expect(await lastAudit()).toMatchObject({
      action: 'mailbox.update.masterData',
      actorAdminId: w.admin.id,
      ip: IP,
      targetType: 'mailbox',
      targetId: String(w.mailbox.id),
      targetLabel: w.mailbox.address,
      domainId: w.domain.id,
      details: {
        before: { firstName: '', lastName: '', phone: '', timeZone: 'UTC', language: 'en' },
        after: { firstName: 'Ada', lastName: 'Lovelace', phone: '+39 06 123', timeZone: 'Europe/Rome', language: 'it' },
      },
    });
  });

  it('refuses an extra field the plan does not enable, and an unknown time zone; nothing is written', async () => {
    const w = await world({ userDetailFields: ['phone'] });
    const form = (await initial(w.A, w.mailbox.id)).masterData;
    const before = await snapshot(w.mailbox.id);
    expect(await updateMasterData(args(w.A, w.mailbox.id, { ...form, jobTitle: 'CEO' }))).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { jobTitle: 'mailboxSettings.errors.fieldNotInPlan' },
    });
    for (const timeZone of ['Mars/Olympus', '+01:00', '']) {
      const result = await updateMasterData(args(w.A, w.mailbox.id, { ...form, timeZone }));
      expect(result, timeZone).toMatchObject({ ok: false, code: 'validation', fieldErrors: { timeZone: expect.stringMatching(/^(mailboxSettings\.errors\.timeZone|validation\.required)$/) } });
    }
    expect(await updateMasterData(args(w.A, w.mailbox.id, { ...form, language: 'de' }))).toMatchObject({ ok: false, code: 'validation', fieldErrors: { language: 'validation.invalid' } });
    expect(await updateMasterData(args(w.A, w.mailbox.id, { ...form, firstName: 'x'.repeat(101) }))).toMatchObject({ ok: false, code: 'validation', fieldErrors: { firstName: expect.stringContaining('validation.tooLong') } });
    expect(await snapshot(w.mailbox.id)).toEqual(before);
  });
});

describe('general', () => {
  it('saves storage, sending limit, services, forwards and the other options, with an audit row', async () => {
    const w = await world({ dav: true, allowSpamToInbox: true });
    await t.db().update(domains).set({ dav: true }).where(eq(domains.id, w.domain.id));
    const form = (await initial(w.A, w.mailbox.id)).general;
    const input = {
      ...form,
      quotaBytes: String(5 * GB),
      dailySendLimit: '1500',
      services: { ...(form.services as Record<string, boolean>), pop: false, dav: true },
      forwards: 'One@Example.org\n two@bücher.de ',
      forwardKeepCopy: false,
      spamToInbox: true,
      rejectAll: true,
      rejectMessage: 'This address is closed.',
    };
    expect(await updateGeneral(args(w.A, w.mailbox.id, input))).toEqual({ ok: true, data: { version: 2 } });
    expect(await mailboxRow(w.mailbox.id)).toMatchObject({
      quotaBytes: 5 * GB,
      dailySendLimit: 1500,
      pop: false,
      dav: true,
      forwards: ['one@example.org', 'two@xn--bcher-kva.de'],
      forwardKeepCopy: false,
      spamToInbox: true,
      rejectAll: true,
      rejectMessage: 'This address is closed.',
    });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'mailbox.update.general', targetLabel: w.mailbox.address });
    expect(audit?.details).toEqual({
      before: { quotaBytes: GB, dailySendLimit: 500, pop: true, dav: false, forwards: [], forwardKeepCopy: true, spamToInbox: false, rejectAll: false, rejectMessage: '' },
      after: {
        quotaBytes: 5 * GB,
        dailySendLimit: 1500,
        pop: false,
        dav: true,
        forwards: ['one@example.org', 'two@xn--bcher-kva.de'],
        forwardKeepCopy: false,
        spamToInbox: true,
        rejectAll: true,
        rejectMessage: 'This address is closed.',
      },
    });
    // The form reads back what was saved.
    expect((await initial(w.A, w.mailbox.id)).general).toMatchObject({ version: 2, forwards: 'one@example.org\ntwo@xn--bcher-kva.de', quotaBytes: 5 * GB });
  });

  it('refuses every limit with a field error and writes nothing', async () => {
    const w = await world({ storageOptionsBytes: [GB, 5 * GB, 10 * GB], domainStorageBytes: 12 * GB, dav: true, xmpp: false });
    // dav: the plan allows it, the domain does not; xmpp: neither.
    const big = await insertMailbox(t.db(), w.domain, 'big', { quotaBytes: 5 * GB });
    await t.db().insert(mailboxUsage).values({ address: big.address, storageBytes: 2 * GB, messages: 10 });
    const form = (await initial(w.A, w.mailbox.id)).general;
    const services = form.services as Record<string, boolean>;
    const before = await snapshot(w.mailbox.id);
    const cases: [string, Record<string, unknown>, Record<string, string>, number?][] = [
      ['21st forward', { forwards: Array.from({ length: 21 }, (_, i) => `f${i}@example.org`) }, { forwards: 'mailboxSettings.errors.tooManyForwards|{"max":20}' }],
      ['invalid forward', { forwards: 'ok@example.org\nnot-an-address' }, { forwards: 'mailboxSettings.errors.forwardInvalid|{"address":"not-an-address"}' }],
      ['duplicate forward', { forwards: ['a@example.org', 'A@example.org'] }, { forwards: 'mailboxSettings.errors.forwardDuplicate|{"address":"a@example.org"}' }],
      ['forward to itself', { forwards: [w.mailbox.address.toUpperCase()] }, { forwards: 'mailboxSettings.errors.forwardSelf' }],
      ['storage not in the plan', { quotaBytes: 2 * GB }, { quotaBytes: 'mailboxSettings.errors.storageNotInPlan' }],
      // 12 GB − 5 GB (big) − 50 MB (postmaster) leaves 6.95 GB (shown rounded).
      ['storage beyond the domain', { quotaBytes: 10 * GB }, { quotaBytes: 'mailboxSettings.errors.storageBeyondDomain|{"free":"7 GB"}' }],
      ['storage below used', { quotaBytes: GB }, { quotaBytes: 'mailboxSettings.errors.storageBelowUsed|{"used":"2 GB"}' }, big.id],
      ['a service the domain does not enable', { services: { ...services, dav: true } }, { 'services.dav': 'mailboxSettings.errors.serviceNotAllowed' }],
      ['a service the plan does not allow', { services: { ...services, xmpp: true } }, { 'services.xmpp': 'mailboxSettings.errors.serviceNotAllowed' }],
      ['sending limit above the plan maximum', { dailySendLimit: 2001 }, { dailySendLimit: 'mailboxSettings.errors.sendLimitAboveMax|{"max":2000}' }],
      ['negative sending limit', { dailySendLimit: -1 }, { dailySendLimit: 'mailboxSettings.errors.wholeNumber' }],
      ['empty sending limit', { dailySendLimit: '' }, { dailySendLimit: 'mailboxSettings.errors.wholeNumber' }],
      ['spam to Inbox when the plan does not allow it', { spamToInbox: true }, { spamToInbox: 'mailboxSettings.errors.spamNotAllowed' }],
      ['reject all without a message', { rejectAll: true, rejectMessage: '  ' }, { rejectMessage: 'mailboxSettings.errors.rejectMessageRequired' }],
      ['reject message too long', { rejectAll: true, rejectMessage: 'x'.repeat(2001) }, { rejectMessage: 'validation.tooLong|{"max":2000}' }],
    ];
    for (const [name, change, fieldErrors, id = w.mailbox.id] of cases) {
      const base = id === w.mailbox.id ? form : (await initial(w.A, id)).general;
      expect(await updateGeneral(args(w.A, id, { ...base, ...change })), name).toEqual({ ok: false, code: 'validation', fieldErrors });
    }
    expect(await snapshot(w.mailbox.id)).toEqual(before);
    expect((await mailboxRow(big.id)).quotaBytes).toBe(5 * GB);
    // Lowering within what is used and the domain's storage is fine.
    const bigForm = (await initial(w.A, big.id)).general;
    expect(await updateGeneral(args(w.A, big.id, { ...bigForm, quotaBytes: 5 * GB }))).toMatchObject({ ok: true });
  });

  it('two mailboxes raised at once cannot both take the domain’s last free storage', async () => {
    // 7 GB per domain: 50 MB postmaster + 1 GB + 1 GB leaves room for one of them to reach 5 GB, not both.
    const w = await world({ domainStorageBytes: 7 * GB });
    const second = await insertMailbox(t.db(), w.domain, 'second');
    const forms = [(await initial(w.A, w.mailbox.id)).general, (await initial(w.A, second.id)).general];
    const results = await Promise.all([
      updateGeneral(args(w.A, w.mailbox.id, { ...forms[0], quotaBytes: 5 * GB })),
      updateGeneral(args(w.A, second.id, { ...forms[1], quotaBytes: 5 * GB })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ fieldErrors: { quotaBytes: expect.stringContaining('storageBeyondDomain') } });
    const quotas = await t.db().select({ q: mailboxes.quotaBytes }).from(mailboxes).where(eq(mailboxes.domainId, w.domain.id));
    expect(quotas.reduce((sum, r) => sum + r.q, 0)).toBeLessThanOrEqual(7 * GB);
  });

  it('offers the storage options with what stands in their way', async () => {
    const w = await world({ storageOptionsBytes: [GB, 5 * GB, 10 * GB], domainStorageBytes: 8 * GB });
    await t.db().insert(mailboxUsage).values({ address: w.mailbox.address, storageBytes: 2 * GB });
    await t.db().update(mailboxes).set({ quotaBytes: 3 * GB }).where(eq(mailboxes.id, w.mailbox.id));
    const { options, mailbox } = await getMailboxSettings({ caller: w.A, id: w.mailbox.id });
    expect(mailbox).toMatchObject({ quotaBytes: 3 * GB, usedBytes: 2 * GB });
    expect(options.storage).toEqual([
      { bytes: GB, note: 'belowUsed', disabled: true },
      { bytes: 3 * GB, note: 'notInPlan', disabled: false },
      { bytes: 5 * GB, note: null, disabled: false },
      { bytes: 10 * GB, note: 'beyondDomain', disabled: true },
    ]);
    expect(options).toMatchObject({ canChangeStorage: true, canChangeSendLimit: true, freeBytes: 8 * GB - 50 * MB });
  });

  it('keeps a postmaster at 50 MB, while its other settings save', async () => {
    const w = await world();
    const form = (await initial(w.A, w.postmaster.id)).general;
    expect((await getMailboxSettings({ caller: w.A, id: w.postmaster.id })).options.canChangeStorage).toBe(false);
    const before = await snapshot(w.postmaster.id);
    expect(await updateGeneral(args(w.A, w.postmaster.id, { ...form, quotaBytes: GB }))).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { quotaBytes: 'mailboxSettings.errors.storageFixed|{"size":"50 MB"}' },
    });
    expect(await snapshot(w.postmaster.id)).toEqual(before);
    expect(await updateGeneral(args(w.A, w.postmaster.id, { ...form, dailySendLimit: 100 }))).toEqual({ ok: true, data: { version: 2 } });
    expect(await mailboxRow(w.postmaster.id)).toMatchObject({ quotaBytes: 50 * MB, dailySendLimit: 100 });
  });
});

describe('security', () => {
  it('saves the policy and allowed IPs in canonical form; the audit has no hash', async () => {
    const w = await world();
    const form = (await initial(w.A, w.mailbox.id)).security;
    const input = {
      ...form,
      passwordExpiryMonths: '6',
      blockPasswordReuse: true,
      passwordChangeDisabled: true,
      passwordRecoveryDisabled: true,
      forcePasswordChange: true,
      otpRequired: true,
      apiAccess: true,
      allowedIps: '192.0.2.10\n10.0.0.0/8\n2001:DB8::/32\n::1',
    };
    expect(await updateSecurity(args(w.A, w.mailbox.id, input))).toEqual({ ok: true, data: { version: 2 } });
    const row = await mailboxRow(w.mailbox.id);
    expect(row).toMatchObject({
      passwordExpiryMonths: 6,
      blockPasswordReuse: true,
      passwordChangeDisabled: true,
      passwordRecoveryDisabled: true,
      forcePasswordChange: true,
      otpRequired: true,
      apiAccess: true,
      sessionVersion: 1,
      passwordHash: w.mailbox.passwordHash,
    });
    expect((await initial(w.A, w.mailbox.id)).security.allowedIps).toBe('192.0.2.10\n10.0.0.0/8\n2001:db8::/32\n::1');
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'mailbox.update.security' });
    expect((audit?.details as { after: Record<string, unknown> }).after).toMatchObject({ allowedIps: ['192.0.2.10', '10.0.0.0/8', '2001:db8::/32', '::1'], otpRequired: true });
    // Saving the same list again changes nothing in it (Postgres' 192.0.2.10/32 reads back as typed).
    const again = (await initial(w.A, w.mailbox.id)).security;
    expect(await updateSecurity(args(w.A, w.mailbox.id, again))).toEqual({ ok: true, data: { version: 3 } });
    expect((await lastAudit())?.details).toEqual({ before: {}, after: {} });
  });

  it('refuses a 6th IP, a malformed one, a class with host bits set, and a 73-byte password; nothing is written', async () => {
    const w = await world();
    const form = (await initial(w.A, w.mailbox.id)).security;
    const before = await snapshot(w.mailbox.id);
    const cases: [string, Record<string, unknown>, Record<string, string>][] = [
      ['6th IP', { allowedIps: ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5', '192.0.2.6'] }, { allowedIps: 'mailboxSettings.errors.tooManyIps|{"max":5}' }],
      ['malformed IP', { allowedIps: '192.0.2.1\n300.1.2.3' }, { allowedIps: 'mailboxSettings.errors.ipInvalid|{"entry":"300.1.2.3"}' }],
      ['malformed CIDR', { allowedIps: '10.0.0.0/33' }, { allowedIps: 'mailboxSettings.errors.ipInvalid|{"entry":"10.0.0.0/33"}' }],
      ['zone id', { allowedIps: 'fe80::1%eth0' }, { allowedIps: 'mailboxSettings.errors.ipInvalid|{"entry":"fe80::1%eth0"}' }],
      ['host bits set', { allowedIps: '10.0.0.1/8' }, { allowedIps: 'mailboxSettings.errors.ipHostBits|{"entry":"10.0.0.1/8","network":"10.0.0.0/8"}' }],
      ['73-byte password', { newPassword: 'a'.repeat(73), confirmPassword: 'a'.repeat(73) }, { newPassword: 'validation.passwordTooLong|{"max":72}' }],
      ['short password', { newPassword: 'short', confirmPassword: 'short' }, { newPassword: 'validation.passwordTooShort|{"min":12}' }],
      ['passwords differ', { newPassword: 'a long new password', confirmPassword: 'another one entirely' }, { confirmPassword: 'validation.passwordsDiffer' }],
      ['expiry not offered', { passwordExpiryMonths: 4 }, { passwordExpiryMonths: 'validation.invalid' }],
    ];
    for (const [name, change, fieldErrors] of cases) {
      expect(await updateSecurity(args(w.A, w.mailbox.id, { ...form, ...change })), name).toEqual({ ok: false, code: 'validation', fieldErrors });
    }
    expect(translate('en', 'mailboxSettings.errors.ipHostBits|{"entry":"10.0.0.1/8","network":"10.0.0.0/8"}')).toContain('did you mean 10.0.0.0/8?');
    expect(await snapshot(w.mailbox.id)).toEqual(before);
  });

  it('a new password ends the sessions, keeps the old hash in the history and is not in the audit', async () => {
    const w = await world();
    await t.db().update(mailboxes).set({ passwordHash: await hashPassword(OLD_PASSWORD) }).where(eq(mailboxes.id, w.mailbox.id));
    const old = await mailboxRow(w.mailbox.id);
    expect(await loadCaller({ kind: 'mailbox', id: w.mailbox.id }, 1)).not.toBeNull();
    const form = (await initial(w.A, w.mailbox.id)).security;
    const result = await updateSecurity(args(w.A, w.mailbox.id, { ...form, newPassword: 'a brand new password', confirmPassword: 'a brand new password' }));
    expect(result).toEqual({ ok: true, data: { version: 2 } });
    const row = await mailboxRow(w.mailbox.id);
    expect(row.sessionVersion).toBe(2);
    expect(row.passwordChangedAt.getTime()).toBeGreaterThan(old.passwordChangedAt.getTime());
    expect(await verifyPassword('a brand new password', row.passwordHash)).toBe(true);
    expect(await loadCaller({ kind: 'mailbox', id: w.mailbox.id }, 1)).toBeNull();
    expect(await t.db().select({ hash: passwordHistory.passwordHash }).from(passwordHistory).where(eq(passwordHistory.mailboxId, w.mailbox.id))).toEqual([
      { hash: old.passwordHash },
    ]);
    const audit = await lastAudit();
    expect(audit?.details).toEqual({ before: {}, after: {}, passwordChanged: true });
    expect(JSON.stringify(audit)).not.toContain('$2b$');
  });

  it('with reuse blocked, refuses the current and recent passwords', async () => {
    const w = await world();
    await t.db().update(mailboxes).set({ passwordHash: await hashPassword(OLD_PASSWORD), blockPasswordReuse: true }).where(eq(mailboxes.id, w.mailbox.id));
    const form = (await initial(w.A, w.mailbox.id)).security;
    const set = (password: string, version: number) =>
      updateSecurity(args(w.A, w.mailbox.id, { ...form, version, newPassword: password, confirmPassword: password }));
    expect(await set(OLD_PASSWORD, 1)).toEqual({ ok: false, code: 'validation', fieldErrors: { newPassword: 'mailboxSettings.errors.passwordReused' } });
    expect(await set('the second password', 1)).toMatchObject({ ok: true });
    expect(await set(OLD_PASSWORD, 2)).toEqual({ ok: false, code: 'validation', fieldErrors: { newPassword: 'mailboxSettings.errors.passwordReused' } });
    // Without the policy, an old password may come back.
    expect(await updateSecurity(args(w.A, w.mailbox.id, { ...form, version: 2, blockPasswordReuse: false, newPassword: OLD_PASSWORD, confirmPassword: OLD_PASSWORD }))).toMatchObject({ ok: true });
  });
});

describe('autoresponder', () => {
  it('stores from / until entered in the mailbox time zone as instants, creating then updating the row', async () => {
    const w = await world();
    await t.db().update(mailboxes).set({ timeZone: 'Europe/Rome' }).where(eq(mailboxes.id, w.mailbox.id));
    const form = (await initial(w.A, w.mailbox.id)).autoresponder;
    expect(form).toEqual({ version: 1, enabled: false, subject: '', body: '', startsAt: '', endsAt: '' });
    const input = { ...form, enabled: true, subject: 'Away', body: 'Back on Monday.', startsAt: '2024-03-30T18:00', endsAt: '2024-04-01T09:00' };
    expect(await updateAutoresponder(args(w.A, w.mailbox.id, input))).toEqual({ ok: true, data: { version: 2 } });
    const [row] = await t.db().select().from(autoresponders).where(eq(autoresponders.mailboxId, w.mailbox.id));
    // Before the change to summer time UTC+1, after it UTC+2.
    expect(row).toMatchObject({ enabled: true, subject: 'Away', body: 'Back on Monday.' });
    expect(row?.startsAt?.toISOString()).toBe('2024-03-30T17:00:00.000Z');
    expect(row?.endsAt?.toISOString()).toBe('2024-04-01T07:00:00.000Z');
    expect((await initial(w.A, w.mailbox.id)).autoresponder).toMatchObject({ version: 2, startsAt: '2024-03-30T18:00', endsAt: '2024-04-01T09:00' });
    expect(await lastAudit()).toMatchObject({ action: 'mailbox.update.autoresponder', details: { before: { enabled: false, subject: '' }, after: { enabled: true, subject: 'Away' } } });

    expect(await updateAutoresponder(args(w.A, w.mailbox.id, { ...input, version: 2, enabled: false, endsAt: '' }))).toEqual({ ok: true, data: { version: 3 } });
    const all = await t.db().select().from(autoresponders);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ enabled: false, endsAt: null });
  });

  it('refuses until before from, a missing subject or message when on, and a malformed date; nothing is written', async () => {
    const w = await world();
    const form = (await initial(w.A, w.mailbox.id)).autoresponder;
    const on = { ...form, enabled: true, subject: 'Away', body: 'Gone fishing.' };
    const before = await snapshot(w.mailbox.id);
    const cases: [string, Record<string, unknown>, Record<string, string>][] = [
      ['until before from', { ...on, startsAt: '2024-05-02T10:00', endsAt: '2024-05-01T10:00' }, { endsAt: 'mailboxSettings.errors.untilBeforeFrom' }],
      ['until equal to from', { ...on, startsAt: '2024-05-02T10:00', endsAt: '2024-05-02T10:00' }, { endsAt: 'mailboxSettings.errors.untilBeforeFrom' }],
      ['no subject', { ...on, subject: ' ' }, { subject: 'validation.required' }],
      ['no message', { ...on, body: '' }, { body: 'validation.required' }],
      ['malformed date', { ...on, startsAt: '2024-02-30T10:00' }, { startsAt: 'mailboxSettings.errors.dateTime' }],
    ];
    for (const [name, input, fieldErrors] of cases) {
      expect(await updateAutoresponder(args(w.A, w.mailbox.id, input)), name).toEqual({ ok: false, code: 'validation', fieldErrors });
    }
    expect(await snapshot(w.mailbox.id)).toEqual(before);
  });
});

describe('webmail', () => {
  it('saves the start-up localization (creating the row if missing) and the address book flag', async () => {
    const w = await world();
    const form = (await initial(w.A, w.mailbox.id)).webmail;
    expect(form).toEqual({ version: 1, language: 'en', timeZone: 'UTC', dateFormat: 'yyyy-MM-dd', timeFormat: 'HH:mm', inAddressBook: true });
    const input = { ...form, language: 'it', timeZone: 'Europe/Rome', dateFormat: 'dd/MM/yyyy', timeFormat: 'h:mm a', inAddressBook: false };
    expect(await updateWebmail(args(w.A, w.mailbox.id, input))).toEqual({ ok: true, data: { version: 2 } });
    expect(await t.db().select().from(webmailPreferences).where(eq(webmailPreferences.mailboxId, w.mailbox.id))).toMatchObject([
      { language: 'it', timeZone: 'Europe/Rome', dateFormat: 'dd/MM/yyyy', timeFormat: 'h:mm a' },
    ]);
    expect((await mailboxRow(w.mailbox.id)).inAddressBook).toBe(false);
    expect(await lastAudit()).toMatchObject({
      action: 'mailbox.update.webmail',
      details: { before: { language: 'en', inAddressBook: true }, after: { language: 'it', inAddressBook: false } },
    });
    expect(await updateWebmail(args(w.A, w.mailbox.id, { ...input, version: 2, language: 'en' }))).toMatchObject({ ok: true });
    expect(await t.db().select().from(webmailPreferences)).toHaveLength(1);
  });

  it('refuses formats outside the allowed ones and unknown time zones', async () => {
    const w = await world();
    const form = (await initial(w.A, w.mailbox.id)).webmail;
    const before = await snapshot(w.mailbox.id);
    expect(await updateWebmail(args(w.A, w.mailbox.id, { ...form, dateFormat: 'yy-M-d' }))).toEqual({ ok: false, code: 'validation', fieldErrors: { dateFormat: 'validation.invalid' } });
    expect(await updateWebmail(args(w.A, w.mailbox.id, { ...form, timeZone: 'Nowhere/Land' }))).toEqual({ ok: false, code: 'validation', fieldErrors: { timeZone: 'mailboxSettings.errors.timeZone' } });
    // Whatever a hand-made request sends is answered with a message, never an error page.
    for (const junk of [null, 'text', 42, []]) {
      expect(await updateWebmail(args(w.A, w.mailbox.id, junk))).toEqual({ ok: false, code: 'validation', fieldErrors: {}, formError: 'validation.invalid' });
    }
    await expect(updateWebmail(args(w.A, Number.NaN, form))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await snapshot(w.mailbox.id)).toEqual(before);
  });
});

describe('concurrent edits', () => {
  it('of two saves with the same version one wins and the other gets errors.conflict', async () => {
    const w = await world();
    const ROOT = superadminCaller(await insertAdmin(t.db(), { role: 'superadmin' }));
    const form = (await initial(w.A, w.mailbox.id)).masterData;
    expect(await updateMasterData(args(w.A, w.mailbox.id, { ...form, firstName: 'First' }))).toMatchObject({ ok: true });
    await expect(updateMasterData(args(ROOT, w.mailbox.id, { ...form, firstName: 'Second' }))).rejects.toMatchObject({ name: 'Failure', code: 'conflict' });
    // Every section guards the same version, and the action answers with the message key.
    const general = { ...(await initial(w.A, w.mailbox.id)).general, version: 1 };
    expect(await runAction(() => updateGeneral(args(ROOT, w.mailbox.id, { ...general, dailySendLimit: 10 })))).toEqual({
      ok: false,
      code: 'conflict',
      fieldErrors: {},
      formError: 'errors.conflict',
    });
    expect(await mailboxRow(w.mailbox.id)).toMatchObject({ firstName: 'First', dailySendLimit: 500, version: 2 });
    expect(await t.db().select().from(auditLog)).toHaveLength(1);
  });

  it('two saves racing with the same version: exactly one is applied', async () => {
    const w = await world();
    const form = (await initial(w.A, w.mailbox.id)).masterData;
    const results = await Promise.allSettled([
      updateMasterData(args(w.A, w.mailbox.id, { ...form, firstName: 'One' })),
      updateMasterData(args(w.A, w.mailbox.id, { ...form, firstName: 'Two' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ name: 'Failure', code: 'conflict' });
    expect((await mailboxRow(w.mailbox.id)).version).toBe(2);
    expect(await t.db().select().from(auditLog)).toHaveLength(1);
  });
});

describe('who may change what', () => {
  it('keeps admin B away from admin A’s mailboxes (not found) and changes nothing', async () => {
    const w = await world();
    const B = adminCaller(await insertAdmin(t.db()));
    const forms = await initial(w.A, w.mailbox.id);
    const before = await snapshot(w.mailbox.id);
    await expect(getMailboxSettings({ caller: B, id: w.mailbox.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(getMailboxSettings({ caller: B, id: w.postmaster.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(updateMasterData(args(B, w.mailbox.id, forms.masterData))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(updateGeneral(args(B, w.mailbox.id, forms.general))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(updateSecurity(args(B, w.mailbox.id, { ...forms.security, newPassword: 'a hijacked password', confirmPassword: 'a hijacked password' }))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(updateAutoresponder(args(B, w.mailbox.id, forms.autoresponder))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(updateWebmail(args(B, w.mailbox.id, forms.webmail))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(getMailboxSettings({ caller: B, id: 999_999 })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await runAction(() => updateMasterData(args(B, w.mailbox.id, forms.masterData)))).toEqual({ ok: false, code: 'notFound', fieldErrors: {}, formError: 'errors.notFound' });
    expect(await snapshot(w.mailbox.id)).toEqual(before);
    // The superadmin reaches every mailbox.
    const ROOT = superadminCaller(await insertAdmin(t.db(), { role: 'superadmin' }));
    expect(await updateMasterData(args(ROOT, w.mailbox.id, { ...forms.masterData, lastName: 'Root' }))).toMatchObject({ ok: true });
  });

  it('lets a postmaster change its own domain’s accounts, not another domain’s, not the postmaster mailbox', async () => {
    const w = await world();
    const other = await insertDomain(t.db(), { adminId: w.admin.id, planId: w.plan.id });
    const otherUser = await insertMailbox(t.db(), other);
    const forms = await initial(w.A, w.mailbox.id);
    expect(await updateMasterData(args(w.PM, w.mailbox.id, { ...forms.masterData, firstName: 'By PM' }))).toMatchObject({ ok: true });
    const otherForms = await initial(w.A, otherUser.id);
    await expect(getMailboxSettings({ caller: w.PM, id: otherUser.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(updateMasterData(args(w.PM, otherUser.id, otherForms.masterData))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(getMailboxSettings({ caller: w.PM, id: w.postmaster.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(updateGeneral(args(w.PM, w.postmaster.id, (await initial(w.A, w.postmaster.id)).general))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await mailboxRow(otherUser.id)).toMatchObject({ version: 1, firstName: '' });
  });

  it('a postmaster changes storage and the sending limit only with the domain’s permission', async () => {
    const w = await world();
    const general = (await initial(w.PM, w.mailbox.id)).general;
    expect((await getMailboxSettings({ caller: w.PM, id: w.mailbox.id })).options).toMatchObject({ canChangeStorage: false, canChangeSendLimit: false });
    const before = await snapshot(w.mailbox.id);
    expect(await updateGeneral(args(w.PM, w.mailbox.id, { ...general, quotaBytes: 5 * GB, dailySendLimit: 900 }))).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { quotaBytes: 'mailboxSettings.errors.limitsNotAllowed', dailySendLimit: 'mailboxSettings.errors.limitsNotAllowed' },
    });
    expect(await snapshot(w.mailbox.id)).toEqual(before);
    // The rest of the section still saves for it.
    expect(await updateGeneral(args(w.PM, w.mailbox.id, { ...general, forwardKeepCopy: false }))).toMatchObject({ ok: true });

    await t.db().update(domains).set({ pmCanChangeLimits: true }).where(eq(domains.id, w.domain.id));
    const allowed = (await initial(w.PM, w.mailbox.id)).general;
    expect(await updateGeneral(args(w.PM, w.mailbox.id, { ...allowed, quotaBytes: 5 * GB, dailySendLimit: 900 }))).toMatchObject({ ok: true });
    expect(await mailboxRow(w.mailbox.id)).toMatchObject({ quotaBytes: 5 * GB, dailySendLimit: 900 });
    // … and never beyond the plan.
    const again = (await initial(w.PM, w.mailbox.id)).general;
    expect(await updateGeneral(args(w.PM, w.mailbox.id, { ...again, dailySendLimit: 5000 }))).toMatchObject({ ok: false, code: 'validation', fieldErrors: { dailySendLimit: expect.stringContaining('sendLimitAboveMax') } });
  });

  it('a user changes none of these sections, not even its own', async () => {
    const w = await world();
    const user = userCaller(w.mailbox);
    const forms = await initial(w.A, w.mailbox.id);
    const before = await snapshot(w.mailbox.id);
    await expect(getMailboxSettings({ caller: user, id: w.mailbox.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(updateMasterData(args(user, w.mailbox.id, forms.masterData))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(updateWebmail(args(user, w.mailbox.id, { bogus: true }))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await snapshot(w.mailbox.id)).toEqual(before);
  });

  it('refuses to modify an inactive mailbox with a form error', async () => {
    const w = await world();
    const forms = await initial(w.A, w.mailbox.id);
    await t.db().update(mailboxes).set({ active: false }).where(eq(mailboxes.id, w.mailbox.id));
    expect((await getMailboxSettings({ caller: w.A, id: w.mailbox.id })).mailbox.active).toBe(false);
    const before = await snapshot(w.mailbox.id);
    const refused = { ok: false, code: 'refused', fieldErrors: {}, formError: 'mailboxSettings.errors.inactive' };
    expect(await updateMasterData(args(w.A, w.mailbox.id, forms.masterData))).toEqual(refused);
    expect(await updateGeneral(args(w.A, w.mailbox.id, forms.general))).toEqual(refused);
    expect(await updateSecurity(args(w.A, w.mailbox.id, { ...forms.security, newPassword: 'a new password here', confirmPassword: 'a new password here' }))).toEqual(refused);
    expect(await updateAutoresponder(args(w.A, w.mailbox.id, forms.autoresponder))).toEqual(refused);
    expect(await updateWebmail(args(w.A, w.mailbox.id, forms.webmail))).toEqual(refused);
    expect(await snapshot(w.mailbox.id)).toEqual(before);
  });
});
