// What the server code reads from Next's request (the session, the client address, cookies) and the
// request-scoped helpers it calls (revalidatePath, after), for calling actions and route handlers
// directly in vitest. Test files install them with mock-next-request.ts.

/** `sid`: a real session's secret (lib/auth/sessions/); without one the session counts as live. */
export type Session = { principal: string; sv: number; sid?: string };

export const request = {
  /** Who is signed in (what the session cookie says): null is signed out. */
  session: null as Session | null,
  ip: '198.51.100.7' as string | null,
  cookies: new Map<string, string>(),
  /** Work handed to after(): run by settleAfter(), as Next runs it once the answer is sent. */
  after: [] as Promise<unknown>[],
  revalidated: [] as string[],
};

export function signInAs(principal: string | null, sv = 1, sid?: string): void {
  request.session = principal ? { principal, sv, ...(sid ? { sid } : {}) } : null;
}

// A session signed in without a secret stands for a live session row that is not the subject of the
// test (the matrix and the hostile-input specs): its check passes, as session id 0.
const LIVE_TEST_SESSION = 'live-test-session';

export async function settleAfter(): Promise<void> {
  const tasks = request.after.splice(0);
  await Promise.all(tasks);
}

// The signed-in caller travels as a cookie of the jar that cookies() hands out, taken when cookies() is
// called (as next-auth's cookie arrives with its request), so calls started one after another keep
// their own caller even while they run at the same time.
const SESSION_COOKIE = 'test-session';

/** The session cookie as the pages read it (lib/auth/session-token.ts), without the encryption. */
export function sessionTokenModule<T extends object>(actual: T) {
  return {
    ...actual,
    sessionTokenFrom: (cookies: { name: string; value: string }[]) => cookies.find((cookie) => cookie.name === SESSION_COOKIE)?.value ?? null,
    decodeSessionToken: async (token: string) => {
      const session = JSON.parse(token) as Session;
      return { principal: session.principal, sessionVersion: session.sv, sessionSecret: session.sid ?? LIVE_TEST_SESSION };
    },
  };
}

type LoadSessionCaller = typeof import('@/lib/auth/sessions/load-session-caller').loadSessionCaller;

/** A session whose own row is not the test's subject: the account's checks only, as loadCaller makes them. */
async function liveTestSessionCaller(...[ref, sessionVersion, , options]: Parameters<LoadSessionCaller>) {
  const { loadCaller } = await import('@/lib/auth/load-caller');
  const caller = await loadCaller(ref, sessionVersion, options);
  return caller && { ...caller, sessionId: 0 };
}

/** lib/auth/sessions/load-session-caller.ts: the real check for a real secret; LIVE_TEST_SESSION is live. */
export function loadSessionCallerModule<T extends { loadSessionCaller: LoadSessionCaller }>(actual: T) {
  return {
    ...actual,
    loadSessionCaller: async (...args: Parameters<LoadSessionCaller>) => (args[2] === LIVE_TEST_SESSION ? liveTestSessionCaller(...args) : actual.loadSessionCaller(...args)),
  };
}

/** The same for tests whose sessions are all live (sessions.test.ts tests the session rows themselves). */
export const alwaysLiveSessionModule = { loadSessionCaller: liveTestSessionCaller };

export const clientIpModule = { getClientIp: async () => request.ip };

export function nextCacheModule<T extends object>(actual: T) {
  return {
    ...actual,
    revalidatePath: (path: string) => void request.revalidated.push(path),
    revalidateTag: (tag: string) => void request.revalidated.push(`tag:${tag}`),
  };
}

export function nextServerModule<T extends object>(actual: T) {
  return {
    ...actual,
    after: (task: Promise<unknown> | (() => unknown)) => {
      request.after.push(typeof task === 'function' ? Promise.resolve().then(task) : Promise.resolve(task));
    },
  };
}

function jarOf(session: Session | null) {
  return {
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    getAll: () => [
      ...[...request.cookies].map(([name, value]) => ({ name, value })),
      ...(session ? [{ name: SESSION_COOKIE, value: JSON.stringify(session) }] : []),
    ],
    has: (name: string) => request.cookies.has(name),
    set: (name: string, value: string) => void request.cookies.set(name, value),
    delete: (name: string) => void request.cookies.delete(name),
  };
}

export function nextHeadersModule<T extends object>(actual: T) {
  return { ...actual, cookies: async () => jarOf(request.session), headers: async () => new Headers() };
}
