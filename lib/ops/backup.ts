import 'server-only';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { acquireEmbeddedLock } from '@/db/embedded-lock';

// `npm run backup` / `npm run restore` (docs/operations.md). PostgreSQL: pg_dump's custom format, a
// consistent snapshot taken while the panel runs. The embedded database: PGlite's own dump of its data
// directory (dumpDataDir), taken only while no server has it open — the lock file the server holds
// (db/embedded-lock.ts) makes the backup refuse rather than copy files being written.

export type BackupKind = 'postgres' | 'embedded';

const PG_MAGIC = 'PGDMP';
const GZIP_MAGIC = [0x1f, 0x8b];

/** What kind of backup `file` is, from its first bytes. */
export function backupKindOf(file: string): BackupKind | null {
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 5, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') === PG_MAGIC) return 'postgres';
  if (head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) return 'embedded';
  return null;
}

/** The URL without its password (which goes in PGPASSWORD: not on a command line other users can read). */
function connectionArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: string, args: string[], { env, stdout }: { env: NodeJS.ProcessEnv; stdout?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', stdout ?? 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new Error(`${command} could not run (${error.message}): install the PostgreSQL client (Debian: postgresql-client).`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}):\n${stderr.trim()}`))));
  });
}

/**
 * Writes a new file readable by its owner only (a backup holds password hashes); refuses to overwrite one,
 * and leaves no partial file behind when `write` fails.
 */
async function writePrivate(file: string, write: (fd: number) => unknown): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    await write(fd);
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

export async function backupPostgres({ url, file }: { url: string; file: string }): Promise<void> {
  const { dbname, env } = connectionArgs(url);
  await writePrivate(file, (fd) => run('pg_dump', ['--format=custom', '--no-password', `--dbname=${dbname}`], { env, stdout: fd }));
}

/**
 * Into an empty database only (a new one: `createdb`). Objects become the restoring role's, and grants are
 * not restored: run `npm run mail:role` again for the mail servers' role. All or nothing.
 */
export async function restorePostgres({ url, file }: { url: string; file: string }): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'mail', 'drizzle') and c.relkind in ('r', 'v', 'S', 'p')`,
    );
    if ((rows[0]?.n ?? 0) > 0) throw new Error('The target database is not empty: restore into a new one (createdb) and point DATABASE_URL at it.');
  } finally {
    await client.end();
  }
  const { dbname, env } = connectionArgs(url);
  await run('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', '--no-password', `--dbname=${dbname}`, file], { env });
}

function embeddedPath(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

/** Refuses while a server (or anything else) has the embedded database under `dataDir` open. */
export async function backupEmbedded({ dataDir, file }: { dataDir: string; file: string }): Promise<void> {
  if (!fs.existsSync(embeddedPath(dataDir))) throw new Error(`There is no embedded database in ${dataDir}.`);
  if (fs.existsSync(file)) throw new Error(`EEXIST: ${file} exists already.`);
  const release = acquireEmbeddedLock(dataDir);
  let dump: Blob;
  try {
    const db = new PGlite({ dataDir: embeddedPath(dataDir), extensions: { pg_trgm } });
    try {
      // dumpDataDir does not wait for the start itself: called at once, its promise never settles.
      await db.waitReady;
      dump = await db.dumpDataDir('gzip');
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
  const bytes = Buffer.from(await dump.arrayBuffer());
  await writePrivate(file, (fd) => fs.writeSync(fd, bytes));
}

/** Into a DATA_DIR holding no embedded database yet (move an old one aside first). */
export async function restoreEmbedded({ dataDir, file }: { dataDir: string; file: string }): Promise<void> {
  if (fs.existsSync(embeddedPath(dataDir))) {
    throw new Error(`${embeddedPath(dataDir)} exists: move it aside (with the server stopped) and restore again.`);
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = acquireEmbeddedLock(dataDir);
  try {
    const tarball = new Blob([fs.readFileSync(file)]);
    const db = new PGlite({ dataDir: embeddedPath(dataDir), loadDataDir: tarball, extensions: { pg_trgm } });
    try {
      await db.query('select 1');
    } finally {
      await db.close();
    }
  } catch (error) {
    fs.rmSync(embeddedPath(dataDir), { recursive: true, force: true });
    throw error;
  } finally {
    release();
  }
}
