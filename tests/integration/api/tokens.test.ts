import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabaseHandle, setDatabaseHandle } from '@/db';
import { admins, apiOwnerRate, apiTokens, auditLog, domains, mailboxes } from '@/db/schema';
import { API_OWNER_RATE_LIMIT, API_RATE_LIMIT, API_RATE_WINDOW_SECONDS } from '@/lib/api/authenticate';
import { API_TOKEN_MAX, createApiToken } from '@/lib/api-tokens/create-token';
import type { Caller } from '@/lib/auth/caller';
import { hashPassword } from '@/lib/auth/password';
import { translate } from '@/lib/i18n/translate';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { updateSecurity } from '@/lib/mailboxes/settings/security';
import { changeOwnPassword } from '@/lib/self-service/own-security';
import { listApiTokens } from '@/lib/api-tokens/list-tokens';
import { revokeApiToken } from '@/lib/api-tokens/revoke-token';
import { hashApiToken } from '@/lib/api-tokens/secret';

import { resetTables, useTestDatabase } from '../helpers/db';
import { call } from './helpers/client';
import { apiWorld, PASSWORD, tokenFor, type ApiWorld } from './helpers/world';

// A token's whole life: created in the panel (shown once, stored hashed), used (last use recorded),
// throttled, refused when expired or revoked, when its owner may no longer sign in from here, when its
// owner's API access is off, and when a read-only token tries to write.

const net = vi.hoisted(() => ({ ip: '192.0.2.1' as string | null }));
vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => net.ip }));

const t = useTestDatabase();
let w: ApiWorld;

beforeEach(async () => {
  await resetTables(t.db());
  net.ip = '192.0.2.1';
  w = await apiWorld(t.db());
});

async function tokenRow(token: string) {
  const [row] = await t.db().select().from(apiTokens).where(eq(apiTokens.tokenHash, hashApiToken(token)));
  return row!;
}

describe('creating, listing and revoking', () => {
  it('stores only a SHA-256 of a 256-bit secret, shows the secret once, and audits without it', async () => {
    const created = await createApiToken({ caller: w.callers.user, ip: '192.0.2.9', input: { name: 'backup', access: 'read', expiresInDays: '7' } });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.data.token).toMatch(/^mpat_[A-Za-z0-9_-]{43}$/);
    const row = await tokenRow(created.data.token);
    expect(row).toMatchObject({ mailboxId: w.mailbox.id, adminId: null, name: 'backup', access: 'read', prefix: created.data.token.slice(0, 12) });
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBeGreaterThan(6.9 * 86_400_000);
    const dump = JSON.stringify(await t.db().select().from(apiTokens)) + JSON.stringify(await t.db().select().from(auditLog));
    expect(dump).not.toContain(created.data.token);
    const [audit] = await t.db().select().from(auditLog).where(eq(auditLog.targetId, String(row.id)));
    expect(audit).toMatchObject({ action: 'apiToken.create', actorMailboxId: w.mailbox.id, domainId: w.domain.id });
  });

  it('refuses a token to a mailbox whose API access is off, and bad input per field', async () => {
    await t.db().update(mailboxes).set({ apiAccess: false }).where(eq(mailboxes.id, w.mailbox.id));
    expect(await createApiToken({ caller: w.callers.user, ip: null, input: { name: 'x', access: 'read', expiresInDays: '7' } })).toEqual({
      ok: false,
      code: 'forbidden',
      fieldErrors: {},
      formError: 'api.tokens.errors.apiAccessOff',
    });
    expect(await createApiToken({ caller: w.callers.admin, ip: null, input: { name: ' ', access: 'root', expiresInDays: '9' } })).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { name: 'validation.required', access: 'validation.invalid', expiresInDays: 'validation.invalid' },
    });
  });

  it('lists only the caller’s own tokens, with their state and last use', async () => {
    await call('GET', '/me', { token: w.tokens.admin });
    const { tokens } = await listApiTokens({ caller: w.callers.admin });
    expect(tokens.map((token) => token.name).sort()).toEqual(['read only', 'test']);
    const used = tokens.find((token) => token.name === 'test')!;
    expect(used).toMatchObject({ state: 'active', lastUsedIp: '192.0.2.1' });
    expect(used.lastUsedAt).toBeInstanceOf(Date);
    expect(tokens.find((token) => token.name === 'read only')!.lastUsedAt).toBeNull();
  });

  it('revokes a token at once; someone else’s token is not found and stays valid', async () => {
    const own = await tokenRow(w.tokens.admin);
    const theirs = await tokenRow(w.tokens.otherAdmin);
    await expect(revokeApiToken({ caller: w.callers.admin, ip: null, id: theirs.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect((await call('GET', '/me', { token: w.tokens.otherAdmin })).status).toBe(200);
    expect(await revokeApiToken({ caller: w.callers.admin, ip: null, id: own.id })).toEqual({ ok: true, data: { id: own.id } });
    const refused = await call('GET', '/me', { token: w.tokens.admin });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="mailpanel", error="invalid_token"');
    expect((await listApiTokens({ caller: w.callers.admin })).tokens.find((token) => token.id === own.id)!.state).toBe('revoked');
    await expect(revokeApiToken({ caller: w.callers.admin, ip: null, id: own.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
  });
});

describe('refusals', () => {
  it('answers 401 with WWW-Authenticate to no token, a malformed one and an unknown one', async () => {
    const none = await call('GET', '/domains');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="mailpanel"');
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    expect(none.body).toMatchObject({ type: '/api-docs#problem-unauthorized', status: 401, title: 'Not signed in' });
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer not-a-token', `Bearer mpat_${'A'.repeat(43)}`, `bearer ${w.tokens.admin}x`]) {
      const answer = await call('GET', '/domains', { headers: { authorization: header } });
      expect(answer.status, header).toBe(401);
    }
  });

  it('answers problems in the request’s language before the owner is known', async () => {
    const answer = await call('GET', '/domains', { headers: { 'accept-language': 'it-IT,it;q=0.9' } });
    expect(answer.body.title).toBe('Accesso non effettuato');
    expect(answer.headers.get('content-language')).toBe('it');
  });

  it('refuses an expired token', async () => {
    await t.db().update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.tokenHash, hashApiToken(w.tokens.admin)));
    expect((await call('GET', '/me', { token: w.tokens.admin })).status).toBe(401);
    expect((await listApiTokens({ caller: w.callers.admin })).tokens.find((token) => token.name === 'test')!.state).toBe('expired');
  });

  it('refuses every token of a mailbox whose API access is off (403), and takes them again when it is on', async () => {
    await t.db().update(mailboxes).set({ apiAccess: false }).where(eq(mailboxes.id, w.postmaster.id));
    const off = await call('GET', '/domains', { token: w.tokens.postmaster });
    expect(off.status).toBe(403);
    expect(off.body.type).toBe('/api-docs#problem-apiAccessOff');
    await t.db().update(mailboxes).set({ apiAccess: true }).where(eq(mailboxes.id, w.postmaster.id));
    expect((await call('GET', '/domains', { token: w.tokens.postmaster })).status).toBe(200);
  });

  it('applies the owner’s allowed IPs: outside them the token does not authenticate', async () => {
    await t.db().update(mailboxes).set({ allowedIps: ['10.0.0.0/8'] }).where(eq(mailboxes.id, w.mailbox.id));
    expect((await call('GET', '/me', { token: w.tokens.user })).status).toBe(401);
    net.ip = null;
    expect((await call('GET', '/me', { token: w.tokens.user })).status).toBe(401);
    net.ip = '10.1.2.3';
    expect((await call('GET', '/me', { token: w.tokens.user })).status).toBe(200);
    expect((await tokenRow(w.tokens.user)).lastUsedIp).toBe('10.1.2.3');
  });

  it('refuses the tokens of a deactivated account, of an account in a deactivated domain and of a deactivated admin', async () => {
    await t.db().update(mailboxes).set({ active: false }).where(eq(mailboxes.id, w.mailbox.id));
    expect((await call('GET', '/me', { token: w.tokens.user })).status).toBe(401);
    await t.db().update(domains).set({ active: false }).where(eq(domains.id, w.domain.id));
    expect((await call('GET', '/me', { token: w.tokens.postmaster })).status).toBe(401);
    await t.db().update(admins).set({ active: false }).where(eq(admins.id, w.admin.id));
    expect((await call('GET', '/me', { token: w.tokens.admin })).status).toBe(401);
    expect((await call('GET', '/me', { token: w.tokens.otherAdmin })).status).toBe(200);
  });

  it('lets a read-only token read but not write (403), and writes nothing', async () => {
    expect((await call('GET', `/domains/${w.domain.id}`, { token: w.tokens.adminRead })).status).toBe(200);
    const before = await t.db().select().from(auditLog);
    const [mailbox] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, w.mailbox.id));
    const answer = await call('POST', `/accounts/${w.mailbox.id}/deactivate`, { token: w.tokens.adminRead });
    expect(answer.status).toBe(403);
    expect(answer.body.type).toBe('/api-docs#problem-readOnlyToken');
    expect(answer.headers.get('www-authenticate')).toContain('insufficient_scope');
    expect(await t.db().select().from(auditLog)).toEqual(before);
    expect((await t.db().select().from(mailboxes).where(eq(mailboxes.id, w.mailbox.id)))[0]).toEqual(mailbox);
  });

  it('holds a gated owner to its gate: a forced password change refuses everything but changing it', async () => {
    await t.db().update(mailboxes).set({ forcePasswordChange: true }).where(eq(mailboxes.id, w.mailbox.id));
    const gated = await call('GET', '/me', { token: w.tokens.user });
    expect(gated.status).toBe(403);
    expect(gated.body.type).toBe('/api-docs#problem-gate');
    const changed = await call('PUT', '/me/password', {
      token: w.tokens.user,
      body: { currentPassword: 'correct horse battery staple', newPassword: 'another fine passphrase 9', confirmPassword: 'another fine passphrase 9' },
    });
    expect(changed.status).toBe(204);
    // The change ends every token of the account, this one included (a new one comes from the panel).
    expect((await call('GET', '/me', { token: w.tokens.user })).status).toBe(401);
  });
});

describe('throttling per token', () => {
  it(`answers 429 with Retry-After beyond ${API_RATE_LIMIT} requests a minute, for that token only`, async () => {
    const startedAt = new Date(Date.now() - 20_000);
    await t.db().update(apiTokens).set({ rateCount: API_RATE_LIMIT, rateWindowStartedAt: startedAt }).where(eq(apiTokens.tokenHash, hashApiToken(w.tokens.admin)));
    const limited = await call('GET', '/domains', { token: w.tokens.admin });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(39);
    expect(retryAfter).toBeLessThanOrEqual(API_RATE_WINDOW_SECONDS - 19);
    expect(limited.body.detail).toContain(String(API_RATE_LIMIT));
    // Another token of the same owner has its own window.
    expect((await call('GET', '/domains', { token: w.tokens.adminRead })).status).toBe(200);
    // A new window starts once the minute is over.
    await t.db().update(apiTokens).set({ rateWindowStartedAt: new Date(Date.now() - 61_000) }).where(eq(apiTokens.tokenHash, hashApiToken(w.tokens.admin)));
    expect((await call('GET', '/domains', { token: w.tokens.admin })).status).toBe(200);
    expect((await tokenRow(w.tokens.admin)).rateCount).toBe(1);
  });

  it('counts parallel requests atomically: exactly the remaining ones pass', async () => {
    await t.db().update(apiTokens).set({ rateCount: API_RATE_LIMIT - 3, rateWindowStartedAt: new Date() }).where(eq(apiTokens.tokenHash, hashApiToken(w.tokens.admin)));
    const answers = await Promise.all(Array.from({ length: 8 }, () => call('GET', '/me', { token: w.tokens.admin })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    expect((await tokenRow(w.tokens.admin)).rateCount).toBe(API_RATE_LIMIT + 5);
  });
});

describe('never a 500', () => {
  it('answers 503 with Retry-After when the database is unreachable', async () => {
    const real = getDatabaseHandle();
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const db = new Proxy(real.db, {
      get: () => () => {
        throw down;
      },
    });
    setDatabaseHandle({ ...real, db });
    try {
      const answer = await call('GET', '/domains', { token: w.tokens.admin });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('30');
      expect(answer.body.type).toBe('/api-docs#problem-unavailable');
    } finally {
      setDatabaseHandle(real);
    }
  });

  it('answers 422 to a body that is not JSON, or not sent as JSON, and 413 to one too large', async () => {
    const path = `/domains/${w.domain.id}/settings`;
    const malformed = await call('PUT', path, { token: w.tokens.admin, raw: '{"version": 1,', contentType: 'application/json' });
    expect(malformed.status).toBe(422);
    expect(malformed.body.type).toBe('/api-docs#problem-malformed');
    expect((await call('PUT', path, { token: w.tokens.admin, raw: 'version=1', contentType: 'application/x-www-form-urlencoded' })).status).toBe(422);
    expect((await call('PUT', path, { token: w.tokens.admin, raw: '{}' })).status).toBe(422);
    const huge = await call('PUT', path, { token: w.tokens.admin, raw: JSON.stringify({ pad: 'x'.repeat(1_100_000) }), contentType: 'application/json' });
    expect(huge.status).toBe(413);
    for (const body of [null, [], 'text', 42, { version: 'one' }]) {
      const answer = await call('PUT', path, { token: w.tokens.admin, body });
      expect(answer.status, JSON.stringify(body)).toBe(422);
    }
  });

  it('answers 404 to an id that is no id, and 422 per field to a bad query', async () => {
    for (const id of ['0', '-1', 'abc', '99999999999', '1.5']) {
      expect((await call('GET', `/domains/${id}`, { token: w.tokens.admin })).status, id).toBe(404);
    }
    const bad = await call('GET', '/audit', { token: w.tokens.admin, query: { page: 0, pageSize: 'many' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['page', 'pageSize']);
  });
});

describe('tokens for every kind of owner', () => {
  it('makes the superadmin’s, an admin’s, a postmaster’s and a user’s token act as them', async () => {
    const roles = await Promise.all(
      (['superadmin', 'admin', 'postmaster', 'user'] as const).map(async (name) => (await call('GET', '/me', { token: w.tokens[name] })).body.role),
    );
    expect(roles).toEqual(['superadmin', 'admin', 'postmaster', 'user']);
    const fresh = await tokenFor(w.callers.superadmin, 'read');
    expect((await call('GET', '/domains', { token: fresh })).body.total).toBe(2);
  });
});

describe('tokens end with the password', () => {
  const NEW = 'a brand new password 9';
  const ok = async (token: string) => (await call('GET', '/me', { token })).status;

  it('when the account changes its own password, including through the API', async () => {
    expect(await ok(w.tokens.user)).toBe(200);
    const changed = await changeOwnPassword({ caller: w.callers.user, ip: null, input: { currentPassword: PASSWORD, newPassword: NEW, confirmPassword: NEW } });
    expect(changed.ok).toBe(true);
    expect(await ok(w.tokens.user)).toBe(401);
    expect((await tokenRow(w.tokens.user)).revokedAt).not.toBeNull();
    // Everyone else's tokens live on.
    expect(await ok(w.tokens.postmaster)).toBe(200);
    expect(await ok(w.tokens.admin)).toBe(200);
  });

  it('when an admin changes its own password', async () => {
    await t.db().update(admins).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(admins.id, w.admin.id));
    const changed = await changeOwnPassword({ caller: w.callers.admin, ip: null, input: { currentPassword: PASSWORD, newPassword: NEW, confirmPassword: NEW } });
    expect(changed.ok).toBe(true);
    expect(await ok(w.tokens.admin)).toBe(401);
    expect(await ok(w.tokens.adminRead)).toBe(401);
    expect(await ok(w.tokens.superadmin)).toBe(200);
  });

  it('when the postmaster or the admin sets a new password for the account; other settings leave them', async () => {
    const form = async (caller: Caller, id: number) => (await getMailboxSettings({ caller, id })).initial.security;
    expect((await updateSecurity({ caller: w.callers.postmaster, ip: null, id: w.mailbox.id, input: await form(w.callers.postmaster, w.mailbox.id) })).ok).toBe(true);
    expect(await ok(w.tokens.user)).toBe(200);
    const byPostmaster = await updateSecurity({ caller: w.callers.postmaster, ip: null, id: w.mailbox.id, input: { ...(await form(w.callers.postmaster, w.mailbox.id)), newPassword: NEW, confirmPassword: NEW } });
    expect(byPostmaster.ok).toBe(true);
    expect(await ok(w.tokens.user)).toBe(401);

    const byAdmin = await updateSecurity({ caller: w.callers.admin, ip: null, id: w.postmaster.id, input: { ...(await form(w.callers.admin, w.postmaster.id)), newPassword: NEW, confirmPassword: NEW } });
    expect(byAdmin.ok).toBe(true);
    expect(await ok(w.tokens.postmaster)).toBe(401);
    expect(await ok(w.tokens.otherPostmaster)).toBe(200);
  });
});

describe('at most API_TOKEN_MAX live tokens per owner', () => {
  const input = { name: 'one more', access: 'read', expiresInDays: '7' };

  it('refuses one more with a clear message, counting neither revoked nor expired ones', async () => {
    // The world gave the admin two; make it the most allowed.
    for (let i = 2; i < API_TOKEN_MAX; i++) await tokenFor(w.callers.admin, 'read', `t${i}`);
    const before = await t.db().select().from(apiTokens);
    const refused = await createApiToken({ caller: w.callers.admin, ip: null, input });
    expect(refused).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: `api.tokens.errors.limit|{"max":${API_TOKEN_MAX}}` });
    expect(translate('en', refused.ok ? '' : refused.formError!)).toContain(`${API_TOKEN_MAX} active tokens`);
    expect(await t.db().select().from(apiTokens)).toEqual(before);
    // Another owner is not affected.
    expect((await createApiToken({ caller: w.callers.otherAdmin, ip: null, input })).ok).toBe(true);
    // A revoked token frees a place, and so does an expired one.
    const [first] = await listApiTokens({ caller: w.callers.admin }).then((list) => list.tokens);
    expect((await revokeApiToken({ caller: w.callers.admin, ip: null, id: first!.id })).ok).toBe(true);
    expect((await createApiToken({ caller: w.callers.admin, ip: null, input })).ok).toBe(true);
    await t.db().update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.tokenHash, hashApiToken(w.tokens.adminRead)));
    expect((await createApiToken({ caller: w.callers.admin, ip: null, input })).ok).toBe(true);
  });

  it('holds when tokens are created at the same time', async () => {
    for (let i = 2; i < API_TOKEN_MAX - 1; i++) await tokenFor(w.callers.admin, 'read', `t${i}`);
    const results = await Promise.all(Array.from({ length: 4 }, () => createApiToken({ caller: w.callers.admin, ip: null, input })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await t.db().select().from(apiTokens).where(eq(apiTokens.adminId, w.admin.id))).toHaveLength(API_TOKEN_MAX);
  });
});

describe('throttling per owner', () => {
  it(`answers 429 beyond ${API_OWNER_RATE_LIMIT} requests a minute from all the owner’s tokens together`, async () => {
    // Each token below its own limit, the owner at its own.
    await t.db().update(apiTokens).set({ rateCount: 10, rateWindowStartedAt: new Date() }).where(eq(apiTokens.adminId, w.admin.id));
    await t.db().insert(apiOwnerRate).values({ principal: `admin:${w.admin.id}`, windowStartedAt: new Date(Date.now() - 20_000), count: API_OWNER_RATE_LIMIT });
    for (const token of [w.tokens.admin, w.tokens.adminRead]) {
      const limited = await call('GET', '/me', { token });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(API_RATE_WINDOW_SECONDS - 19);
      expect(limited.body.detail).toContain(`Your tokens together may make ${API_OWNER_RATE_LIMIT} requests a minute`);
    }
    // Another owner has its own window.
    expect((await call('GET', '/me', { token: w.tokens.otherAdmin })).status).toBe(200);
    // A new window starts once the minute is over.
    await t.db().update(apiOwnerRate).set({ windowStartedAt: new Date(Date.now() - 61_000) }).where(eq(apiOwnerRate.principal, `admin:${w.admin.id}`));
    expect((await call('GET', '/me', { token: w.tokens.admin })).status).toBe(200);
    expect((await t.db().select().from(apiOwnerRate).where(eq(apiOwnerRate.principal, `admin:${w.admin.id}`)))[0]?.count).toBe(1);
  });

  it('counts parallel requests of several tokens atomically', async () => {
    await t.db().insert(apiOwnerRate).values({ principal: `admin:${w.admin.id}`, windowStartedAt: new Date(), count: API_OWNER_RATE_LIMIT - 3 });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => call('GET', '/me', { token: i % 2 ? w.tokens.admin : w.tokens.adminRead })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
  });
});
