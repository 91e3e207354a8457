import type { NextAuthOptions } from 'next-auth';
import { componentLogger } from '@/lib/ops/log/logger';
import { noteCaller } from '@/lib/ops/log/request-context';
import CredentialsProvider from 'next-auth/providers/credentials';
import { cache } from 'react';
import { asDatabaseUnavailable, isDatabaseUnavailable } from '@/lib/errors';
import { getClientIp } from '@/lib/request/client-ip';
import { CLIENT_IP_HEADER } from '@/lib/request/client-ip-header';
import { normalizeIp } from '@/lib/request/resolve-client-ip';
import { servedOverHttps } from '@/lib/security/csp';
import { otpStepSchema, signInSchema } from '@/lib/validations/sign-in';
import { parsePrincipal } from './caller';
import { sessionEvents, sessionOnSignIn } from './sessions/next-auth';
import { loadSessionCaller } from './sessions/load-session-caller';
import { sessionMaxAgeSeconds } from './sessions/policy';
import { signInWithCode, signInWithPassword, type SignInResult } from './sign-in';
import { encodeSignInError } from './sign-in-errors';
import { deviceCookieOf, rememberDevice } from './trusted-device';

// The cookie lives as long as the absolute lifetime; the server ends a session sooner (lib/auth/sessions/).
export const SESSION_MAX_AGE = sessionMaxAgeSeconds();

// One database look-up per request, shared by next-auth's jwt callback and the guard (keyed by
// primitives: React's cache compares arguments by identity). A database outage rejects with a
// DatabaseUnavailableError, so the page shows the outage (app/error.tsx) rather than a sign-in form.
export const loadCallerCached = cache(async (principal: string, sessionVersion: number, sessionSecret: string, ip: string | null) => {
  const ref = parsePrincipal(principal);
  try {
    return ref ? await loadSessionCaller(ref, sessionVersion, sessionSecret, { ip }) : null;
  } catch (error) {
    throw asDatabaseUnavailable(error);
  }
});

declare module 'next-auth' {
  interface Session {
    principal?: string;
    sv?: number;
  }
  interface User {
    sv: number;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    sv?: number;
    /** The session's secret (lib/auth/sessions/). */
    sid?: string;
    revoked?: boolean;
  }
}

/** The address the custom server established for this request (it drops any client-sent value). */
function requestIp(headers: Record<string, unknown> | undefined): string | null {
  const value = headers?.[CLIENT_IP_HEADER];
  return normalizeIp(typeof value === 'string' ? value : null);
}

/** authorize() with the database down: say so, rather than next-auth passing the driver's message on. */
async function unlessDatabaseDown(signIn: () => Promise<SignInResult>): Promise<SignInResult> {
  try {
    return await signIn();
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw new Error(encodeSignInError({ code: 'unavailable' }));
    throw error;
  }
}

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE },
  // next-auth's own default, stated: over https its cookies are Secure (and __Secure-/__Host- named);
  // all of them are HttpOnly and SameSite=Lax.
  useSecureCookies: servedOverHttps(),
  pages: { signIn: '/login', error: '/login' },
  providers: [
    // One provider, two steps: identifier + password, then (OTP on) the pending token + a code.
    CredentialsProvider({
      id: 'password',
      name: 'Password',
      credentials: {
        identifier: { type: 'text' },
        password: { type: 'password' },
        pendingToken: { type: 'text' },
        code: { type: 'text' },
      },
      async authorize(credentials, req) {
        const context = { ip: requestIp(req?.headers), device: deviceCookieOf(req?.headers) };
        let result: SignInResult;
        if (credentials?.pendingToken) {
          const step2 = otpStepSchema.safeParse(credentials);
          // A malformed code cannot be right: nothing to count.
          if (!step2.success) throw new Error(encodeSignInError({ code: 'badCode' }));
          result = await unlessDatabaseDown(() => signInWithCode(step2.data, context));
        } else {
          const step1 = signInSchema.safeParse(credentials ?? {});
          if (!step1.success) throw new Error(encodeSignInError({ code: 'invalid' }));
          result = await unlessDatabaseDown(() => signInWithPassword(step1.data, context));
        }
        // next-auth v4 hands a thrown error's message to the client as `error` (see sign-in-errors.ts).
        if (!result.ok) {
          componentLogger('auth').info({ reason: result.error.code }, 'sign-in refused');
          throw new Error(encodeSignInError(result.error));
        }
        noteCaller(result.principal);
        await rememberDevice(result.principal, context.device);
        return { id: result.principal, sv: result.sessionVersion };
      },
    }),
  ],
  events: sessionEvents,
  callbacks: {
    async jwt({ token, user }) {
      if (user) return { sub: user.id, sv: user.sv, sid: await sessionOnSignIn(user.id) };
      if (typeof token.sub !== 'string' || typeof token.sv !== 'number' || typeof token.sid !== 'string') return { ...token, revoked: true };
      try {
        if (!(await loadCallerCached(token.sub, token.sv, token.sid, await getClientIp()))) return { ...token, revoked: true };
      } catch (error) {
        // Neither confirmed nor ended: getCaller meets the same (cached) error and the page reports the
        // outage, and the session still holds once the database is back. next-auth would end it instead.
        if (isDatabaseUnavailable(error)) return token;
        throw error;
      }
      return token;
    },
    session({ session, token }) {
      // An empty session reads as "signed out" everywhere, including /api/auth/session.
      if (token.revoked || !token.sub) return {} as typeof session;
      return { expires: session.expires, principal: token.sub, sv: token.sv };
    },
  },
};
