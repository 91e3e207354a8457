import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { vi } from 'vitest';
import { forgotPasswordAction, resetPasswordAction } from '@/app/login/actions';
import { createSuperadminAction } from '@/app/setup/actions';
import { admins, oneTimeTokens, signInThrottle } from '@/db/schema';
import { fail, ok } from '@/lib/action-result';
import { authOptions } from '@/lib/auth/options';
import { refused } from '@/lib/failure';
import { hashResetToken } from '@/lib/self-service/recovery';
import { encodeSignInError, parseSignInError } from '@/lib/auth/sign-in-errors';
import { CLIENT_IP_HEADER } from '@/lib/request/client-ip-header';
import { issueSetupToken } from '@/lib/setup/setup-token';
import { forgotPasswordSchema } from '@/lib/validations/recovery';
import { otpStepSchema, signInSchema } from '@/lib/validations/sign-in';
import type { World } from './authz/rows/types';
import { applyMutation, hostileString, hostileValue, mutation, type Mutation } from './authz/support/hostile';
import { hostileSuite, spec } from './authz/support/hostile-suite';
import { request, settleAfter, signInAs } from './authz/support/next-mocks';
import { seedWorld } from './authz/support/world';
import { useTestDatabase } from './helpers/db';

// Hostile input to what a signed-out visitor can reach: sign-in (next-auth's credentials check),
// "forgot password", the reset link, and first-run setup. Sign-in and "forgot password" count every
// well-formed attempt in the throttle by design (those refusals may write the throttle and nothing
// else); the throttle is emptied before each case so that it never hides the paths behind it.
// Runs on both drivers.

await vi.hoisted(() => import('./authz/support/mock-next-request'));

// Recovery mail goes to DATA_DIR/outbox without SMTP_URL: keep it out of the checkout.
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'mailpanel-hostile-'));
delete process.env.SMTP_URL;

const t = useTestDatabase();
let world: World;
let resetToken = '';
let setupToken = '';

async function freshWorld(): Promise<void> {
  world = await seedWorld(t.db());
  signInAs(null);
}

async function clearThrottle(): Promise<boolean> {
  const [row] = await t.db().select({ n: sql<number>`count(*)::int` }).from(signInThrottle);
  if (!row || Number(row.n) === 0) return false;
  await t.db().delete(signInThrottle);
  return true;
}

async function issueResetToken(): Promise<void> {
  resetToken = randomBytes(32).toString('base64url');
  await t.db().insert(oneTimeTokens).values({ tokenHash: hashResetToken(resetToken), purpose: 'password_reset', mailboxId: world.userA.id, expiresAt: new Date(Date.now() + 3_600_000) });
}

/** A fresh install: no superadmin, one setup link. */
async function openSetup(): Promise<void> {
  await t.db().delete(admins).where(eq(admins.role, 'superadmin'));
  setupToken = (await issueSetupToken(t.db()))!;
}

type Authorize = (credentials: unknown, req: unknown) => Promise<unknown>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

/**
 * next-auth's credentials check, as an ActionResult: a user (signed in) or an Error whose message is one
 * of the sign-in errors the form understands (refused). Any other throw is a defect and is passed on.
 */
async function signIn(credentials: unknown): Promise<unknown> {
  try {
    return ok(await authorize(credentials, { headers: { [CLIENT_IP_HEADER]: request.ip }, method: 'POST', body: credentials, query: {} }));
  } catch (error) {
    const message = error instanceof Error ? error.message : undefined;
    if (message !== undefined && encodeSignInError(parseSignInError(message)) === message) return fail(refused('auth.invalidCredentials'));
    throw error;
  }
}

const PASSWORD = 'Hostile but valid, 27 otters';
const throttleIf = (passes: boolean) => ({ refusalMayWrite: passes ? ['sign_in_throttle'] : [] });
const credentials = (m: Mutation) => applyMutation({ identifier: world.userA.address, password: world.password }, m);

hostileSuite('anonymous', () => t.db(), [
  spec({
    endpoint: 'app/login/actions.ts#forgotPasswordAction',
    as: 'a signed-out visitor',
    setUp: freshWorld,
    beforeRun: clearThrottle,
    arbitrary: mutation(['address']),
    run: async (m) => {
      try {
        return await forgotPasswordAction(applyMutation({ address: world.userA.address }, m));
      } finally {
        // The link is made and mailed after the answer: wait for it, so it is not taken for the next case's write.
        await settleAfter();
      }
    },
    verdict: (m) => throttleIf(forgotPasswordSchema.safeParse(applyMutation({ address: world.userA.address }, m)).success),
  }),
  spec({
    endpoint: 'app/login/actions.ts#resetPasswordAction',
    as: 'a signed-out visitor',
    setUp: async () => {
      await freshWorld();
      await issueResetToken();
    },
    arbitrary: fc.record({
      token: fc.oneof({ weight: 6, arbitrary: fc.constant<'valid'>('valid') }, { weight: 4, arbitrary: fc.oneof(hostileString, hostileValue) }),
      m: mutation(['newPassword', 'confirmPassword']),
    }),
    run: ({ token, m }) => resetPasswordAction((token === 'valid' ? resetToken : token) as string, applyMutation({ newPassword: PASSWORD, confirmPassword: PASSWORD }, m)),
    // The link is used up: the next cases get another one.
    onSuccess: issueResetToken,
  }),
  spec({
    endpoint: 'app/setup/actions.ts#createSuperadminAction',
    as: 'a signed-out visitor on a fresh install',
    setUp: async () => {
      await freshWorld();
      await openSetup();
    },
    arbitrary: mutation(['token', 'name', 'email', 'password', 'confirmPassword']),
    run: (m) => createSuperadminAction(applyMutation({ token: setupToken, name: 'First Admin', email: 'first@panel.example', password: PASSWORD, confirmPassword: PASSWORD }, m)),
    // Set up: back to a fresh install for the next cases.
    onSuccess: openSetup,
  }),
]);

// Sign-in is next-auth's route, not a server action: the same property, on its credentials check.
hostileSuite('sign-in', () => t.db(), [
  spec({
    endpoint: 'app/api/auth/[...nextauth]/route.ts#POST',
    as: 'a signed-out visitor (credentials)',
    setUp: freshWorld,
    beforeRun: clearThrottle,
    arbitrary: mutation(['identifier', 'password', 'pendingToken', 'code']),
    run: (m) => signIn(credentials(m)),
    verdict: (m) => {
      const sent = credentials(m) as { pendingToken?: unknown } | null;
      const schema = sent && typeof sent === 'object' && sent.pendingToken ? otpStepSchema : signInSchema;
      return throttleIf(schema.safeParse(sent ?? {}).success);
    },
  }),
]);
