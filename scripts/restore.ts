import './outside-next'; // first: see scripts/outside-next.ts
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir } from '@/db/data-dir';
import { backupKindOf, restoreEmbedded, restorePostgres } from '@/lib/ops/backup';

const USAGE = `Usage: npm run restore -- FILE
Restores a backup made by npm run backup (docs/operations.md): a .pgdump into the empty database
DATABASE_URL names (createdb a new one; grants are not restored, run npm run mail:role again), or a
.tar.gz into DATA_DIR, which must hold no embedded database yet.`;

async function main() {
  const { values, positionals } = parseArgs({ options: { help: { type: 'boolean' } }, allowPositionals: true });
  if (values.help) return console.log(USAGE);
  if (positionals.length !== 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const file = path.resolve(positionals[0]!);
  const kind = backupKindOf(file);
  const url = process.env.DATABASE_URL;
  if (kind === null) throw new Error(`${file} is not a mailpanel backup (neither pg_dump's custom format nor a PGlite tarball).`);
  if (kind === 'postgres' && !url) throw new Error('This is a PostgreSQL backup: set DATABASE_URL to the (new, empty) database to restore into.');
  if (kind === 'embedded' && url) throw new Error('This is an embedded-database backup: unset DATABASE_URL and set DATA_DIR.');
  if (url) await restorePostgres({ url, file });
  else await restoreEmbedded({ dataDir: dataDir(), file });
  console.log(`Restored ${file}. Start the panel; it applies any newer migrations itself.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
