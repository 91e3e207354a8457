// What the server code reads from Next's request (the session, the client address, cookies) and the
// request-scoped helpers it calls (revalidatePath, after), for calling actions and route handlers
// directly in vitest. Each test file mocks the modules with these (vi.mock is per file):
//
//   vi.mock('next-auth', async (original) => (await import('./support/next-mocks')).nextAuthModule(await original()));
//   vi.mock('next/cache', async (original) => (await import('./support/next-mocks')).nextCacheModule(await original()));
//   vi.mock('next/server', async (original) => (await import('./support/next-mocks')).nextServerModule(await original()));
//   vi.mock('next/headers', async (original) => (await import('./support/next-mocks')).nextHeadersModule(await original()));
//   vi.mock('@/lib/request/client-ip', async () => (await import('./support/next-mocks')).clientIpModule);

export type Session = { principal: string; sv: number };

export const request = {
  /** What next-auth's getServerSession answers: null is signed out. */
  session: null as Session | null,
  ip: '198.51.100.7' as string | null,
  cookies: new Map<string, string>(),
  /** Work handed to after(): run by settleAfter(), as Next runs it once the answer is sent. */
  after: [] as Promise<unknown>[],
  revalidated: [] as string[],
};

export function signInAs(principal: string | null, sv = 1): void {
  request.session = principal ? { principal, sv } : null;
}

export async function settleAfter(): Promise<void> {
  const tasks = request.after.splice(0);
  await Promise.all(tasks);
}

export function nextAuthModule<T extends object>(actual: T) {
  return { ...actual, getServerSession: async () => request.session };
}

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

const jar = {
  get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
  getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
  has: (name: string) => request.cookies.has(name),
  set: (name: string, value: string) => void request.cookies.set(name, value),
  delete: (name: string) => void request.cookies.delete(name),
};

export function nextHeadersModule<T extends object>(actual: T) {
  return { ...actual, cookies: async () => jar, headers: async () => new Headers() };
}
