import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { ROWS, PUBLIC_ENDPOINTS } from './rows';
import { apiV1Rows } from './rows/api-v1';
import { CALLERS, type AuthzRow, type CallerName, type Expectation, type World } from './rows/types';
import { changedTables, tableDigest } from './support/digest';
import { collectEndpoints, inlineServerActions, type Endpoint } from './support/endpoints';
import { request, settleAfter, signInAs } from './support/next-mocks';
import { describeOutcome, outcomeOf, type Outcome } from './support/outcome';
import { callerOf, principalOf, seedWorld } from './support/world';

// The authorization matrix: every server action and route handler (collected from the source), called
// as each of seven callers against targets in and out of its reach. Allowed calls must succeed (and
// write, for actions); denied ones must be refused as "not found" / "signed out" (or the row's own
// refusal) and leave every table exactly as it was.

await vi.hoisted(() => import('./support/mock-next-request'));

// Recovery mail goes to DATA_DIR/outbox without SMTP_URL: keep it out of the checkout.
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'mailpanel-authz-'));
delete process.env.SMTP_URL;
// The outbox logs every recovery message it writes: hundreds of them would bury the test output.
const info = console.info.bind(console);
vi.spyOn(console, 'info').mockImplementation((...args: unknown[]) => {
  if (!String(args[0]).startsWith('[mail]')) info(...args);
});

const t = useTestDatabase();

/** Refusals that mean "denied" for every endpoint. */
const DENIALS = ['errors.notFound', 'errors.signedOut', 'security.gate.actionRefused'];

function verdict(row: AuthzRow<unknown>, outcome: Outcome): Expectation | 'unexpected' {
  switch (outcome.kind) {
    case 'result':
      if (outcome.result.ok) return 'allow';
      // A message with parameters is `key|{json}`: the key decides.
      return outcome.result.formError && [...DENIALS, ...(row.denials ?? [])].includes(outcome.result.formError.split('|')[0]!) ? 'deny' : 'unexpected';
    case 'redirect':
      return outcome.location === '/login' || outcome.location.startsWith('/login?') ? 'deny' : 'allow';
    case 'notFound':
      return 'deny';
    case 'response':
      if (outcome.status < 400) return 'allow';
      return [401, 403, 404].includes(outcome.status) ? 'deny' : 'unexpected';
    case 'threw':
      return 'unexpected';
  }
}

describe('the matrix covers exactly the endpoints the code has', () => {
  const endpoints = collectEndpoints();
  const ids = new Set(endpoints.map((e) => e.id));
  const covered = new Set([...ROWS.map((r) => r.endpoint), ...PUBLIC_ENDPOINTS.map((p) => p.endpoint)]);
  const isApiV1 = (id: string) => id.startsWith('app/api/v1/');

  it('collects server actions and route handlers from the source', () => {
    const kinds = (kind: Endpoint['kind']) => endpoints.filter((e) => e.kind === kind).length;
    expect(ids).toContain('app/(panel)/domains/actions.ts#addDomainAction');
    expect(ids).toContain('app/api/auth/[...nextauth]/route.ts#POST');
    expect(kinds('action')).toBeGreaterThanOrEqual(26);
    expect(kinds('route')).toBeGreaterThanOrEqual(2);
  });

  it('has a row (or a reason to be public) for every endpoint', () => {
    expect(endpoints.filter((e) => !covered.has(e.id)).map((e) => e.id)).toEqual([]);
  });

  it('names only endpoints that exist', () => {
    expect([...covered].filter((id) => !ids.has(id))).toEqual([]);
  });

  it('takes the REST API rows from rows/api-v1.ts, and only those', () => {
    expect(ROWS.filter((r) => isApiV1(r.endpoint) && !apiV1Rows.includes(r)).map((r) => r.endpoint)).toEqual([]);
    expect(apiV1Rows.filter((r) => !isApiV1(r.endpoint)).map((r) => r.endpoint)).toEqual([]);
  });

  it('allows someone and denies someone on every endpoint that is not public', () => {
    const lopsided = [...new Set(ROWS.map((r) => r.endpoint))].filter((endpoint) => {
      const expectations = ROWS.filter((r) => r.endpoint === endpoint).flatMap((r) => Object.values(r.expect));
      return !expectations.includes('allow') || (!expectations.includes('deny') && !endpoint.startsWith('app/login/') && !endpoint.startsWith('app/setup/'));
    });
    expect(lopsided).toEqual([]);
  });

  it('finds no server action declared inside a function (it would have no row)', () => {
    expect(inlineServerActions()).toEqual([]);
  });
});

describe.each(ROWS.map((r) => [`${r.endpoint} — ${r.target}`, r] as const))('%s', (_name, row) => {
  let world: World;
  // The world is seeded again only after a call that may have changed it.
  let dirty = true;

  beforeAll(() => {
    dirty = true;
  });

  it.each(CALLERS.map((caller) => [caller, row.expect[caller]] as [CallerName, Expectation]))('%s → %s', async (caller, expected) => {
    const db = t.db();
    if (dirty) world = await seedWorld(db);
    dirty = true;
    signInAs(principalOf(world, caller));
    request.cookies.clear();
    const context = { world, caller, callerObject: callerOf(world, caller), db, prepared: undefined as unknown };
    context.prepared = row.prepare ? await row.prepare(context) : undefined;

    // Each REST API request counts against its token's and its owner's rate windows and records its
    // last use, refused or not: a throttle by design (rows/api-v1.ts), left out of the comparison.
    // The webmail's password change is a sign-in too: a wrong password counts in the sign-in throttle.
    const except = row.endpoint.startsWith('app/api/v1/') ? ['api_tokens', 'api_owner_rate', ...(row.endpoint.startsWith('app/api/v1/webmail/') ? ['sign_in_throttle'] : [])] : [];
    const before = await tableDigest(db, { except });
    const outcome = await outcomeOf(async () => {
      try {
        return await row.call(context);
      } finally {
        await settleAfter();
      }
    });
    const changed = changedTables(before, await tableDigest(db, { except }));

    expect(verdict(row, outcome), `${caller}: ${describeOutcome(outcome)}`).toBe(expected);
    if (expected === 'deny') {
      expect(changed, 'a denied call wrote to these tables').toEqual([]);
      if (!row.prepare) dirty = false;
    } else if (row.writes ?? !row.endpoint.includes('/route.')) {
      expect(changed, 'an allowed call changed nothing').not.toEqual([]);
    }
  });
});
