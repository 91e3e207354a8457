import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { call } from './helpers/client';
import { apiWorld, type ApiWorld } from './helpers/world';

// Issue 17's alias domains and the aliases' CSV through their route handlers, every answer checked against
// the OpenAPI document: listAliasDomains, addAliasDomain, removeAliasDomain, exportAliases, importAliases.

const net = vi.hoisted(() => ({ ip: '192.0.2.1' as string | null }));
vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => net.ip }));

const t = useTestDatabase();
let w: ApiWorld;

beforeAll(async () => {
  w = await apiWorld(t.db());
});

describe('alias domains over the API', () => {
  it('adds (201), lists, refuses a hosted domain per field (422), and removes (204)', async () => {
    const added = await call('POST', `/domains/${w.domain.id}/alias-domains`, { token: w.tokens.admin, body: { name: 'Alias.Example' } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'alias.example' });
    const hosted = await call('POST', `/domains/${w.domain.id}/alias-domains`, { token: w.tokens.admin, body: { name: w.otherDomain.name } });
    expect(hosted.status).toBe(422);
    expect(hosted.body.errors).toEqual([{ field: 'name', code: 'domains.aliasDomains.errors.hosted', detail: expect.stringContaining(w.otherDomain.name) }]);

    const listed = await call('GET', `/domains/${w.domain.id}/alias-domains`, { token: w.tokens.postmaster });
    expect(listed.status).toBe(200);
    expect(listed.body.aliasDomains.map((a: { name: string }) => a.name)).toEqual(['alias.example']);
    expect((await call('POST', `/domains/${w.domain.id}/alias-domains`, { token: w.tokens.postmaster, body: { name: 'pm.example' } })).status).toBe(403);
    expect((await call('DELETE', `/alias-domains/${added.body.id}`, { token: w.tokens.otherAdmin })).status).toBe(404);
    expect((await call('DELETE', `/alias-domains/${added.body.id}`, { token: w.tokens.admin })).status).toBe(204);
    expect((await call('DELETE', `/alias-domains/${added.body.id}`, { token: w.tokens.admin })).status).toBe(404);
  });
});

describe('aliases as CSV over the API', () => {
  it('imports all or nothing (201; 422 naming rows[N].column) and exports (200, text/csv)', async () => {
    const bad = await call('POST', `/domains/${w.domain.id}/aliases/import`, {
      token: w.tokens.admin,
      raw: `local_part,targets,active\r\ncsv-one,${w.mailbox.address},maybe\r\ncsv-two,\r\n`,
      contentType: 'text/csv',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['rows[2].active', 'rows[3].targets']);

    // Who may send and send-as: each cell checked (a rule the file names wrongly, a grant to an address the alias does not deliver to).
    const badSenders = await call('POST', `/domains/${w.domain.id}/aliases/import`, {
      token: w.tokens.admin,
      raw: `local_part,targets,senders,send_as\r\ncsv-one,${w.mailbox.address},all,\r\ncsv-two,x@elsewhere.example,,${w.mailbox.address}\r\n`,
      contentType: 'text/csv',
    });
    expect(badSenders.status).toBe(422);
    expect(badSenders.body.errors.map((e: { field: string }) => e.field)).toEqual(['rows[2].senders']);
    const badGrant = await call('POST', `/domains/${w.domain.id}/aliases/import`, {
      token: w.tokens.admin,
      raw: `local_part,targets,send_as\r\ncsv-two,x@elsewhere.example,${w.mailbox.address}\r\n`,
      contentType: 'text/csv',
    });
    expect(badGrant.status).toBe(422);
    expect(badGrant.body.errors.map((e: { field: string }) => e.field)).toEqual(['rows[2].send_as']);

    const good = await call('POST', `/domains/${w.domain.id}/aliases/import`, {
      token: w.tokens.admin,
      raw: `local_part,targets,description,senders,send_as\r\ncsv-one,${w.mailbox.address},One,,\r\ncsv-two,csv-one@${w.domain.name} x@elsewhere.example,Two,members,${w.mailbox.address}\r\n`,
      contentType: 'text/csv',
    });
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({ rows: 2, created: [{ address: `csv-one@${w.domain.name}` }, { address: `csv-two@${w.domain.name}` }] });

    const exported = await call('GET', `/domains/${w.domain.id}/aliases/export`, { token: w.tokens.adminRead });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.body as unknown as string).toContain(`csv-two@${w.domain.name},csv-two,Two,yes,csv-one@${w.domain.name} x@elsewhere.example,members,${w.mailbox.address}\r\n`);
    expect(exported.body as unknown as string).toContain(`csv-one@${w.domain.name},csv-one,One,yes,${w.mailbox.address},anyone,\r\n`);
    expect((await call('GET', `/domains/${w.domain.id}/aliases/export`, { token: w.tokens.otherAdmin })).status).toBe(404);
    expect((await call('POST', `/domains/${w.domain.id}/aliases/import`, { token: w.tokens.admin, raw: 'local_part,targets\r\n', contentType: 'application/json' })).status).toBe(422);
  });
});
