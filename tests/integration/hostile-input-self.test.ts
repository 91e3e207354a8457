import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { vi } from 'vitest';
import { updateOwnAutoresponderAction, updateOwnLocalizationAction, updateOwnWebmailAction } from '@/app/(panel)/me/actions';
import { createOwnAppPasswordAction, revokeOwnAppPasswordAction } from '@/app/(panel)/me/app-password-actions';
import { createApiTokenAction, revokeApiTokenAction } from '@/app/(panel)/me/tokens/actions';
import { endOtherSessionsAction, endSessionAction } from '@/app/(panel)/me/session-actions';
import { changePasswordAction, disableOtpAction, enableOtpAction } from '@/app/security/actions';
import { insertApiToken, type TokenOwner } from '@/db/queries/api-tokens';
import { admins, appPasswords, mailboxes, sessions, signInThrottle } from '@/db/schema';
import { openSession } from '@/lib/auth/sessions/open-session';
import { hashSessionSecret } from '@/lib/auth/sessions/secret';
import { generateApiToken } from '@/lib/api-tokens/secret';
import { confirmOtpEnrolment, pendingOtpSecret } from '@/lib/self-service/otp';
import { totpCodeAtStep, totpStep } from '@/lib/auth/totp';
import { changePasswordSchema, otpCodeFormSchema } from '@/lib/validations/security';
import { appPasswordOf } from './authz/rows/app-passwords';
import { mailboxVersion } from './authz/rows/support';
import type { World } from './authz/rows/types';
import { applyMutation, hostileValue, idChoice, mutation, resolveId, type Mutation } from './authz/support/hostile';
import { hostileSuite, spec } from './authz/support/hostile-suite';
import { signInAs } from './authz/support/next-mocks';
import { principalOf, seedWorld } from './authz/support/world';
import { useTestDatabase } from './helpers/db';

// Hostile input to what every signed-in account does for itself: "My settings" (as the user), the
// password (as the user), OTP enrolment (as domain A's postmaster) and turning OTP off (as domain A's
// admin). A wrong current password or code counts towards the sign-in throttle by design: those
// refusals may write the throttle, nothing else (and input the schema refuses writes nothing at all).
// The throttle is emptied before each case so that it never hides the paths behind it. Runs on both
// drivers.

await vi.hoisted(() => import('./authz/support/mock-next-request'));

const t = useTestDatabase();
let world: World;
let otpSecret = '';

async function freshWorldAs(caller: 'user' | 'postmaster' | 'owningAdmin'): Promise<void> {
  world = await seedWorld(t.db());
  signInAs(principalOf(world, caller));
}

/** Empties the sign-in throttle if it counts anything (a write outside the checked call). */
async function clearThrottle(): Promise<boolean> {
  const [row] = await t.db().select({ n: sql<number>`count(*)::int` }).from(signInThrottle);
  if (!row || Number(row.n) === 0) return false;
  await t.db().delete(signInThrottle);
  return true;
}

const codeNow = () => totpCodeAtStep(otpSecret, totpStep(new Date()));
const otpMutation = mutation(['code']);
const withCode = (m: Mutation) => applyMutation({ code: codeNow() }, m);
const throttleIf = (passes: boolean) => ({ refusalMayWrite: passes ? ['sign_in_throttle'] : [] });

/** The admin enrolled a minute ago (so the current code's step is unused), signed in under its current session version. */
async function enrolAdmin(): Promise<void> {
  const ref = { kind: 'admin' as const, id: world.owningAdmin.id };
  otpSecret = (await pendingOtpSecret(ref))!;
  const then = new Date(Date.now() - 60_000);
  const outcome = await confirmOtpEnrolment(ref, totpCodeAtStep(otpSecret, totpStep(then)), then, t.db());
  if (outcome !== 'ok') throw new Error(`enrolment failed: ${outcome}`);
  const [row] = await t.db().select({ sv: admins.sessionVersion }).from(admins).where(eq(admins.id, ref.id));
  signInAs(principalOf(world, 'owningAdmin'), row!.sv);
}

const NEW_PASSWORD = 'Fresh and long, 314 cranes';
let counter = 0;
const fresh = (prefix: string) => `${prefix} ${++counter}`;

/** The caller's own app password and one of someone else's (ids). */
let appPasswordIds = { own: 0, other: 0 };
async function issueAppPasswords(): Promise<void> {
  appPasswordIds = { own: await appPasswordOf(t.db(), world.userA.id), other: await appPasswordOf(t.db(), world.accountA.id) };
}

async function tokenOf(owner: TokenOwner): Promise<number> {
  const { tokenHash, prefix } = generateApiToken();
  return (await insertApiToken({ ex: t.db(), owner, name: 'Script', access: 'read', tokenHash, prefix, expiresAt: null }))!.id;
}
let tokenIds = { own: 0, other: 0 };
async function issueTokens(): Promise<void> {
  tokenIds = { own: await tokenOf({ kind: 'admin', id: world.owningAdmin.id }), other: await tokenOf({ kind: 'admin', id: world.superadmin.id }) };
}

/** A session of the caller's own and one of someone else's (ids). */
async function sessionOf(ref: TokenOwner): Promise<number> {
  const secret = await openSession({ ref, ip: '192.0.2.8', userAgent: 'Hostile' });
  const [row] = await t.db().select({ id: sessions.id }).from(sessions).where(eq(sessions.secretHash, hashSessionSecret(secret)));
  return row!.id;
}
let sessionIds = { own: 0, other: 0 };
async function openSessions(): Promise<void> {
  sessionIds = { own: await sessionOf({ kind: 'mailbox', id: world.userA.id }), other: await sessionOf({ kind: 'mailbox', id: world.accountA.id }) };
}

hostileSuite('self', () => t.db(), [
  spec({
    endpoint: 'app/(panel)/me/actions.ts#updateOwnLocalizationAction',
    as: 'the user',
    setUp: () => freshWorldAs('user'),
    arbitrary: fc.record({ id: hostileValue, m: mutation(['version', 'language', 'timeZone']) }),
    run: async ({ id, m }) => updateOwnLocalizationAction(id as number, applyMutation({ version: await mailboxVersion(t.db(), world.userA.id), language: 'it', timeZone: 'America/New_York' }, m)),
  }),
  spec({
    endpoint: 'app/(panel)/me/actions.ts#updateOwnWebmailAction',
    as: 'the user',
    setUp: () => freshWorldAs('user'),
    arbitrary: fc.record({ id: hostileValue, m: mutation(['version', 'language', 'timeZone', 'dateFormat', 'timeFormat', 'inAddressBook']) }),
    run: async ({ id, m }) =>
      updateOwnWebmailAction(
        id as number,
        applyMutation({ version: await mailboxVersion(t.db(), world.userA.id), language: 'it', timeZone: 'Asia/Tokyo', dateFormat: 'dd.MM.yyyy', timeFormat: 'h:mm a' }, m),
      ),
  }),
  spec({
    endpoint: 'app/(panel)/me/actions.ts#updateOwnAutoresponderAction',
    as: 'the user',
    setUp: () => freshWorldAs('user'),
    arbitrary: fc.record({ id: hostileValue, m: mutation(['version', 'enabled', 'subject', 'body', 'startsAt', 'endsAt']) }),
    run: async ({ id, m }) =>
      updateOwnAutoresponderAction(
        id as number,
        applyMutation({ version: await mailboxVersion(t.db(), world.userA.id), enabled: true, subject: 'Out', body: 'Away.', startsAt: '2031-03-30T01:30', endsAt: '' }, m),
      ),
  }),
  spec({
    endpoint: 'app/security/actions.ts#changePasswordAction',
    as: 'the user',
    setUp: () => freshWorldAs('user'),
    beforeRun: clearThrottle,
    arbitrary: mutation(['currentPassword', 'newPassword', 'confirmPassword']),
    run: (m) => changePasswordAction(applyMutation({ currentPassword: world.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, m)),
    verdict: (m) =>
      throttleIf(changePasswordSchema(world.userA.address).safeParse(applyMutation({ currentPassword: world.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, m)).success),
    // Back to the world's password and session, so the next cases are signed in again.
    onSuccess: async () => {
      await t.db().update(mailboxes).set({ passwordHash: world.userA.passwordHash, sessionVersion: 1 }).where(eq(mailboxes.id, world.userA.id));
    },
  }),
  spec({
    endpoint: 'app/security/actions.ts#enableOtpAction',
    as: "domain A's postmaster",
    setUp: async () => {
      await freshWorldAs('postmaster');
      otpSecret = (await pendingOtpSecret({ kind: 'mailbox', id: world.postmasterA.id }))!;
    },
    arbitrary: otpMutation,
    run: (m) => enableOtpAction(withCode(m)),
    // Enrolled: pending again, with the same secret.
    onSuccess: async () => {
      await t.db().update(mailboxes).set({ otpEnabledAt: null, otpLastStep: null }).where(eq(mailboxes.id, world.postmasterA.id));
    },
  }),
  spec({
    endpoint: 'app/security/actions.ts#disableOtpAction',
    as: "domain A's admin",
    setUp: async () => {
      await freshWorldAs('owningAdmin');
      await enrolAdmin();
    },
    beforeRun: clearThrottle,
    arbitrary: otpMutation,
    run: (m) => disableOtpAction(withCode(m)),
    verdict: (m) => throttleIf(otpCodeFormSchema.safeParse(withCode(m)).success),
    onSuccess: enrolAdmin,
  }),
  spec({
    endpoint: 'app/(panel)/me/app-password-actions.ts#createOwnAppPasswordAction',
    as: 'the user',
    setUp: () => freshWorldAs('user'),
    arbitrary: mutation(['name', 'protocol']),
    run: (m) => createOwnAppPasswordAction(applyMutation({ name: fresh('Phone'), protocol: 'imap' }, m)),
    // Room for the next ones (an account has a few at most).
    onSuccess: async () => {
      await t.db().delete(appPasswords).where(eq(appPasswords.mailboxId, world.userA.id));
    },
  }),
  spec({
    endpoint: 'app/(panel)/me/app-password-actions.ts#revokeOwnAppPasswordAction',
    as: 'the user',
    setUp: async () => {
      await freshWorldAs('user');
      await issueAppPasswords();
    },
    arbitrary: idChoice,
    run: (id) => revokeOwnAppPasswordAction(resolveId(id, appPasswordIds.own, appPasswordIds.other) as number),
    onSuccess: async () => {
      appPasswordIds.own = await appPasswordOf(t.db(), world.userA.id);
    },
  }),
  spec({
    endpoint: 'app/(panel)/me/tokens/actions.ts#createApiTokenAction',
    as: "domain A's admin",
    setUp: () => freshWorldAs('owningAdmin'),
    arbitrary: mutation(['name', 'access', 'expiresInDays']),
    run: (m) => createApiTokenAction(applyMutation({ name: fresh('Nightly'), access: 'read_write', expiresInDays: '90' }, m)),
  }),
  spec({
    endpoint: 'app/(panel)/me/tokens/actions.ts#revokeApiTokenAction',
    as: "domain A's admin",
    setUp: async () => {
      await freshWorldAs('owningAdmin');
      await issueTokens();
    },
    arbitrary: idChoice,
    run: (id) => revokeApiTokenAction(resolveId(id, tokenIds.own, tokenIds.other) as number),
    onSuccess: async () => {
      tokenIds.own = await tokenOf({ kind: 'admin', id: world.owningAdmin.id });
    },
  }),
  spec({
    endpoint: 'app/(panel)/me/session-actions.ts#endSessionAction',
    as: 'the user',
    setUp: async () => {
      await freshWorldAs('user');
      await openSessions();
    },
    arbitrary: idChoice,
    run: (id) => endSessionAction(resolveId(id, sessionIds.own, sessionIds.other) as number),
    onSuccess: async () => {
      sessionIds.own = await sessionOf({ kind: 'mailbox', id: world.userA.id });
    },
  }),
  spec({
    endpoint: 'app/(panel)/me/session-actions.ts#endOtherSessionsAction',
    as: 'the user',
    setUp: () => freshWorldAs('user'),
    // The action takes nothing; a client can send anything all the same, signed in or no longer.
    arbitrary: fc.tuple(fc.boolean(), hostileValue),
    run: ([signedIn, value]) => {
      signInAs(signedIn ? principalOf(world, 'user') : null);
      return (endOtherSessionsAction as (value: unknown) => ReturnType<typeof endOtherSessionsAction>)(value);
    },
  }),
]);
