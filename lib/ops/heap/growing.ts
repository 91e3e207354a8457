import v8 from 'node:v8';
import { wholeNumberSetting } from '@/lib/ops/whole-number-setting';

// How far V8 lets the old generation grow past what survived its last full collection before the next one.
// V8 picks the factor itself (up to 4× when memory looks plentiful, and it sizes by the machine's memory,
// not the process's budget): under the account list's load a process grew to 500–700 MB of which ~150 MB
// was live. A fixed 40% holds it near 350 MB at the same requests per second (bench/RESULTS.md, eighth
// session): collections come more often but each finds less to keep. HEAP_GROWING_PERCENT sets it; 0 leaves
// V8's own choice.

export const DEFAULT_HEAP_GROWING_PERCENT = 40;
const MAX_HEAP_GROWING_PERCENT = 1000;

/** The percent to apply, or null for V8's own choice (HEAP_GROWING_PERCENT=0). */
export function heapGrowingPercent(env: Record<string, string | undefined>): number | null {
  const percent = wholeNumberSetting(env, 'HEAP_GROWING_PERCENT', { min: 0, max: MAX_HEAP_GROWING_PERCENT }) ?? DEFAULT_HEAP_GROWING_PERCENT;
  return percent === 0 ? null : percent;
}

/** Applies it to this process's V8 (a GC setting V8 reads at every full collection, so it holds from now on). */
export function applyHeapGrowing(env: Record<string, string | undefined>): number | null {
  const percent = heapGrowingPercent(env);
  if (percent !== null) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
