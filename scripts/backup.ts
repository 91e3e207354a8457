import './outside-next'; // first: see scripts/outside-next.ts
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir } from '@/db/data-dir';
import { backupEmbedded, backupPostgres } from '@/lib/ops/backup';

const USAGE = `Usage: npm run backup -- [--out FILE]
Backs up the panel's database (docs/operations.md): with DATABASE_URL, pg_dump's custom format, taken
while the panel runs; otherwise the embedded database under DATA_DIR, which needs the server stopped.
  --out FILE   where (a new file, mode 0600; default ./mailpanel-<UTC time>.pgdump or .tar.gz)
Also keep AUTH_SECRET (embedded: DATA_DIR/auth-secret), the mail, and the rendered configuration.`;

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const url = process.env.DATABASE_URL;
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
  const file = path.resolve(values.out ?? `mailpanel-${stamp}.${url ? 'pgdump' : 'tar.gz'}`);
  if (url) await backupPostgres({ url, file });
  else await backupEmbedded({ dataDir: dataDir(), file });
  console.log(`Backed up the ${url ? 'PostgreSQL' : 'embedded'} database to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
