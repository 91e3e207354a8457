import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { cache } from 'react';
import { getClientIp } from '@/lib/request/client-ip';
import { CLIENT_IP_HEADER } from '@/lib/request/client-ip-header';
import { normalizeIp } from '@/lib/request/resolve-client-ip';
import { otpStepSchema, signInSchema } from '@/lib/validations/sign-in';
import { parsePrincipal } from './caller';
import { loadCaller } from './load-caller';
import { signInWithCode, signInWithPassword, type SignInResult } from './sign-in';
import { encodeSignInError } from './sign-in-errors';

export const SESSION_MAX_AGE = 12 * 60 * 60;

// One database look-up per request, shared by next-auth's jwt callback and the guard (keyed by
// primitives: React's cache compares arguments by identity).
export const loadCallerCached = cache((principal: string, sessionVersion: number, ip: string | null) => {
  const ref = parsePrincipal(principal);
  return ref ? loadCaller(ref, sessionVersion, { ip }) : Promise.resolve(null);
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
    revoked?: boolean;
  }
}

/** The address the custom server established for this request (it drops any client-sent value). */
function requestIp(headers: Record<string, unknown> | undefined): string | null {
  const value = headers?.[CLIENT_IP_HEADER];
  return normalizeIp(typeof value === 'string' ? value : null);
}

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE },
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
        const context = { ip: requestIp(req?.headers) };
        let result: SignInResult;
        if (credentials?.pendingToken) {
          const step2 = otpStepSchema.safeParse(credentials);
          // A malformed code cannot be right: nothing to count.
          if (!step2.success) throw new Error(encodeSignInError({ code: 'badCode' }));
          result = await signInWithCode(step2.data, context);
        } else {
          const step1 = signInSchema.safeParse(credentials ?? {});
          if (!step1.success) throw new Error(encodeSignInError({ code: 'invalid' }));
          result = await signInWithPassword(step1.data, context);
        }
        // next-auth v4 hands a thrown error's message to the client as `error` (see sign-in-errors.ts).
        if (!result.ok) throw new Error(encodeSignInError(result.error));
        return { id: result.principal, sv: result.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) return { sub: user.id, sv: user.sv };
      if (typeof token.sub !== 'string' || typeof token.sv !== 'number' || !(await loadCallerCached(token.sub, token.sv, await getClientIp()))) {
        return { ...token, revoked: true };
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
