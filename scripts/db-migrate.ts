import './outside-next'; // first: see scripts/outside-next.ts
import { closeDatabase, getDatabaseHandle } from '@/db';
import { runMigrations } from '@/db/migrate';

async function main() {
  const handle = getDatabaseHandle();
  await runMigrations(handle);
  console.log(`Migrations applied (${handle.kind === 'embedded' ? 'embedded database' : 'PostgreSQL'}).`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
