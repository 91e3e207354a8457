import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, dkimKeys, mailJobs } from '@/db/schema';
import { startDnsServer, type TestDnsServer } from '../../helpers/dns-server';
import { useTestDatabase } from '../helpers/db';
import { call } from './helpers/client';
import { apiWorld, type ApiWorld } from './helpers/world';

// A domain's DKIM keys over the REST API (issue 18): createDkimKey (generate, or the first step of a
// rotation) and activateDkimKey (switch signing once the record is published), each for RSA or ed25519
// (?algorithm=), and stopEd25519Signing (the second signature off again), the same lib functions as
// the DNS records page. Who may call them: tests/integration/authz/rows/api-v1.ts.

vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => '192.0.2.1' }));

process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-0123456789-abcdefghij';
const t = useTestDatabase();
let w: ApiWorld;
let dns: TestDnsServer;
const saved = { resolver: process.env.DNS_RESOLVER, host: process.env.MAIL_HOSTNAME };

beforeAll(async () => {
  dns = await startDnsServer();
  process.env.DNS_RESOLVER = dns.address;
  process.env.MAIL_HOSTNAME = 'mail.example.net';
});

// Hashing the world's passwords and making its tokens takes a while on a busy machine.
beforeAll(async () => {
  w = await apiWorld(t.db());
}, 120_000);

afterAll(async () => {
  await dns?.close();
  for (const [key, value] of [['DNS_RESOLVER', saved.resolver], ['MAIL_HOSTNAME', saved.host]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const keysOf = (domainId: number) => t.db().select().from(dkimKeys).where(eq(dkimKeys.domainId, domainId));

describe('DKIM keys over the API', () => {
  it('creates a pending key, refuses to activate it until its record is published, then signs with it; a second key rotates', async () => {
    const path = `/domains/${w.domain.id}/dkim-keys`;
    const created = await call('POST', path, { token: w.tokens.admin });
    expect(created.status).toBe(201);
    const selector = created.body.selector as string;
    expect(selector).toMatch(/^mp\d{6}(-\d+)?$/);
    const [pending] = await keysOf(w.domain.id);
    expect(pending).toMatchObject({ selector, state: 'pending' });

    // Not published yet: refused, nothing changes.
    const early = await call('POST', `${path}/activate`, { token: w.tokens.admin });
    expect(early.status).toBe(422);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    expect((await keysOf(w.domain.id)).map((k) => k.state)).toEqual(['pending']);

    dns.records[`${selector}._domainkey.${w.domain.name}`] = { TXT: [`v=DKIM1; k=rsa; p=${pending!.publicKey}`] };
    const activated = await call('POST', `${path}/activate`, { token: w.tokens.admin });
    expect(activated).toMatchObject({ status: 200, body: { algorithm: 'rsa', selector } });
    expect((await keysOf(w.domain.id)).map((k) => k.state)).toEqual(['active']);
    const jobs = await t.db().select().from(mailJobs).where(eq(mailJobs.kind, 'dkim-sync'));
    expect(jobs.length).toBeGreaterThan(0);

    // Rotation: a new pending key beside the active one, which keeps signing until the new one is activated.
    const next = await call('POST', path, { token: w.tokens.superadmin });
    expect(next.status).toBe(201);
    expect(next.body.selector).not.toBe(selector);
    expect((await keysOf(w.domain.id)).map((k) => k.state).sort()).toEqual(['active', 'pending']);

    const actions = (await t.db().select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
    expect(actions.filter((a) => a.startsWith('dkim.'))).toEqual(['dkim.create', 'dkim.activate', 'dkim.create']);
  });

  it('?algorithm=ed25519 makes, checks and activates the second key beside the RSA one; another algorithm is refused', async () => {
    const path = `/domains/${w.otherDomain.id}/dkim-keys`;
    const created = await call('POST', `${path}?algorithm=ed25519`, { token: w.tokens.otherAdmin });
    expect(created).toMatchObject({ status: 201, body: { algorithm: 'ed25519' } });
    const selector = created.body.selector as string;
    expect(selector).toMatch(/^ed\d{6}(-\d+)?$/);
    const [pending] = (await keysOf(w.otherDomain.id)).filter((k) => k.algorithm === 'ed25519');
    expect(pending).toMatchObject({ selector, state: 'pending' });
    // The RSA activation does not touch it: there is no pending RSA key.
    expect((await call('POST', `${path}/activate`, { token: w.tokens.otherAdmin })).status).toBe(422);
    dns.records[`${selector}._domainkey.${w.otherDomain.name}`] = { TXT: [`v=DKIM1; k=ed25519; p=${pending!.publicKey}`] };
    const activated = await call('POST', `${path}/activate?algorithm=ed25519`, { token: w.tokens.otherAdmin });
    expect(activated).toMatchObject({ status: 200, body: { algorithm: 'ed25519', selector } });
    const actions = (await t.db().select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['dkim.createEd25519', 'dkim.activateEd25519']));
    // Turned off again over the API: the ed25519 key retires, the RSA one (none here) is untouched.
    expect(await call('DELETE', `${path}/ed25519`, { token: w.tokens.otherAdmin })).toMatchObject({ status: 200, body: { stopped: true } });
    expect((await keysOf(w.otherDomain.id)).filter((k) => k.algorithm === 'ed25519').map((k) => k.state)).toEqual(['retiring']);
    expect(await call('DELETE', `${path}/ed25519`, { token: w.tokens.otherAdmin })).toMatchObject({ status: 200, body: { stopped: false } });
    expect((await call('DELETE', `${path}/ed25519`, { token: w.tokens.admin })).status).toBe(404);
    for (const bad of ['dsa', 'RSA', '', 'ed25519,rsa']) {
      const refused = await call('POST', `${path}?algorithm=${encodeURIComponent(bad)}`, { token: w.tokens.otherAdmin });
      expect(refused.status, bad).toBe(422);
    }
  });

  it('refuses the postmaster (403: not an admin\'s action), answers 404 for another admin\'s or a missing domain, 422 with no pending key', async () => {
    expect((await call('POST', `/domains/${w.domain.id}/dkim-keys`, { token: w.tokens.postmaster })).status).toBe(403);
    expect((await call('POST', `/domains/${w.domain.id}/dkim-keys/activate`, { token: w.tokens.postmaster })).status).toBe(403);
    expect((await call('POST', `/domains/${w.domain.id}/dkim-keys`, { token: w.tokens.otherAdmin })).status).toBe(404);
    expect((await call('POST', `/domains/${w.domain.id}/dkim-keys/activate`, { token: w.tokens.otherAdmin })).status).toBe(404);
    expect((await call('POST', '/domains/999999/dkim-keys', { token: w.tokens.superadmin })).status).toBe(404);
    expect((await call('POST', `/domains/${w.otherDomain.id}/dkim-keys/activate`, { token: w.tokens.otherAdmin })).status).toBe(422);
  });
});
