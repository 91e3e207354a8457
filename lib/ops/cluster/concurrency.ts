// How many worker processes serve the panel (server.ts): WEB_CONCURRENCY, by default one per CPU in
// production and one in development. Some setups can only have one, whatever was asked for.
import { wholeNumberSetting } from '@/lib/ops/whole-number-setting';

export const MAX_WEB_CONCURRENCY = 64;

export type WebConcurrency = {
  workers: number;
  /** Why fewer than asked (or than the default) will run; null when nothing was reduced. */
  reduced: string | null;
  /** WEB_CONCURRENCY was set (a reduction is then worth a warning, not a note). */
  explicit: boolean;
};

export function webConcurrency({ env, dev, cpus }: { env: Record<string, string | undefined>; dev: boolean; cpus: number }): WebConcurrency {
  const asked = wholeNumberSetting(env, 'WEB_CONCURRENCY', { min: 1, max: MAX_WEB_CONCURRENCY });
  const explicit = asked !== undefined;
  const wanted = asked ?? (dev ? 1 : Math.max(1, Math.min(MAX_WEB_CONCURRENCY, cpus)));
  if (wanted === 1) return { workers: 1, reduced: null, explicit };
  if (dev) return { workers: 1, reduced: `WEB_CONCURRENCY=${wanted} ignored in development: one process serves (next dev compiles in place)`, explicit };
  if (!env.DATABASE_URL) {
    return {
      workers: 1,
      reduced: `${explicit ? `WEB_CONCURRENCY=${wanted}` : `${wanted} CPUs`} but no DATABASE_URL: the embedded database can only be opened by one process, so one process serves (set DATABASE_URL to a PostgreSQL database to use several)`,
      explicit,
    };
  }
  return { workers: wanted, reduced: null, explicit };
}
