import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { cache } from 'react';
import { signInSchema } from '@/lib/validations/sign-in';
import { parsePrincipal } from './caller';
import { loadCaller } from './load-caller';
import { verifyCredentials } from './verify-credentials';

const SESSION_MAX_AGE = 12 * 60 * 60;

// One database look-up per request, shared by next-auth's jwt callback and the guard.
export const loadCallerCached = cache(loadCaller);

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

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    CredentialsProvider({
      id: 'password',
      name: 'Password',
      credentials: { identifier: { type: 'text' }, password: { type: 'password' } },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const verified = await verifyCredentials(parsed.data.identifier, parsed.data.password);
        return verified ? { id: verified.principal, sv: verified.sessionVersion } : null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) return { sub: user.id, sv: user.sv };
      const ref = parsePrincipal(token.sub);
      if (!ref || typeof token.sv !== 'number' || !(await loadCallerCached(ref, token.sv))) {
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
