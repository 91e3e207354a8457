import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionRoute } from '@/lib/accounts/import/session-route';
import { actionContext } from '@/lib/auth/action-context';
import { requirePermission } from '@/lib/auth/session';
import { runAction } from '@/lib/errors';
import { signInAs } from './authz/support/next-mocks';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, insertAdmin, type Fixture } from './helpers/fixtures';

// The one wrapper per kind of endpoint: a page's requirePermission, an action's actionContext, a CSV
// route's sessionRoute. Each refuses a caller the permission table does not grant the named action,
// the way its kind refuses (a page: not found; an action: a forbidden failure, answered as not found; a
// route: 404), and lets the others through.

await vi.hoisted(() => import('./authz/support/mock-next-request'));

const t = useTestDatabase();
let f: Fixture;
let superadminId: number;

beforeEach(async () => {
  await resetTables(t.db());
  f = await createFixture(t.db());
  superadminId = (await insertAdmin(t.db(), { role: 'superadmin' })).id;
});

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
    signInAs(null);
    await expect(requirePermission('self:read')).rejects.toMatchObject({ digest: expect.stringContaining(';/login;') as unknown });
  });
});

describe('actionContext (server actions)', () => {
  it('refuses a caller without the permission (forbidden), which the action answers as not found', async () => {
    signInAs(`mailbox:${f.postmaster.id}`);
    await expect(actionContext({ permission: 'domains:update' })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    expect(await runAction(async () => ({ ok: true as const, data: await actionContext({ permission: 'domains:update' }) }))).toEqual({
      ok: false,
      code: 'forbidden',
      fieldErrors: {},
      formError: 'errors.notFound',
    });
    expect(await actionContext({ permission: 'accounts:toggle' })).toMatchObject({ caller: { id: f.postmaster.id } });

    signInAs(`admin:${f.admin.id}`);
    await expect(actionContext({ permission: 'plans:write' })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    expect(await actionContext({ permission: 'domains:update' })).toMatchObject({ caller: { id: f.admin.id } });
  });
});

describe('sessionRoute (CSV routes)', () => {
  it('answers 404 (problem+json) to a caller without the permission, as the page would be', async () => {
    const route = sessionRoute({ permission: 'accounts:read', write: false }, async ({ caller }) => Response.json({ id: caller.id }));
    signInAs(`mailbox:${f.mailbox.id}`);
    const refused = await route(csvRequest());
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');

    signInAs(`mailbox:${f.postmaster.id}`);
    const allowed = await route(csvRequest());
    expect(await allowed.json()).toEqual({ id: f.postmaster.id });
  });
});
