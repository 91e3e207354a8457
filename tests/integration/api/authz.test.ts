import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { translate } from '@/lib/i18n/translate';
import { useTestDatabase } from '../helpers/db';
import { insertMailbox } from '../helpers/fixtures';
import { call } from './helpers/client';
import { apiWorld, type ApiWorld } from './helpers/world';

// Authorization through the API, per role: a user, the postmaster of another domain and another admin
// reach nothing of domain A. Out of reach answers exactly as "does not exist" (404), a role that may
// never do something answers 403, and nothing at all is written either way.

const net = vi.hoisted(() => ({ ip: '192.0.2.1' as string | null }));
vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => net.ip }));

const t = useTestDatabase();
let w: ApiWorld;

beforeAll(async () => {
  w = await apiWorld(t.db());
});

/** Everything a write could change: every row of the tables the API writes to. */
async function digest(): Promise<string> {
  const tables = ['domains', 'mailboxes', 'autoresponders', 'webmail_preferences', 'audit_log', 'password_history', 'plans'];
  const parts: string[] = [];
  for (const table of tables) {
    const result = (await t.db().execute(sql`select * from ${sql.identifier(table)} order by 1`)) as unknown as { rows: unknown[] };
    parts.push(JSON.stringify(result.rows));
  }
  return parts.join('\n');
}

type Attempt = { name: string; method: string; path: (w: ApiWorld) => string; body?: (w: ApiWorld) => unknown; query?: (w: ApiWorld) => Record<string, string> };

const webmail = { version: 1, language: 'it', timeZone: 'UTC', dateFormat: 'yyyy-MM-dd', timeFormat: 'HH:mm', inAddressBook: true };
const domainSettings = { version: 1, services: { pop: true, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false }, defaultStorageBytes: null, pmCanCreate: true, pmCanDelete: true, pmCanToggle: true, pmCanChangeLimits: true };
const newAccount = {
  account: { firstName: 'Eve', lastName: '', description: '', localPart: 'eve', passwordMode: 'generate' },
  services: { quotaBytes: 1_073_741_824, services: { pop: true, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false } },
  security: { forcePasswordChange: true, passwordExpiryMonths: 0, blockPasswordReuse: false, passwordChangeDisabled: false, passwordRecoveryDisabled: false, otpRequired: false, allowedIps: [], apiAccess: true },
  options: { forwards: [], forwardKeepCopy: true, spamToInbox: false },
};

/** Domain A's things, each read and written as an attacker would. */
const ATTEMPTS: Attempt[] = [
  { name: 'read domain A', method: 'GET', path: (w) => `/domains/${w.domain.id}` },
  { name: 'list domain A’s accounts', method: 'GET', path: (w) => `/domains/${w.domain.id}/accounts` },
  { name: 'change domain A’s settings', method: 'PUT', path: (w) => `/domains/${w.domain.id}/settings`, body: () => domainSettings },
  { name: 'deactivate domain A', method: 'POST', path: (w) => `/domains/${w.domain.id}/deactivate` },
  { name: 'delete domain A', method: 'DELETE', path: (w) => `/domains/${w.domain.id}`, query: (w) => ({ confirmName: w.domain.name }) },
  { name: 'create an account in domain A', method: 'POST', path: (w) => `/domains/${w.domain.id}/accounts`, body: () => newAccount },
  { name: 'bulk-deactivate domain A’s accounts', method: 'POST', path: (w) => `/domains/${w.domain.id}/accounts/bulk`, body: () => ({ action: 'deactivate', match: { q: '' } }) },
  { name: 'bulk-delete domain A’s accounts by id', method: 'POST', path: (w) => `/domains/${w.domain.id}/accounts/bulk`, body: (w) => ({ action: 'delete', ids: [w.mailbox.id], confirmCount: 1 }) },
  { name: 'read an account of A', method: 'GET', path: (w) => `/accounts/${w.mailbox.id}` },
  { name: 'change an account of A', method: 'PUT', path: (w) => `/accounts/${w.mailbox.id}/webmail`, body: () => webmail },
  { name: 'deactivate an account of A', method: 'POST', path: (w) => `/accounts/${w.mailbox.id}/deactivate` },
  { name: 'delete an account of A', method: 'DELETE', path: (w) => `/accounts/${w.mailbox.id}`, query: (w) => ({ confirmAddress: w.mailbox.address }) },
  { name: 'read A’s postmaster', method: 'GET', path: (w) => `/postmasters/${w.postmaster.id}` },
  { name: 'change A’s postmaster', method: 'PUT', path: (w) => `/postmasters/${w.postmaster.id}/webmail`, body: () => webmail },
];

const ATTACKERS = [
  { who: 'the user of domain A', token: (w: ApiWorld) => w.tokens.user, allowed: [403, 404] },
  // 403 only where its role may never do it (change any domain's settings): that says nothing about domain A.
  { who: 'the postmaster of domain B', token: (w: ApiWorld) => w.tokens.otherPostmaster, allowed: [403, 404] },
  { who: 'the admin of domain B', token: (w: ApiWorld) => w.tokens.otherAdmin, allowed: [404] },
] as const;

describe.each(ATTACKERS)('$who', ({ token, allowed }) => {
  it.each(ATTEMPTS)('cannot $name, and nothing changes', async (attempt) => {
    const before = await digest();
    const answer = await call(attempt.method, attempt.path(w), { token: token(w), body: attempt.body?.(w), query: attempt.query?.(w) });
    expect(allowed as readonly number[]).toContain(answer.status);
    expect(await digest()).toBe(before);
  });
});

describe('no existence leak', () => {
  it('answers another admin’s domain exactly as one that does not exist', async () => {
    for (const [method, suffix] of [['GET', ''], ['POST', '/deactivate'], ['GET', '/accounts']] as const) {
      const theirs = await call(method, `/domains/${w.otherDomain.id}${suffix}`, { token: w.tokens.admin });
      const missing = await call(method, `/domains/2000000000${suffix}`, { token: w.tokens.admin });
      expect(theirs.status).toBe(404);
      expect({ status: missing.status, body: missing.body }).toEqual({ status: theirs.status, body: theirs.body });
    }
  });

  it('lists only what the owner may see', async () => {
    const domains = await call('GET', '/domains', { token: w.tokens.otherAdmin });
    expect(domains.body.rows.map((row: { id: number }) => row.id)).toEqual([w.otherDomain.id]);
    const accounts = await call('GET', '/accounts', { token: w.tokens.otherPostmaster, query: { pageSize: 100 } });
    expect(accounts.body.rows.every((row: { domainId: number }) => row.domainId === w.otherDomain.id)).toBe(true);
    const audit = await call('GET', '/audit', { token: w.tokens.otherAdmin, query: { pageSize: 100 } });
    expect(audit.body.rows.every((row: { domainName: string | null }) => row.domainName !== w.domain.name)).toBe(true);
  });
});

describe('roles that may never do something answer 403', () => {
  it.each([
    ['a postmaster', 'postmaster', 'GET', '/plans'],
    ['a postmaster', 'postmaster', 'GET', '/postmasters'],
    ['a postmaster', 'postmaster', 'GET', '/audit'],
    ['a user', 'user', 'GET', '/domains'],
    ['a user', 'user', 'GET', '/accounts'],
  ] as const)('%s: %s %s', async (_who, role, method, path) => {
    const answer = await call(method, path, { token: w.tokens[role] });
    expect(answer.status).toBe(403);
    expect(answer.body.type).toBe('/api-docs#problem-forbidden');
  });

  it('a postmaster cannot add a domain, and nothing is written', async () => {
    const before = await digest();
    const answer = await call('POST', '/domains', { token: w.tokens.postmaster, body: { name: 'sneaky.example', planId: w.plan.id } });
    expect(answer.status).toBe(403);
    expect(await digest()).toBe(before);
  });

  it('a postmaster whose admin did not allow deleting gets 403 with the panel’s reason, and nothing is written', async () => {
    const account = await insertMailbox(t.db(), w.otherDomain, 'kept');
    const before = await digest();
    const answer = await call('DELETE', `/accounts/${account.id}`, { token: w.tokens.otherPostmaster, query: { confirmAddress: account.address } });
    expect(answer.status).toBe(403);
    expect(answer.body.detail).toBe(translate('en', 'accounts.errors.deleteNotAllowed'));
    expect(await digest()).toBe(before);
  });
});
