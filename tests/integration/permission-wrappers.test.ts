import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionContext } from '@/lib/accounts/import/session-route';
import { actionContext } from '@/lib/auth/action-context';
import { ForbiddenError } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { runAction } from '@/lib/errors';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, insertAdmin, type Fixture } from './helpers/fixtures';

// The one wrapper per kind of endpoint: a page's requirePermission, an action's actionContext, a CSV
// route's sessionContext. Each refuses a caller the permission table does not grant the named action,
// the way its kind refuses (a page: not found; an action: ForbiddenError, answered as not found; a
// route: 404), and lets the others through.

const request = vi.hoisted(() => ({ session: null as null | { principal: string; sv: number } }));
vi.mock('next/headers', () => ({ cookies: async () => ({ getAll: () => [] }) }));
vi.mock('@/lib/auth/session-token', () => ({
  sessionCookieName: () => 'next-auth.session-token',
  sessionTokenFrom: () => (request.session ? 'signed-in' : null),
  decodeSessionToken: async () => (request.session ? { principal: request.session.principal, sessionVersion: request.session.sv } : null),
}));
vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => null }));

process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-0123456789-abcdefghij';

const t = useTestDatabase();
let f: Fixture;
let superadminId: number;

beforeEach(async () => {
  await resetTables(t.db());
  f = await createFixture(t.db());
  superadminId = (await insertAdmin(t.db(), { role: 'superadmin' })).id;
});

const signInAs = (principal: string) => {
  request.session = { principal, sv: 1 };
};
const NOT_FOUND = { digest: expect.stringContaining('404') as unknown };
const csvRequest = () => new Request('http://localhost/accounts/export.csv');

describe('requirePermission (pages)', () => {
  it('gives the page to the roles the table grants the action, and is not found for the others', async () => {
    signInAs(`mailbox:${f.mailbox.id}`);
    await expect(requirePermission('domains:read')).rejects.toMatchObject(NOT_FOUND);
    expect(await requirePermission('self:read')).toMatchObject({ id: f.mailbox.id, role: 'user' });

    signInAs(`mailbox:${f.postmaster.id}`);
    expect(await requirePermission('domains:read')).toMatchObject({ id: f.postmaster.id, role: 'postmaster' });
    await expect(requirePermission('postmasters:read')).rejects.toMatchObject(NOT_FOUND);

    signInAs(`admin:${f.admin.id}`);
    expect(await requirePermission('plans:read')).toMatchObject({ id: f.admin.id, role: 'admin' });
    await expect(requirePermission('plans:write')).rejects.toMatchObject(NOT_FOUND);
    await expect(requirePermission('admins:read')).rejects.toMatchObject(NOT_FOUND);

    signInAs(`admin:${superadminId}`);
    expect(await requirePermission('admins:write')).toMatchObject({ id: superadminId, role: 'superadmin' });
  });

  it('sends a signed-out caller to sign in, whatever the action', async () => {
    request.session = null;
    await expect(requirePermission('self:read')).rejects.toMatchObject({ digest: expect.stringContaining(';/login;') as unknown });
  });
});

describe('actionContext (server actions)', () => {
  it('refuses a caller without the permission with ForbiddenError, which the action answers as not found', async () => {
    signInAs(`mailbox:${f.postmaster.id}`);
    await expect(actionContext({ permission: 'domains:update' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await runAction(async () => ({ ok: true as const, data: await actionContext({ permission: 'domains:update' }) }))).toEqual({
      ok: false,
      fieldErrors: {},
      formError: 'errors.notFound',
    });
    expect(await actionContext({ permission: 'accounts:toggle' })).toMatchObject({ caller: { id: f.postmaster.id } });

    signInAs(`admin:${f.admin.id}`);
    await expect(actionContext({ permission: 'plans:write' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await actionContext({ permission: 'domains:update' })).toMatchObject({ caller: { id: f.admin.id } });
  });
});

describe('sessionContext (CSV routes)', () => {
  it('answers 404 to a caller without the permission, as the page would be', async () => {
    signInAs(`mailbox:${f.mailbox.id}`);
    const refused = await sessionContext(csvRequest(), { write: false, permission: 'accounts:read' });
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(404);

    signInAs(`mailbox:${f.postmaster.id}`);
    expect(await sessionContext(csvRequest(), { write: false, permission: 'accounts:read' })).toMatchObject({ caller: { id: f.postmaster.id } });
  });
});
