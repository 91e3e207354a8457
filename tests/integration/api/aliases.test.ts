import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { aliases, auditLog, domains } from '@/db/schema';
import { useTestDatabase } from '../helpers/db';
import { call } from './helpers/client';
import { apiWorld, type ApiWorld } from './helpers/world';

// The aliases' endpoints (issue 17) through their route handlers, every answer checked against the
// OpenAPI document: listDomainAliases, createAlias, listAliases, getAlias, updateAlias, deleteAlias.

const net = vi.hoisted(() => ({ ip: '192.0.2.1' as string | null }));
vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => net.ip }));

const t = useTestDatabase();
let w: ApiWorld;

beforeAll(async () => {
  w = await apiWorld(t.db());
});

describe('aliases over the API', () => {
  let id: number;

  it('creates an alias (201, Location), refuses a taken address and a loop per field (422 problem+json)', async () => {
    const created = await call('POST', `/domains/${w.domain.id}/aliases`, {
      token: w.tokens.admin,
      body: { localPart: 'info', description: 'Front desk', targets: [w.mailbox.address, 'someone@elsewhere.example'] },
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.headers.get('location')).toBe(`/api/v1/aliases/${id}`);
    expect(created.body.address).toBe(`info@${w.domain.name}`);

    const taken = await call('POST', `/domains/${w.domain.id}/aliases`, { token: w.tokens.admin, body: { localPart: w.mailbox.localPart, targets: ['x@elsewhere.example'] } });
    expect(taken.status).toBe(422);
    expect(taken.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(taken.body.errors).toEqual([{ field: 'localPart', code: 'wizard.errors.addressTaken', detail: expect.stringContaining(`${w.mailbox.localPart}@`) }]);

    const second = await call('POST', `/domains/${w.domain.id}/aliases`, { token: w.tokens.admin, body: { localPart: 'sales', targets: [`info@${w.domain.name}`] } });
    expect(second.status).toBe(201);
    const loop = await call('PUT', `/aliases/${id}`, { token: w.tokens.admin, body: { version: 1, description: '', active: true, targets: [`sales@${w.domain.name}`] } });
    expect(loop.status).toBe(422);
    expect(loop.body.errors).toEqual([{ field: 'targets', code: 'aliases.errors.loop', detail: expect.stringContaining('loop') }]);
  });

  it('lists per domain and across domains with search, sort, paging and the total; reads one', async () => {
    const list = await call('GET', `/domains/${w.domain.id}/aliases`, { token: w.tokens.admin, query: { sort: 'address', dir: 'desc', pageSize: 1 } });
    expect(list.status).toBe(200);
    expect([list.body.total, list.body.rows[0].address]).toEqual([2, `sales@${w.domain.name}`]);
    const found = await call('GET', '/aliases', { token: w.tokens.superadmin, query: { q: 'front' } });
    expect(found.body.rows.map((r: { id: number }) => r.id)).toEqual([id]);
    const one = await call('GET', `/aliases/${id}`, { token: w.tokens.admin });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id, version: 1, active: true, receiving: true, targets: [w.mailbox.address, 'someone@elsewhere.example'].sort(), senders: 'anyone', sendAs: [] });
  });

  it('a distribution list: who may send to it and who may send as it, saved and read back; send-as for a non-recipient refused per field', async () => {
    const list = await call('POST', `/domains/${w.domain.id}/aliases`, {
      token: w.tokens.admin,
      body: { localPart: 'team', targets: `${w.mailbox.address}\nfriend@elsewhere.example`, senders: 'members', sendAs: [w.mailbox.address] },
    });
    expect(list.status).toBe(201);
    const read = await call('GET', `/aliases/${list.body.id}`, { token: w.tokens.admin });
    expect(read.body).toMatchObject({ senders: 'members', sendAs: [w.mailbox.address] });
    const outsider = await call('PUT', `/aliases/${list.body.id}`, { token: w.tokens.admin, body: { version: 1, targets: ['friend@elsewhere.example'], sendAs: [w.mailbox.address] } });
    expect(outsider.status).toBe(422);
    expect(outsider.body.errors).toEqual([{ field: 'sendAs', code: 'aliases.errors.sendAsNotReceiving', detail: expect.stringContaining(w.mailbox.address) }]);
    const unknownRule = await call('PUT', `/aliases/${list.body.id}`, { token: w.tokens.admin, body: { version: 1, targets: [w.mailbox.address], senders: 'friends' } });
    expect(unknownRule.status).toBe(422);
    expect((await call('DELETE', `/aliases/${list.body.id}`, { token: w.tokens.admin })).status).toBe(204);
  });

  it('another admin’s token: 404 as for a missing alias; a postmaster needs "may manage aliases" (403)', async () => {
    expect((await call('GET', `/aliases/${id}`, { token: w.tokens.otherAdmin })).status).toBe(404);
    expect((await call('GET', `/domains/${w.domain.id}/aliases`, { token: w.tokens.otherAdmin })).status).toBe(404);
    expect((await call('GET', `/aliases/${id}`, { token: w.tokens.postmaster })).status).toBe(403);
    expect((await call('POST', `/domains/${w.domain.id}/aliases`, { token: w.tokens.postmaster, body: { localPart: 'pm', targets: [w.mailbox.address] } })).status).toBe(403);
    expect((await call('GET', '/aliases', { token: w.tokens.user })).status).toBe(403);
    await t.db().update(domains).set({ pmCanManageAliases: true }).where(eq(domains.id, w.domain.id));
    expect((await call('GET', `/aliases/${id}`, { token: w.tokens.postmaster })).status).toBe(200);
    await t.db().update(domains).set({ pmCanManageAliases: false }).where(eq(domains.id, w.domain.id));
  });

  it('saves with the version (409 when stale), deactivates, and deletes (204), each audited', async () => {
    const saved = await call('PUT', `/aliases/${id}`, { token: w.tokens.admin, body: { version: 1, description: 'Desk', active: false, targets: [w.mailbox.address] } });
    expect([saved.status, saved.body]).toEqual([200, { version: 2 }]);
    const stale = await call('PUT', `/aliases/${id}`, { token: w.tokens.admin, body: { version: 1, description: 'Desk', active: true, targets: [w.mailbox.address] } });
    expect(stale.status).toBe(409);
    expect((await call('GET', `/aliases/${id}`, { token: w.tokens.admin })).body.receiving).toBe(false);
    expect((await call('DELETE', `/aliases/${id}`, { token: w.tokens.adminRead })).status).toBe(403);
    const deleted = await call('DELETE', `/aliases/${id}`, { token: w.tokens.admin });
    expect(deleted.status).toBe(204);
    expect((await call('GET', `/aliases/${id}`, { token: w.tokens.admin })).status).toBe(404);
    expect(await t.db().select().from(aliases).where(eq(aliases.id, id))).toEqual([]);
    const actions = (await t.db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, String(id)))).map((r) => r.action);
    expect(actions.filter((a) => a.startsWith('alias.')).sort()).toEqual(['alias.create', 'alias.delete', 'alias.update']);
  });
});
