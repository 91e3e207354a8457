// Issue 4's targets, checked on every `npm run bench`: a run that misses one exits non-zero.

export const P95_TARGET_MS = 100;
/** "Flat": the largest size's peak memory may exceed the smallest's by at most this share. */
export const MEMORY_GROWTH_MAX = 0.25;
/** "Well under a minute" for seeding 100,000 accounts. */
export const SEED_MAX_SECONDS = 30;
export const TARGET_SIZE = 100_000;
/** Issue 21, point 4: 1,000,000 accounts seeded within 3 minutes. */
export const SEED_1M_MAX_SECONDS = 180;
export const MILLION = 1_000_000;

export type MeasuredSize = {
  accounts: number;
  seedSeconds: number;
  scenarios: { label: string; target: boolean; p95: number; errors: number }[];
  memory: { peakServerMb: number };
};

export type Verdict = { ok: boolean; lines: string[] };

export function verdict(sizes: MeasuredSize[]): Verdict {
  const lines: string[] = [];
  let ok = true;
  const check = (passed: boolean, line: string) => {
    ok &&= passed;
    lines.push(`${passed ? 'met   ' : 'MISSED'}  ${line}`);
  };
  const big = sizes.find((s) => s.accounts >= TARGET_SIZE);
  if (!big) {
    lines.push(`(no run at ${TARGET_SIZE.toLocaleString('en')} accounts or more: the latency and seed targets were not checked)`);
  } else {
    for (const s of big.scenarios.filter((s) => s.target)) {
      check(s.p95 <= P95_TARGET_MS && s.errors === 0, `${s.label}: p95 ${s.p95.toFixed(1)} ms (at most ${P95_TARGET_MS})${s.errors ? `, ${s.errors} errors` : ''}`);
    }
  }
  // Seeding: 100,000 in well under a minute; 1,000,000 within 3 minutes.
  for (const s of sizes.filter((s) => s.accounts >= TARGET_SIZE)) {
    const limit = s.accounts >= MILLION ? SEED_1M_MAX_SECONDS : SEED_MAX_SECONDS;
    check(s.seedSeconds <= limit, `seed of ${s.accounts.toLocaleString('en')} accounts: ${s.seedSeconds.toFixed(1)} s (at most ${limit})`);
  }
  const [small, large] = [sizes[0], sizes[sizes.length - 1]];
  if (small && large && small !== large) {
    const growth = large.memory.peakServerMb / small.memory.peakServerMb - 1;
    check(
      growth <= MEMORY_GROWTH_MAX,
      `server peak memory ${small.memory.peakServerMb.toFixed(0)} MB at ${small.accounts.toLocaleString('en')}, ` +
        `${large.memory.peakServerMb.toFixed(0)} MB at ${large.accounts.toLocaleString('en')} (at most +${MEMORY_GROWTH_MAX * 100}%)`,
    );
  }
  const errors = sizes.reduce((sum, s) => sum + s.scenarios.reduce((n, x) => n + x.errors, 0), 0);
  check(errors === 0, `${errors} failed or wrong responses in all`);
  return { ok, lines };
}
