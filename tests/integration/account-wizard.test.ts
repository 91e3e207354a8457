import { count, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { accountDrafts, auditLog, domains, mailboxes, plans, webmailPreferences } from '@/db/schema';
import { createAccount } from '@/lib/accounts/wizard/create-account';
import { getWizard } from '@/lib/accounts/wizard/get-wizard';
import { saveAccountStep, saveOptionsStep, saveSecurityStep, saveServicesStep } from '@/lib/accounts/wizard/steps';
import type { Caller } from '@/lib/auth/caller';
import { runAction } from '@/lib/errors';
import { translate } from '@/lib/i18n/translate';
import { canonicalIpEntry } from '@/lib/validations/ip-allowlist';
import { GB, MB } from '@/lib/mail/services';
import { adminCaller, postmasterCaller, superadminCaller, userCaller } from './helpers/callers';
import { verifyCredentials } from './helpers/credentials';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, insertAdmin, insertDomain, insertMailbox, type Fixture } from './helpers/fixtures';

const t = useTestDatabase();
const IP = '198.51.100.40';
const PASSWORD = 'a long enough password 1';

beforeEach(() => resetTables(t.db()));

type World = Fixture & { A: Caller; PM: Caller };

/**
 * Admin A's domain: a postmaster (50 MB) and one 1 GB mailbox. Fixture plan: 1 GB / 5 GB options,
 * 100 GB per domain, 100 accounts, 500 messages a day by default; POP, IMAP, SMTP and Webmail.
 */
async function world(plan: Partial<typeof plans.$inferInsert> = {}, domain: Partial<typeof domains.$inferInsert> = {}): Promise<World> {
  const f = await createFixture(t.db());
  if (Object.keys(plan).length > 0) await t.db().update(plans).set(plan).where(eq(plans.id, f.plan.id));
  if (Object.keys(domain).length > 0) await t.db().update(domains).set(domain).where(eq(domains.id, f.domain.id));
  return { ...f, A: adminCaller(f.admin), PM: postmasterCaller(f.postmaster) };
}

const SERVICES_OFF = { pop: false, imap: false, smtp: false, webmail: false, activesync: false, dav: false, xmpp: false };

const step1 = (over: Record<string, unknown> = {}) => ({
  firstName: ' Ada ',
  lastName: 'Lovelace',
  description: '',
  localPart: ' Ada.Lovelace ',
  passwordMode: 'set',
  password: PASSWORD,
  confirmPassword: PASSWORD,
  ...over,
});
const step2 = (over: Record<string, unknown> = {}) => ({ quotaBytes: String(GB), services: { ...SERVICES_OFF, imap: true, smtp: true, webmail: true }, ...over });
const step3 = (over: Record<string, unknown> = {}) => ({
  forcePasswordChange: true,
  passwordExpiryMonths: '6',
  blockPasswordReuse: true,
  passwordChangeDisabled: false,
  passwordRecoveryDisabled: true,
  otpRequired: true,
  allowedIps: '192.0.2.10\n10.0.0.0/8\n2001:DB8::/32',
  apiAccess: true,
  ...over,
});
const step4 = (over: Record<string, unknown> = {}) => ({ forwards: 'One@Example.org\ntwo@bücher.de', forwardKeepCopy: false, spamToInbox: false, ...over });

type Args = { caller: Caller; domainId: number; draftId: unknown; input: unknown };
const args = (caller: Caller, domainId: number, draftId: unknown, input: unknown): Args => ({ caller, domainId, draftId, input });
const create = (caller: Caller, domainId: number, draftId: unknown) => createAccount({ caller, ip: IP, domainId, draftId });

function must<T>(result: { ok: true; data: T } | { ok: false }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.data;
}

/** Saves steps 1 to `upto` (with the given inputs) and returns the draft's id. */
async function through(
  caller: Caller,
  domainId: number,
  upto: 1 | 2 | 3 | 4,
  inputs: { s1?: unknown; s2?: unknown; s3?: unknown; s4?: unknown } = {},
): Promise<string> {
  const { draftId } = must(await saveAccountStep(args(caller, domainId, null, inputs.s1 ?? step1())));
  if (upto >= 2) must(await saveServicesStep(args(caller, domainId, draftId, inputs.s2 ?? step2())));
  if (upto >= 3) must(await saveSecurityStep(args(caller, domainId, draftId, inputs.s3 ?? step3())));
  if (upto >= 4) must(await saveOptionsStep(args(caller, domainId, draftId, inputs.s4 ?? step4())));
  return draftId;
}

async function draftRow(id: string) {
  const [row] = await t.db().select().from(accountDrafts).where(eq(accountDrafts.id, id));
  return row;
}

/** What must not move when something is refused. */
async function snapshot() {
  const [m] = await t.db().select({ n: count() }).from(mailboxes);
  const [w] = await t.db().select({ n: count() }).from(webmailPreferences);
  const [a] = await t.db().select({ n: count() }).from(auditLog);
  const drafts = await t.db().select({ id: accountDrafts.id, step: accountDrafts.step, data: accountDrafts.data }).from(accountDrafts).orderBy(accountDrafts.createdAt);
  return { mailboxes: m!.n, webmail: w!.n, audit: a!.n, drafts };
}

describe('creating an account through the four steps', () => {
  it('writes the mailbox with every field of the four steps, its webmail row and an audit row, and deletes the draft', async () => {
    const w = await world({ dav: true, allowSpamToInbox: true }, { dav: true });
    const draftId = await through(w.A, w.domain.id, 4, {
      s2: step2({ quotaBytes: 5 * GB, services: { ...SERVICES_OFF, imap: true, smtp: true, webmail: true, dav: true } }),
      s4: step4({ spamToInbox: true }),
    });
    const before = Date.now();
    const created = must(await create(w.A, w.domain.id, draftId));
    const address = `ada.lovelace@${w.domain.name}`;
    expect(created.address).toBe(address);

    const [row] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, created.id));
    expect(row).toMatchObject({
      domainId: w.domain.id,
      localPart: 'ada.lovelace',
      address,
      isPostmaster: false,
      active: true,
      firstName: 'Ada',
      lastName: 'Lovelace',
      description: '',
      quotaBytes: 5 * GB,
      dailySendLimit: 500,
      pop: false,
      imap: true,
      smtp: true,
      webmail: true,
      activesync: false,
      dav: true,
      xmpp: false,
      forcePasswordChange: true,
      passwordExpiryMonths: 6,
      blockPasswordReuse: true,
      passwordChangeDisabled: false,
      passwordRecoveryDisabled: true,
      otpRequired: true,
      apiAccess: true,
      forwards: ['one@example.org', 'two@xn--bcher-kva.de'],
      forwardKeepCopy: false,
      spamToInbox: true,
      language: 'en',
      timeZone: 'UTC',
    });
    // Postgres writes a single address as a /32 or /128 class.
    expect(row!.allowedIps.map(canonicalIpEntry)).toEqual(['192.0.2.10', '10.0.0.0/8', '2001:db8::/32']);
    expect(row!.passwordHash).toMatch(/^\$2b\$/);
    expect(row!.passwordChangedAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    // The sign-in accepts the password from an allowed address (the mail servers read the same list).
    expect(await verifyCredentials(address, PASSWORD, '10.20.30.40')).toMatchObject({ principal: `mailbox:${created.id}` });
    expect(await verifyCredentials(address, PASSWORD, '203.0.113.9')).toBeNull();

    expect(await t.db().select().from(webmailPreferences).where(eq(webmailPreferences.mailboxId, created.id))).toHaveLength(1);
    expect(await draftRow(draftId)).toBeUndefined();
    const audit = await t.db().select().from(auditLog);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'account.create',
      actorAdminId: w.admin.id,
      ip: IP,
      targetType: 'mailbox',
      targetId: String(created.id),
      targetLabel: address,
      domainId: w.domain.id,
      details: { quotaBytes: 5 * GB, services: ['imap', 'smtp', 'webmail', 'dav'], passwordGenerated: false, spamToInbox: true },
    });
    const details = JSON.stringify(audit[0]!.details);
    expect(details).not.toContain('$2b$');
    expect(details).not.toContain(PASSWORD);
  });

  it('generates a password: only its hash is kept in the draft, it is shown once, and it signs in', async () => {
    const w = await world();
    const first = must(await saveAccountStep(args(w.A, w.domain.id, null, step1({ passwordMode: 'generate', password: '', confirmPassword: '' }))));
    expect(first.generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const generated = first.generatedPassword!;
    const stored = JSON.stringify((await draftRow(first.draftId))!.data);
    expect(stored).not.toContain(generated);
    expect(stored).toContain('$2b$');

    // Back to step 1: the page knows a password is set; empty fields keep it, and it is not shown again.
    const wizard = await getWizard({ caller: w.A, domainId: w.domain.id, draftId: first.draftId });
    expect(wizard.draft).toMatchObject({ state: 'open', passwordSet: true, passwordGenerated: true });
    expect(wizard.defaults.account).toMatchObject({ passwordMode: 'set', password: '', confirmPassword: '' });
    const again = must(await saveAccountStep(args(w.A, w.domain.id, first.draftId, step1({ passwordMode: 'set', password: '', confirmPassword: '' }))));
    expect(again).toEqual({ draftId: first.draftId });
    expect(JSON.stringify((await draftRow(first.draftId))!.data)).toBe(stored);

    must(await saveServicesStep(args(w.A, w.domain.id, first.draftId, step2())));
    must(await saveSecurityStep(args(w.A, w.domain.id, first.draftId, step3({ allowedIps: '' }))));
    must(await saveOptionsStep(args(w.A, w.domain.id, first.draftId, step4())));
    const created = must(await create(w.A, w.domain.id, first.draftId));
    expect(await verifyCredentials(created.address, generated)).toMatchObject({ principal: `mailbox:${created.id}` });
    expect((await t.db().select().from(auditLog))[0]?.details).toMatchObject({ passwordGenerated: true });
  });

  it('takes a description instead of a first name, and a postmaster with pmCanCreate may create', async () => {
    const w = await world();
    const draftId = await through(w.PM, w.domain.id, 4, {
      s1: step1({ firstName: '', lastName: '', description: 'Sales enquiries', localPart: 'info' }),
      s3: step3({ allowedIps: '' }),
    });
    expect((await draftRow(draftId))?.ownerMailboxId).toBe(w.postmaster.id);
    const created = must(await create(w.PM, w.domain.id, draftId));
    expect(created.address).toBe(`info@${w.domain.name}`);
    expect((await t.db().select().from(auditLog))[0]).toMatchObject({ action: 'account.create', actorMailboxId: w.postmaster.id });
  });
});

describe('going back and forth', () => {
  it('keeps what each step saved: after step 2, the draft still has step 1’s values', async () => {
    const w = await world();
    const draftId = await through(w.A, w.domain.id, 2, { s2: step2({ quotaBytes: 5 * GB }) });
    const wizard = await getWizard({ caller: w.A, domainId: w.domain.id, draftId });
    expect(wizard.draft).toMatchObject({ state: 'open', id: draftId, reached: 3, passwordSet: true, saved: { account: true, services: true, security: false, options: false } });
    expect(wizard.defaults.account).toEqual({
      firstName: 'Ada',
      lastName: 'Lovelace',
      description: '',
      localPart: 'ada.lovelace',
      passwordMode: 'set',
      password: '',
      confirmPassword: '',
    });
    expect(wizard.defaults.services).toEqual({ quotaBytes: 5 * GB, services: { ...SERVICES_OFF, imap: true, smtp: true, webmail: true } });

    // Changing step 1 keeps step 2 as it was.
    must(await saveAccountStep(args(w.A, w.domain.id, draftId, step1({ lastName: 'King', password: '', confirmPassword: '' }))));
    const after = await getWizard({ caller: w.A, domainId: w.domain.id, draftId });
    expect(after.defaults.account.lastName).toBe('King');
    expect(after.defaults.services.quotaBytes).toBe(5 * GB);
    expect(after.draft).toMatchObject({ reached: 3 });
  });

  it('starts a new draft with the domain’s default storage and the services it offers', async () => {
    const w = await world({ dav: true }, { dav: true, pop: false, defaultStorageBytes: 5 * GB });
    const wizard = await getWizard({ caller: w.A, domainId: w.domain.id, draftId: null });
    expect(wizard.refusal).toBeNull();
    expect(wizard.draft).toBeNull();
    expect(wizard.defaults.services).toEqual({ quotaBytes: 5 * GB, services: { ...SERVICES_OFF, imap: true, smtp: true, webmail: true, dav: true } });
    expect(wizard.options.services).toEqual({ ...SERVICES_OFF, imap: true, smtp: true, webmail: true, dav: true });
    expect(wizard.options.defaultDailySendLimit).toBe(500);
  });

  it('does not let a later step be saved before the earlier ones', async () => {
    const w = await world();
    const draftId = await through(w.A, w.domain.id, 1);
    expect(await saveSecurityStep(args(w.A, w.domain.id, draftId, step3()))).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'wizard.errors.stepsMissing' });
    expect((await draftRow(draftId))?.data).not.toHaveProperty('security');
  });
});

describe('each limit gets a message and writes nothing', () => {
  it('refuses at step 1: an address taken or reserved, spaces, over 64 characters, no name nor description, a bad password', async () => {
    const w = await world();
    const before = await snapshot();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ localPart: w.mailbox.localPart }, 'localPart', /^wizard\.errors\.addressTaken\|/],
      [{ localPart: w.mailbox.localPart.toUpperCase() }, 'localPart', /^wizard\.errors\.addressTaken\|/],
      [{ localPart: 'postmaster' }, 'localPart', /^wizard\.errors\.localPartReserved\|/],
      [{ localPart: 'ada lovelace' }, 'localPart', /^wizard\.errors\.localPartSpaces$/],
      [{ localPart: 'a'.repeat(65) }, 'localPart', /^wizard\.errors\.localPartTooLong\|\{"max":64\}$/],
      [{ localPart: 'ada@example.com' }, 'localPart', /^wizard\.errors\.localPartAt$/],
      [{ localPart: '.ada' }, 'localPart', /^wizard\.errors\.localPartInvalid$/],
      [{ localPart: 'ada..l' }, 'localPart', /^wizard\.errors\.localPartInvalid$/],
      [{ localPart: 'josé' }, 'localPart', /^wizard\.errors\.localPartInvalid$/],
      [{ localPart: '' }, 'localPart', /^validation\.required$/],
      [{ firstName: '', description: '' }, 'firstName', /^wizard\.errors\.nameOrDescription$/],
      [{ firstName: 'x'.repeat(101) }, 'firstName', /^validation\.tooLong\|/],
      [{ password: 'short', confirmPassword: 'short' }, 'password', /^validation\.passwordTooShort\|/],
      [{ password: 'é'.repeat(37), confirmPassword: 'é'.repeat(37) }, 'password', /^validation\.passwordTooLong\|/],
      [{ confirmPassword: 'something else entirely' }, 'confirmPassword', /^validation\.passwordsDiffer$/],
      [{ password: '', confirmPassword: '' }, 'password', /^validation\.required$/],
      [{ passwordMode: 'plain' }, 'passwordMode', /^validation\.invalid$/],
    ];
    for (const [over, field, message] of cases) {
      const result = await saveAccountStep(args(w.A, w.domain.id, null, step1(over)));
      expect(result, JSON.stringify(over)).toMatchObject({ ok: false, code: 'validation', fieldErrors: { [field]: expect.stringMatching(message) } });
    }
    // 64 characters is the most the database takes, and the message names the address in Unicode.
    expect(await saveAccountStep(args(w.A, w.domain.id, null, step1({ localPart: 'a'.repeat(64) })))).toMatchObject({ ok: true });
    const taken = await saveAccountStep(args(w.A, w.domain.id, null, step1({ localPart: w.mailbox.localPart })));
    expect(translate('en', (taken as { fieldErrors: Record<string, string> }).fieldErrors.localPart!)).toBe(`${w.mailbox.address} already exists. Choose another address.`);
    expect(translate('en', 'wizard.errors.localPartSpaces')).toBe('An address cannot contain spaces.');
    const after = await snapshot();
    expect({ ...after, drafts: after.drafts.length }).toEqual({ ...before, drafts: 1 });
  });

  it('refuses at step 2: storage not in the plan or beyond the domain’s, a service the domain does not allow', async () => {
    const w = await world({ dav: true, domainStorageBytes: 2 * GB + 50 * MB });
    const draftId = await through(w.A, w.domain.id, 1);
    const before = await snapshot();
    expect(await saveServicesStep(args(w.A, w.domain.id, draftId, step2({ quotaBytes: 3 * GB })))).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { quotaBytes: 'mailboxSettings.errors.storageNotInPlan' },
    });
    // 1 GB is left (the mailbox has 1 GB, the postmaster 50 MB).
    expect(await saveServicesStep(args(w.A, w.domain.id, draftId, step2({ quotaBytes: 5 * GB })))).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { quotaBytes: 'mailboxSettings.errors.storageBeyondDomain|{"free":"1 GB"}' },
    });
    // The plan allows DAV, the domain does not enable it; the plan does not allow XMPP.
    expect(await saveServicesStep(args(w.A, w.domain.id, draftId, step2({ services: { ...SERVICES_OFF, dav: true, xmpp: true } })))).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { 'services.dav': 'mailboxSettings.errors.serviceNotAllowed', 'services.xmpp': 'mailboxSettings.errors.serviceNotAllowed' },
    });
    expect(await saveServicesStep(args(w.A, w.domain.id, draftId, step2({ quotaBytes: 'lots' })))).toMatchObject({
      ok: false,
      code: 'validation',
      fieldErrors: { quotaBytes: 'mailboxSettings.errors.wholeNumber' },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses at step 3: a 6th IP, a malformed address or CIDR class, a class with host bits set', async () => {
    const w = await world();
    const draftId = await through(w.A, w.domain.id, 2);
    const before = await snapshot();
    const cases: [string, RegExp][] = [
      ['192.0.2.1\n192.0.2.2\n192.0.2.3\n192.0.2.4\n192.0.2.5\n192.0.2.6', /^mailboxSettings\.errors\.tooManyIps\|\{"max":5\}$/],
      ['300.1.1.1', /^mailboxSettings\.errors\.ipInvalid\|/],
      ['10.0.0.0/33', /^mailboxSettings\.errors\.ipInvalid\|/],
      ['2001:db8::/129', /^mailboxSettings\.errors\.ipInvalid\|/],
      ['not-an-ip', /^mailboxSettings\.errors\.ipInvalid\|/],
      ['10.0.0.1/8', /^mailboxSettings\.errors\.ipHostBits\|.*"network":"10\.0\.0\.0\/8"/],
    ];
    for (const [allowedIps, message] of cases) {
      expect(await saveSecurityStep(args(w.A, w.domain.id, draftId, step3({ allowedIps }))), allowedIps).toMatchObject({
        ok: false,
        code: 'validation',
        fieldErrors: { allowedIps: expect.stringMatching(message) },
      });
    }
    expect(await saveSecurityStep(args(w.A, w.domain.id, draftId, step3({ passwordExpiryMonths: '5' })))).toMatchObject({
      ok: false,
      code: 'validation',
      fieldErrors: { passwordExpiryMonths: 'validation.invalid' },
    });
    expect(await snapshot()).toEqual(before);
    // Five is fine.
    expect(await saveSecurityStep(args(w.A, w.domain.id, draftId, step3({ allowedIps: '192.0.2.1 192.0.2.2, 192.0.2.3; 192.0.2.4\n::1' })))).toMatchObject({ ok: true });
  });

  it('refuses at step 4: a 21st forward, a bad or self address, spam to Inbox when the plan forbids it', async () => {
    const w = await world({ allowSpamToInbox: false });
    const draftId = await through(w.A, w.domain.id, 3);
    const before = await snapshot();
    const twenty = Array.from({ length: 20 }, (_, i) => `f${i}@example.org`);
    expect(await saveOptionsStep(args(w.A, w.domain.id, draftId, step4({ forwards: [...twenty, 'f20@example.org'].join('\n') })))).toMatchObject({
      ok: false,
      code: 'validation',
      fieldErrors: { forwards: 'mailboxSettings.errors.tooManyForwards|{"max":20}' },
    });
    expect(await saveOptionsStep(args(w.A, w.domain.id, draftId, step4({ forwards: 'not an address' })))).toMatchObject({
      ok: false,
      code: 'validation',
      fieldErrors: { forwards: expect.stringMatching(/^mailboxSettings\.errors\.forwardInvalid\|/) },
    });
    expect(await saveOptionsStep(args(w.A, w.domain.id, draftId, step4({ forwards: `Ada.Lovelace@${w.domain.name}` })))).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { forwards: 'mailboxSettings.errors.forwardSelf' },
    });
    expect(await saveOptionsStep(args(w.A, w.domain.id, draftId, step4({ spamToInbox: true })))).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { spamToInbox: 'mailboxSettings.errors.spamNotAllowed' },
    });
    expect(await snapshot()).toEqual(before);
    // Twenty is fine, and still nothing exists until "Create".
    expect(await saveOptionsStep(args(w.A, w.domain.id, draftId, step4({ forwards: twenty.join('\n') })))).toMatchObject({ ok: true });
    expect((await snapshot()).mailboxes).toBe(before.mailboxes);
  });

  it('a half-finished wizard (steps 1–3 saved) creates nothing in mailboxes', async () => {
    const w = await world();
    const draftId = await through(w.A, w.domain.id, 3);
    const before = await snapshot();
    expect(before.mailboxes).toBe(2);
    expect(await create(w.A, w.domain.id, draftId)).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'wizard.errors.incomplete' });
    expect(await snapshot()).toEqual(before);
    expect(await t.db().select().from(mailboxes).where(eq(mailboxes.localPart, 'ada.lovelace'))).toHaveLength(0);
  });
});

describe('Create checks everything again', () => {
  it('refuses when the domain is full (the postmaster counts), and writes nothing', async () => {
    // The postmaster and the mailbox: one account left.
    const w = await world({ maxAccounts: 3 });
    const draftId = await through(w.A, w.domain.id, 4);
    await insertMailbox(t.db(), w.domain, 'carol');
    const before = await snapshot();
    expect(await create(w.A, w.domain.id, draftId)).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'wizard.errors.domainFull|{"count":3,"max":3}' });
    expect(await snapshot()).toEqual(before);
    // A full domain is refused from step 1 on, with the same message.
    expect(await saveAccountStep(args(w.A, w.domain.id, null, step1({ localPart: 'dan' })))).toEqual({
      ok: false,
      code: 'refused',
      fieldErrors: {},
      formError: 'wizard.errors.domainFull|{"count":3,"max":3}',
    });
    expect((await getWizard({ caller: w.A, domainId: w.domain.id, draftId: null })).refusal).toBe('wizard.errors.domainFull|{"count":3,"max":3}');
  });

  it('refuses when the domain’s storage no longer has room for the chosen quota', async () => {
    const w = await world({ domainStorageBytes: 3 * GB + 50 * MB });
    const draftId = await through(w.A, w.domain.id, 4, { s2: step2({ quotaBytes: GB }) });
    // Someone else takes 1 GB of the 2 GB left, then another 1 GB: none is left.
    await insertMailbox(t.db(), w.domain, 'carol');
    await insertMailbox(t.db(), w.domain, 'dan');
    const before = await snapshot();
    expect(await create(w.A, w.domain.id, draftId)).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { 'services.quotaBytes': 'mailboxSettings.errors.storageBeyondDomain|{"free":"0 B"}' },
      formError: 'wizard.errors.createRefused',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses what the domain or plan no longer allows, and an address taken meanwhile', async () => {
    const w = await world({ dav: true, allowSpamToInbox: true }, { dav: true });
    const draftId = await through(w.A, w.domain.id, 4, {
      s2: step2({ services: { ...SERVICES_OFF, imap: true, dav: true } }),
      s4: step4({ spamToInbox: true }),
    });
    await t.db().update(domains).set({ dav: false }).where(eq(domains.id, w.domain.id));
    await t.db().update(plans).set({ allowSpamToInbox: false, storageOptionsBytes: [5 * GB] }).where(eq(plans.id, w.plan.id));
    await insertMailbox(t.db(), w.domain, 'ada.lovelace');
    const before = await snapshot();
    expect(await create(w.A, w.domain.id, draftId)).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: {
        'services.quotaBytes': 'mailboxSettings.errors.storageNotInPlan',
        'services.services.dav': 'mailboxSettings.errors.serviceNotAllowed',
        'options.spamToInbox': 'mailboxSettings.errors.spamNotAllowed',
      },
      formError: 'wizard.errors.createRefused',
    });
    await t.db().update(domains).set({ dav: true }).where(eq(domains.id, w.domain.id));
    await t.db().update(plans).set({ allowSpamToInbox: true, storageOptionsBytes: [GB, 5 * GB] }).where(eq(plans.id, w.plan.id));
    expect(await create(w.A, w.domain.id, draftId)).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { 'account.localPart': `wizard.errors.addressTaken|{"address":"ada.lovelace@${w.domain.name}"}` },
      formError: 'wizard.errors.createRefused',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('two Creates racing for the last free account: exactly one wins', async () => {
    // The postmaster and the mailbox: one account left. Three rounds, each with one more slot.
    const w = await world({ maxAccounts: 3 });
    for (let round = 0; round < 3; round++) {
      if (round > 0) await t.db().update(plans).set({ maxAccounts: 3 + round }).where(eq(plans.id, w.plan.id));
      const first = await through(w.A, w.domain.id, 4, { s1: step1({ localPart: `ann${round}` }) });
      const second = await through(w.A, w.domain.id, 4, { s1: step1({ localPart: `bob${round}` }) });
      const results = await Promise.all([create(w.A, w.domain.id, first), create(w.A, w.domain.id, second)]);
      expect(results.filter((r) => r.ok), `round ${round}`).toHaveLength(1);
      const max = 3 + round;
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: `wizard.errors.domainFull|{"count":${max},"max":${max}}` });
      expect((await snapshot()).mailboxes).toBe(max);
    }
    expect(await t.db().select().from(auditLog)).toHaveLength(3);
  });

  it('two Creates racing for the same address: exactly one wins', async () => {
    const w = await world();
    const first = await through(w.A, w.domain.id, 4);
    const second = await through(w.A, w.domain.id, 4);
    const results = await Promise.all([create(w.A, w.domain.id, first), create(w.A, w.domain.id, second)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: 'validation', fieldErrors: { 'account.localPart': expect.stringMatching(/^wizard\.errors\.addressTaken\|/) } });
    expect((await snapshot()).mailboxes).toBe(3);
  });

  it('the same draft created twice: the second finds it gone', async () => {
    const w = await world();
    const draftId = await through(w.A, w.domain.id, 4);
    const results = await Promise.allSettled([create(w.A, w.domain.id, draftId), create(w.A, w.domain.id, draftId)]);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.ok)).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')?.reason).toMatchObject({ name: 'Failure', code: 'notFound' });
    expect((await snapshot()).mailboxes).toBe(3);
  });
});

describe('drafts', () => {
  it('belong to whoever started them: another caller cannot read or continue one', async () => {
    const w = await world();
    const draftId = await through(w.A, w.domain.id, 3);
    const before = await snapshot();
    const ROOT = superadminCaller(await insertAdmin(t.db(), { role: 'superadmin' }));
    const B = adminCaller(await insertAdmin(t.db()));
    // The superadmin and the domain's postmaster reach the domain, but not A's draft; B not even the domain.
    for (const other of [ROOT, w.PM, B]) {
      await expect(getWizard({ caller: other, domainId: w.domain.id, draftId })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(saveAccountStep(args(other, w.domain.id, draftId, step1({ localPart: 'mallory' })))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(saveServicesStep(args(other, w.domain.id, draftId, step2()))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(saveSecurityStep(args(other, w.domain.id, draftId, step3()))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(saveOptionsStep(args(other, w.domain.id, draftId, step4()))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(create(other, w.domain.id, draftId)).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    }
    // Nor through another domain A owns, nor with a malformed id.
    const otherDomain = await insertDomain(t.db(), { adminId: w.admin.id, planId: w.plan.id });
    await expect(getWizard({ caller: w.A, domainId: otherDomain.id, draftId })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(saveServicesStep(args(w.A, w.domain.id, 'not-a-uuid', step2()))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await runAction(() => saveServicesStep(args(B, w.domain.id, draftId, step2())))).toEqual({ ok: false, code: 'notFound', fieldErrors: {}, formError: 'errors.notFound' });
    expect(await snapshot()).toEqual(before);
  });

  it('expire: an expired draft is refused and nothing is created; starting another purges it', async () => {
    const w = await world();
    const draftId = await through(w.A, w.domain.id, 4);
    const row = await draftRow(draftId);
    // Kept for two hours after the last saved step.
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(115 * 60_000);
    expect(row!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(120 * 60_000 + 5_000);
    await t.db().update(accountDrafts).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(accountDrafts.id, draftId));
    const before = await snapshot();
    expect(await create(w.A, w.domain.id, draftId)).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'wizard.errors.draftExpired' });
    expect(await saveOptionsStep(args(w.A, w.domain.id, draftId, step4()))).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'wizard.errors.draftExpired' });
    expect(await saveAccountStep(args(w.A, w.domain.id, draftId, step1()))).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'wizard.errors.draftExpired' });
    expect((await getWizard({ caller: w.A, domainId: w.domain.id, draftId })).draft).toEqual({ state: 'expired' });
    expect(await snapshot()).toEqual(before);
    // Only its owner learns it expired; for anyone else it does not exist.
    await expect(getWizard({ caller: w.PM, domainId: w.domain.id, draftId })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });

    await through(w.A, w.domain.id, 1, { s1: step1({ localPart: 'bob' }) });
    expect(await draftRow(draftId)).toBeUndefined();
  });
});

describe('who may create, and where', () => {
  it('a postmaster without pmCanCreate cannot create (and is told so), nor finish a draft begun before', async () => {
    const w = await world();
    const draftId = await through(w.PM, w.domain.id, 4, { s3: step3({ allowedIps: '' }) });
    await t.db().update(domains).set({ pmCanCreate: false }).where(eq(domains.id, w.domain.id));
    const before = await snapshot();
    expect(await create(w.PM, w.domain.id, draftId)).toEqual({ ok: false, code: 'forbidden', fieldErrors: {}, formError: 'wizard.errors.notAllowed' });
    expect(await saveAccountStep(args(w.PM, w.domain.id, null, step1({ localPart: 'bob' })))).toEqual({ ok: false, code: 'forbidden', fieldErrors: {}, formError: 'wizard.errors.notAllowed' });
    expect((await getWizard({ caller: w.PM, domainId: w.domain.id, draftId: null })).refusal).toBe('wizard.errors.notAllowed');
    expect(await snapshot()).toEqual(before);
    // The admin is not bound by the postmaster's limits.
    expect(await saveAccountStep(args(w.A, w.domain.id, null, step1({ localPart: 'bob' })))).toMatchObject({ ok: true });
  });

  it('admin B cannot create in admin A’s domain; a user cannot create at all; a postmaster only in its own domain', async () => {
    const w = await world();
    const B = adminCaller(await insertAdmin(t.db()));
    const other = await world();
    const before = await snapshot();
    await expect(saveAccountStep(args(B, w.domain.id, null, step1()))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(getWizard({ caller: B, domainId: w.domain.id, draftId: null })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await runAction(() => saveAccountStep(args(B, w.domain.id, null, step1())))).toEqual({ ok: false, code: 'notFound', fieldErrors: {}, formError: 'errors.notFound' });
    const U = userCaller(w.mailbox);
    await expect(saveAccountStep(args(U, w.domain.id, null, step1()))).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    await expect(create(U, w.domain.id, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    await expect(saveAccountStep(args(other.PM, w.domain.id, null, step1()))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(saveAccountStep(args(w.A, 999_999, null, step1()))).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await snapshot()).toEqual(before);
  });

  it('a deactivated domain refuses, with a message saying why, at step 1 and at Create', async () => {
    const w = await world();
    const draftId = await through(w.A, w.domain.id, 4);
    await t.db().update(domains).set({ active: false }).where(eq(domains.id, w.domain.id));
    const before = await snapshot();
    const refusal = `wizard.errors.domainInactive|{"domain":"${w.domain.name}"}`;
    expect(await create(w.A, w.domain.id, draftId)).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: refusal });
    expect(await saveAccountStep(args(w.A, w.domain.id, null, step1({ localPart: 'bob' })))).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: refusal });
    expect(await saveServicesStep(args(w.A, w.domain.id, draftId, step2()))).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: refusal });
    expect(translate('en', refusal)).toContain('An account can only be created in an active domain');
    expect(await snapshot()).toEqual(before);
  });
});
