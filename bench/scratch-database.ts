import { setDatabaseHandle } from '@/db';
import { openPostgres } from '@/db/open';
import { ADMIN_URL, withAdmin } from './admin-db';

/**
 * A scratch database `name` for one benchmark run, created empty (the run migrates it) with a pool of `max`
 * connections; its removal is handed to `track` for an interrupted run. `close` lets the panel's code go,
 * closes the pool and drops the database.
 */
export async function scratchDatabase(
  name: string,
  { max, log, track }: { max: number; log: (line: string) => void; track: (cleanup: () => Promise<void>) => () => void },
) {
  await withAdmin((c) => c.query(`create database "${name}"`));
  const dropDatabase = () => withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => log(`  dropped ${name}`));
  const untrack = track(dropDatabase);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), { max });
  const close = async () => {
    setDatabaseHandle(undefined);
    await handle.close();
    await dropDatabase();
    untrack();
  };
  return { url: url.toString(), handle, close };
}
