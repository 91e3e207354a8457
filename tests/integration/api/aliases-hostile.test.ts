import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { aliases, apiTokens, apiOwnerRate } from '@/db/schema';
import { useTestDatabase } from '../helpers/db';
import { changedTables, tableDigest } from '../authz/support/digest';
import { applyMutation, mutation } from '../authz/support/hostile';
import { call } from './helpers/client';
import { apiWorld, type ApiWorld } from './helpers/world';

// Hostile bodies for the aliases' writes (issue 17): POST /domains/{id}/aliases and PUT /aliases/{id}
// with every field replaced, dropped, appended to or oversized, and whole bodies of anything. Each
// answer is one the OpenAPI document lists (never a 500), a refusal writes nothing, and every field
// error's message is translated in both languages.

const net = vi.hoisted(() => ({ ip: '192.0.2.1' as string | null }));
vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => net.ip }));

const RUNS = Number(process.env.HOSTILE_RUNS ?? 150);
const t = useTestDatabase();
let w: ApiWorld;
let aliasId: number;

beforeAll(async () => {
  w = await apiWorld(t.db());
  const created = await call('POST', `/domains/${w.domain.id}/aliases`, { token: w.tokens.admin, body: { localPart: 'fuzz', targets: [w.mailbox.address] } });
  aliasId = created.body.id;
});

/** JSON text of anything a mutation made (big integers as text, as a client serializing them would). */
function json(value: unknown): string | undefined {
  if (value instanceof FormData) return undefined;
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return undefined;
  }
}

async function check(method: 'POST' | 'PUT', path: string, body: string) {
  await t.db().update(apiTokens).set({ rateCount: 0 });
  await t.db().delete(apiOwnerRate);
  const except = ['api_tokens', 'api_owner_rate'];
  const before = await tableDigest(t.db(), { except });
  const answer = await call(method, path, { token: w.tokens.admin, raw: body, contentType: 'application/json' });
  expect(answer.status).toBeLessThan(500);
  if (answer.status >= 400) {
    expect(changedTables(before, await tableDigest(t.db(), { except })), `a ${answer.status} wrote`).toEqual([]);
    // Each field error reads as a sentence, not a message key (the detail is translated, values filled in).
    for (const error of (answer.body?.errors ?? []) as { code: string; detail: string }[]) {
      expect(error.detail, error.code).not.toMatch(/^[a-zA-Z]+(\.[a-zA-Z]+)+$/);
      expect(error.detail, error.code).not.toBe('');
    }
  }
}

describe('hostile alias bodies over the API', () => {
  it(`POST /domains/{id}/aliases: ${RUNS} cases`, { timeout: RUNS * 400 + 30_000 }, async () => {
    let n = 0;
    const valid = () => ({
      localPart: `new${(n += 1)}`,
      description: 'Fuzzed',
      active: true,
      targets: [w.mailbox.address, 'someone@elsewhere.example'],
      senders: 'members',
      sendAs: [w.mailbox.address],
    });
    await fc.assert(
      fc.asyncProperty(mutation(['localPart', 'description', 'active', 'targets', 'senders', 'sendAs']), async (m) => {
        const body = json(applyMutation(valid(), m));
        fc.pre(body !== undefined);
        await check('POST', `/domains/${w.domain.id}/aliases`, body!);
      }),
      { numRuns: RUNS },
    );
  });

  it(`PUT /aliases/{id}: ${RUNS} cases`, { timeout: RUNS * 400 + 30_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(mutation(['version', 'description', 'active', 'targets', 'senders', 'sendAs']), async (m) => {
        const [row] = await t.db().select({ version: aliases.version }).from(aliases).where(eq(aliases.id, aliasId));
        const valid = { version: row!.version, description: 'Fuzzed', active: true, targets: [w.mailbox.address], senders: 'domain', sendAs: [w.mailbox.address] };
        const body = json(applyMutation(valid, m));
        fc.pre(body !== undefined);
        await check('PUT', `/aliases/${aliasId}`, body!);
      }),
      { numRuns: RUNS },
    );
  });
});
