// The young generation's two semi-spaces: V8 sizes them from the machine's memory (64 MB each on a 24 GB
// machine), and under the account list's load a worker's resident memory follows. With 32 MB and the
// heap's growth fixed (growing.ts) a process peaked at ~350 MB instead of ~500 at the same requests per
// second (bench/RESULTS.md, eighth session). V8 reads this only when a process starts, so the cluster's
// primary hands it to the workers it forks; HEAP_SEMI_SPACE_MB sets it (0: V8's own size), and a size
// already given in NODE_OPTIONS or on the command line wins.
import { wholeNumberSetting } from '@/lib/ops/whole-number-setting';

export const DEFAULT_SEMI_SPACE_MB = 32;
const FLAG = '--max-semi-space-size';

/** The flags the workers start with beyond the primary's own. */
export function workerHeapArgs(env: Record<string, string | undefined>, execArgv: readonly string[]): string[] {
  const mb = wholeNumberSetting(env, 'HEAP_SEMI_SPACE_MB', { min: 0, max: 1024 }) ?? DEFAULT_SEMI_SPACE_MB;
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) => arg === FLAG || arg.startsWith(`${FLAG}=`));
  return mb === 0 || given ? [] : [`${FLAG}=${mb}`];
}
