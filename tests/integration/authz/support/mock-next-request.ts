import { vi } from 'vitest';

// The one bootstrap for tests that call actions, route handlers and pages directly: swaps in the fakes
// of next-mocks.ts for what server code reads from Next's request (session, cookies, client address)
// and the request-scoped helpers it calls (revalidatePath, after). vi.mock applies to modules imported
// after it runs, so a test file loads this before its own imports:
//
//   await vi.hoisted(() => import('./authz/support/mock-next-request'));

vi.mock('@/lib/auth/session-token', async (original) => (await import('./next-mocks')).sessionTokenModule(await original<object>()));
vi.mock('next/cache', async (original) => (await import('./next-mocks')).nextCacheModule(await original<object>()));
vi.mock('next/server', async (original) => (await import('./next-mocks')).nextServerModule(await original<object>()));
vi.mock('next/headers', async (original) => (await import('./next-mocks')).nextHeadersModule(await original<object>()));
vi.mock('@/lib/auth/sessions/load-session-caller', async (original) => (await import('./next-mocks')).loadSessionCallerModule(await original<never>()));
vi.mock('@/lib/request/client-ip', async () => (await import('./next-mocks')).clientIpModule);

process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-0123456789-abcdefghij';
