import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Database } from '@/db';
import { translate } from '@/lib/i18n/translate';
import { testDriver } from '../../helpers/db';
import { changedTables, tableDigest, type Digest } from './digest';
import { describeOutcome, outcomeOf, type Outcome } from './outcome';

// Hostile input for server actions (tests/integration/hostile-input-*.test.ts): generators of values no
// form would send, mutations of a valid input (fields replaced, dropped, added; the whole input swapped
// for something else; FormData instead of an object), and the property every action must keep.

/**
 * Property runs per action: 1,000 on the embedded driver. Real Postgres runs 250 by default (the same
 * properties through node-postgres's own parameter handling; 1,000 there takes several minutes per
 * file on a small machine); HOSTILE_RUNS=1000 runs the full count on both.
 */
export const RUNS = Number(process.env.HOSTILE_RUNS ?? (testDriver() === 'postgres' ? 250 : 1000));

/** For re-running a failure: HOSTILE_SEED=<seed printed by fast-check>. */
export const fcParameters = (): fc.Parameters<unknown> => ({
  numRuns: RUNS,
  ...(process.env.HOSTILE_SEED ? { seed: Number(process.env.HOSTILE_SEED) } : {}),
});

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDBFFy',
  '\u202Eevil\u202C',
  'مرحبا بالعالم',
  'שלום',
  '𝕳𝖊𝖑𝖑𝖔 😀 👩‍👩‍👧‍👦',
  'ﬁ Å Å ǅ',
  '\uFEFF',
  "' OR '1'='1",
  "'; DROP TABLE mailboxes; --",
  '" OR ""="',
  '\\',
  '%',
  '_',
  '$1',
  '${7*7}',
  '{{7*7}}',
  '%s%n%x',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '2147483648',
  '99999999999999999999999999999',
  '0x10',
  '1.5',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  'a@b',
  '@',
  'user@',
  '@example.com',
  'user@example.com',
  'USER@EXAMPLE.COM',
  'postmaster',
  'xn--',
  'xn--bcher-kva.example',
  'bücher.example',
  '10.0.0.0/8',
  '::1',
  '256.256.256.256',
  '2001:db8::/129',
  'Europe/Rome',
  'Etc/GMT+99',
  '2025-02-30T25:61',
  '2024-06-01T10:00',
];

/** Strings no form would send: control characters, lone surrogates, RTL marks, SQL and HTML, huge ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 2,
    arbitrary: fc.string({ unit: fc.constantFrom('\uD800', '\uDC00', '\u0000', '\u202E', '<', '>', "'", '"', ';', '-', '\\', '%', 'a', '1', ' ', '\n', '@', '.', '/'), maxLength: 30 }),
  },
  // Oversized: past every field's limit, up to a few hundred kilobytes.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'é', '😀', '\u0000', "'", '9'), fc.constantFrom(256, 1_025, 10_001, 100_000, 300_000)).map(([c, n]) => c.repeat(n)) },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 1.5, NaN, Infinity, -Infinity, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53, 2 ** 63, 1e308, Number.MIN_VALUE, -(2 ** 31) - 1),
  fc.integer(),
  fc.double(),
);

/** Anything React's action serialization can deliver: primitives, big numbers, dates, maps, sets, arrays, objects. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false) },
  { weight: 1, arbitrary: fc.bigInt() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(hostileString, hostileNumber, fc.constant(null)), { maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 3,
      maxKeys: 5,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withTypedArray: true,
      withSparseArray: true,
      withUnicodeString: true,
      key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'version', 'id', 'toString'), fc.string({ maxLength: 8 })),
    }),
  },
);

const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'adminId', 'role', 'isPostmaster', 'quotaBytes', 'passwordHash', 'domainId', 'active', 'sessionVersion', '$ACTION_ID', ''),
  fc.string({ maxLength: 12 }),
);

export type Edit = { path: string; op: 'replace' | 'drop' | 'append' | 'oversize'; value: unknown };
export type Mutation =
  | { kind: 'valid' }
  | { kind: 'fields'; edits: Edit[]; extra: [string, unknown][] }
  | { kind: 'whole'; value: unknown }
  | { kind: 'formData' };

/** A mutation of a valid input whose (dotted) field paths are `paths`. */
export function mutation(paths: readonly string[]): fc.Arbitrary<Mutation> {
  const edit: fc.Arbitrary<Edit> = fc.record({
    path: fc.constantFrom(...paths),
    op: fc.constantFrom('replace', 'replace', 'replace', 'drop', 'append', 'oversize'),
    value: hostileValue,
  });
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'valid' }) },
    {
      weight: 12,
      arbitrary: fc.record({
        kind: fc.constant('fields' as const),
        edits: fc.array(edit, { minLength: 1, maxLength: 4 }),
        extra: fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 }),
      }),
    },
    { weight: 2, arbitrary: hostileValue.map((value): Mutation => ({ kind: 'whole', value })) },
    { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'formData' }) },
  );
}

/** String(value), or a stand-in for values that refuse (null-prototype objects, throwing toString). */
function text(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '[object]';
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function setPath(target: Record<string, unknown>, path: string, edit: (current: unknown, exists: boolean) => { value?: unknown; drop?: boolean }): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (!isPlainObject(next)) return;
    // Copy on write: the valid input may be shared.
    node[part] = { ...next };
    node = node[part] as Record<string, unknown>;
  }
  const last = parts.at(-1)!;
  const result = edit(node[last], Object.prototype.hasOwnProperty.call(node, last));
  if (result.drop) delete node[last];
  else Object.defineProperty(node, last, { value: result.value, enumerable: true, writable: true, configurable: true });
}

/** The valid input with the mutation applied (a new object; `valid` is left alone). */
export function applyMutation(valid: unknown, m: Mutation): unknown {
  switch (m.kind) {
    case 'valid':
      return valid;
    case 'whole':
      return m.value;
    case 'formData': {
      const form = new FormData();
      if (isPlainObject(valid)) for (const [key, value] of Object.entries(valid)) form.append(key, typeof value === 'object' ? JSON.stringify(value) : text(value));
      return form;
    }
    case 'fields': {
      if (!isPlainObject(valid)) return valid;
      const out: Record<string, unknown> = { ...valid };
      for (const { path, op, value } of m.edits) {
        setPath(out, path, (current) => {
          switch (op) {
            case 'drop':
              return { drop: true };
            case 'replace':
              return { value };
            case 'append':
              return { value: `${text(current)}${text(value)}` };
            case 'oversize':
              return { value: text(current).repeat(Math.max(1, Math.ceil(20_000 / Math.max(1, text(current).length)))) };
          }
        });
      }
      // Own keys, even `__proto__` (JSON.parse makes such keys too).
      for (const [key, value] of m.extra) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      return out;
    }
  }
}

/** An id argument: mostly the valid target, sometimes one out of reach, often anything at all. */
export type IdChoice = { kind: 'target' } | { kind: 'other' } | { kind: 'hostile'; value: unknown };
export const idChoice: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<IdChoice>({ kind: 'target' }) },
  { weight: 1, arbitrary: fc.constant<IdChoice>({ kind: 'other' }) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(hostileNumber, hostileString, fc.bigInt(), fc.constantFrom(null, undefined, true, [1], { id: 1 }, '1', ' 1 ', '1 OR 1=1'))
      .map((value): IdChoice => ({ kind: 'hostile', value })),
  },
);

export function resolveId(choice: IdChoice, target: number, other: number): unknown {
  return choice.kind === 'target' ? target : choice.kind === 'other' ? other : choice.value;
}

/** Whether a message is a key both languages translate (never zod's English, never an internal message). */
export function isMessageKey(message: string): boolean {
  return translate('en', message) !== message && translate('it', message) !== message;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * The next transaction id the server will hand out. Any write (even one rolled back, or a row lock) takes
 * one, so an unchanged value proves nothing was written; a changed one (or another database's work on
 * the same Postgres server) sends the check to the full digest.
 */
async function nextXid(db: Database): Promise<string> {
  const result = await db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as xid`);
  return rowsOf<{ xid: string }>(result)[0]!.xid;
}

export type Verdict = {
  /** Tables a refusal may change by design (e.g. a throttle counting a wrong password); default none. */
  refusalMayWrite?: readonly string[];
};

/**
 * Runs the property for one action: `run` makes the arguments from the generated case (reading what it
 * needs, e.g. the current version) and calls the action. Every answer must be an ActionResult (or Next's
 * redirect/notFound), never `errors.generic`, every message a translated key, and a refusal must leave
 * every table as it was (but those the case's verdict names).
 */
export class HostileRunner {
  private baseline: Digest | undefined;
  private xid: string | undefined;

  constructor(private readonly db: () => Database) {}

  /** Forget what the database looked like (after a set-up step wrote to it). */
  invalidate(): void {
    this.baseline = undefined;
    this.xid = undefined;
  }

  private async ensureBaseline(): Promise<void> {
    if (this.baseline && this.xid) return;
    this.baseline = await tableDigest(this.db());
    this.xid = await nextXid(this.db());
  }

  async check<C>(
    testCase: C,
    run: (testCase: C) => Promise<unknown>,
    {
      verdict = () => ({}),
      onSuccess,
    }: {
      verdict?: (testCase: C) => Verdict;
      /** After a call that was allowed (it may have written): put back what the next runs need. */
      onSuccess?: (outcome: Outcome) => Promise<void>;
    } = {},
  ): Promise<'accepted' | 'refused'> {
    await this.ensureBaseline();
    const before = this.baseline!;
    const xidBefore = this.xid!;
    // Until this run is checked, nobody may trust the baseline (a failing run leaves it stale).
    this.invalidate();

    const outcome = await outcomeOf(() => run(testCase));
    const described = describeOutcome(outcome);
    expect(outcome.kind, described).not.toBe('threw');
    expect(outcome.kind, described).not.toBe('response');
    const refused = outcome.kind === 'notFound' || (outcome.kind === 'redirect' && outcome.location.startsWith('/login')) || (outcome.kind === 'result' && !outcome.result.ok);
    if (outcome.kind === 'result' && !outcome.result.ok) {
      expect(outcome.result.formError, described).not.toBe('errors.generic');
      const messages = [...Object.values(outcome.result.fieldErrors), ...(outcome.result.formError ? [outcome.result.formError] : [])];
      expect(messages.filter((message) => !isMessageKey(message)), `untranslated messages in ${described}`).toEqual([]);
    }

    if (refused) {
      const allowed = verdict(testCase).refusalMayWrite ?? [];
      const xidAfter = await nextXid(this.db());
      if (xidAfter !== xidBefore) {
        const after = await tableDigest(this.db());
        const changed = changedTables(before, after).filter((table) => !allowed.includes(table));
        expect(changed, `a refusal wrote to these tables: ${described}`).toEqual([]);
        this.baseline = after;
        this.xid = await nextXid(this.db());
      } else {
        this.baseline = before;
        this.xid = xidAfter;
      }
      return 'refused';
    }
    await onSuccess?.(outcome);
    // After a success (or its clean-up) the next run reads the database afresh.
    return 'accepted';
  }
}
