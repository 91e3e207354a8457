import { randomBytes } from 'node:crypto';
import { forgotPasswordAction, resetPasswordAction } from '@/app/login/actions';
import { createSuperadminAction } from '@/app/setup/actions';
import { eq } from 'drizzle-orm';
import { admins, oneTimeTokens } from '@/db/schema';
import { hashResetToken } from '@/lib/self-service/recovery';
import { issueSetupToken } from '@/lib/setup/setup-token';
import { everyone, nobody, row, type PublicEndpoint } from './types';

// The signed-out endpoints: recovery and first-run setup. Who calls makes no difference; the link or
// the setup token decides.

const NEW_PASSWORD = 'Recovered at last, 19 swans';

export const publicRows = [
  row({
    endpoint: 'app/login/actions.ts#forgotPasswordAction',
    target: "the user's address (the same answer for any address)",
    expect: everyone(),
    call: ({ world }) => forgotPasswordAction({ address: world.userA.address }),
  }),
  row<string>({
    endpoint: 'app/login/actions.ts#resetPasswordAction',
    target: "a valid link to the user's account",
    expect: everyone(),
    prepare: async ({ db, world }) => {
      const token = randomBytes(32).toString('base64url');
      await db.insert(oneTimeTokens).values({ tokenHash: hashResetToken(token), purpose: 'password_reset', mailboxId: world.userA.id, expiresAt: new Date(Date.now() + 600_000) });
      return token;
    },
    call: ({ prepared }) => resetPasswordAction(prepared, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
  }),
  row({
    endpoint: 'app/login/actions.ts#resetPasswordAction',
    target: 'a link that was never issued',
    expect: nobody(),
    denials: ['recovery.linkInvalid'],
    call: () => resetPasswordAction(randomBytes(32).toString('base64url'), { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
  }),
  // A fresh install (no superadmin yet): the setup link decides, not who calls.
  row<string>({
    endpoint: 'app/setup/actions.ts#createSuperadminAction',
    target: 'the first superadmin, with the setup link',
    expect: everyone(),
    prepare: async ({ db }) => {
      await db.delete(admins).where(eq(admins.role, 'superadmin'));
      const token = await issueSetupToken(db);
      if (!token) throw new Error('no setup token was issued');
      return token;
    },
    call: ({ prepared }) => createSuperadminAction({ token: prepared, name: 'First', email: 'first@panel.example', password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
  }),
  // There is a superadmin already: setup is closed for good.
  row({
    endpoint: 'app/setup/actions.ts#createSuperadminAction',
    target: 'a second superadmin',
    expect: nobody(),
    denials: ['setup.linkUsed'],
    call: () =>
      createSuperadminAction({ token: randomBytes(24).toString('base64url'), name: 'Usurper', email: 'usurper@panel.example', password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
  }),
];

export const publicEndpoints: PublicEndpoint[] = [
  { endpoint: 'app/healthz/route.ts#GET', reason: 'Liveness probe: answers {"status":"ok"} to anyone, reads nothing (health.test.ts)' },
  { endpoint: 'app/readyz/route.ts#GET', reason: 'Readiness probe: each check ok/fail and nothing else, the same for anyone (health.test.ts)' },
  {
    endpoint: 'app/metrics/route.ts#GET',
    reason: 'Prometheus metrics: no session; 404 unless METRICS_TOKEN is set, then 401 for anyone without it as bearer token, signed in or not (metrics.test.ts)',
  },
  {
    endpoint: 'app/api/auth/[...nextauth]/route.ts#GET',
    reason: "next-auth's own routes (session, CSRF token, providers): they read the session, change nothing; sign-in is tested in sign-in-security.test.ts",
  },
  {
    endpoint: 'app/api/auth/[...nextauth]/route.ts#POST',
    reason: "next-auth's sign-in and sign-out: credentials are checked by lib/auth/sign-in (sign-in-security.test.ts, hostile-input-anonymous.test.ts)",
  },
];
