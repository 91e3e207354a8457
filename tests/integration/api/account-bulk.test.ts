import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, mailboxes, mailJobs } from '@/db/schema';
import { useTestDatabase } from '../helpers/db';
import { insertMailbox } from '../helpers/fixtures';
import { call } from './helpers/client';
import { apiWorld, type ApiWorld } from './helpers/world';

// Operation bulkAccounts (POST /domains/{id}/accounts/bulk) through its route handler; every answer is
// checked against the OpenAPI document by `call`.

const net = vi.hoisted(() => ({ ip: '192.0.2.1' as string | null }));
vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => net.ip }));

const t = useTestDatabase();
let w: ApiWorld;

beforeAll(async () => {
  w = await apiWorld(t.db());
  for (const name of ['team-1', 'team-2', 'team-3']) await insertMailbox(t.db(), w.domain, name);
});

const bulk = (token: string, domainId: number, body: unknown) => call('POST', `/domains/${domainId}/accounts/bulk`, { token, body });

async function written() {
  const [m] = await t.db().select({ n: count() }).from(mailboxes).where(eq(mailboxes.active, true));
  const [a] = await t.db().select({ n: count() }).from(auditLog);
  const [j] = await t.db().select({ n: count() }).from(mailJobs);
  return { active: m!.n, audit: a!.n, jobs: j!.n };
}

describe('bulk over the API', () => {
  it('deactivates every account the search matches and answers the summary (200)', async () => {
    const answer = await bulk(w.tokens.admin, w.domain.id, { action: 'deactivate', match: { q: 'team' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ action: 'deactivate', selected: 3, changed: 3, unchanged: 0, refused: [] });
    const again = await bulk(w.tokens.admin, w.domain.id, { action: 'reactivate', match: { q: 'team' } });
    expect(again.body).toMatchObject({ changed: 3 });
  });

  it('counts the refusals by reason: the postmaster mailbox, a storage not in the plan', async () => {
    const answer = await bulk(w.tokens.admin, w.domain.id, { action: 'storage', quotaBytes: 3 * 1024 ** 3, match: { q: '' } });
    expect(answer.status).toBe(200);
    expect(answer.body.changed).toBe(0);
    expect(answer.body.refused.map((r: { reason: string }) => r.reason).sort()).toEqual(['notInPlan', 'postmaster']);
  });

  it('refuses bad bodies with 422 naming the field, and a delete without the right count; writes nothing', async () => {
    const before = await written();
    for (const body of [
      { action: 'delete', match: { q: 'team' }, confirmCount: 99 },
      { action: 'deactivate', ids: ['1'] },
      { action: 'nuke', ids: [1] },
      { action: 'deactivate', ids: [1], match: {} },
      { action: 'deactivate', ids: Array.from({ length: 10_001 }, (_, i) => i + 1) },
      [],
      'deactivate',
    ]) {
      const answer = await bulk(w.tokens.admin, w.domain.id, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(422);
    }
    expect((await bulk(w.tokens.admin, w.domain.id, { action: 'delete', match: { q: 'team' }, confirmCount: 99 })).body.errors).toBeDefined();
    expect(await written()).toEqual(before);
  });

  it('answers another admin’s domain as not found (404) and a user 403', async () => {
    expect((await bulk(w.tokens.otherAdmin, w.domain.id, { action: 'deactivate', match: {} })).status).toBe(404);
    expect((await bulk(w.tokens.user, w.domain.id, { action: 'deactivate', match: {} })).status).toBe(403);
  });
});
