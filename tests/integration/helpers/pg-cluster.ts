import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// PostgreSQL clusters of a test's own on loopback ports (initdb, pg_ctl, pg_basebackup), run as the
// `postgres` system user through runuser when the test runs as root (the server refuses to run as root).

/** The directory of initdb, pg_ctl and pg_basebackup (the one pg_ctl on the PATH lives in), or null. */
export function pgBinDir(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  if (!found) return null;
  const dir = path.dirname(fs.realpathSync(found));
  return ['initdb', 'pg_ctl', 'pg_basebackup'].every((tool) => fs.existsSync(path.join(dir, tool))) ? dir : null;
}

/** Why clusters cannot be started here, or null. */
export function clustersUnavailable(): string | null {
  if (!pgBinDir()) return 'PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) not found';
  if (process.getuid?.() === 0 && spawnSync('id', ['postgres']).status !== 0) return 'no postgres system user to run them as';
  return null;
}

function asPostgres(tool: string, args: string[]): string {
  const file = path.join(pgBinDir()!, tool);
  const [command, all] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return execFileSync(command as string, all as string[], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export type Cluster = { port: number; dir: string; url(database?: string): string; stop(): void };

/** A directory the clusters (user postgres) may write, removed by `remove`. */
export function clusterRoot(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailpanel-pg-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function start(dir: string, port: number, socketDir: string): Cluster {
  // fsync off: a test's cluster need not survive a crash of the machine.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${socketDir} -c fsync=off -c wal_level=replica -c max_wal_senders=4`;
  asPostgres('pg_ctl', ['-D', dir, '-l', `${dir}.log`, '-w', '-t', '60', '-o', options, 'start']);
  return {
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: () => {
      try {
        asPostgres('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // not running
      }
    },
  };
}

/** A new primary (trust on loopback, replication allowed: initdb's defaults). */
export function startPrimary(root: string, port: number): Cluster {
  const dir = path.join(root, 'primary');
  asPostgres('initdb', ['-D', dir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  return start(dir, port, root);
}

/** A streaming replica of `primary` (pg_basebackup -R: standby.signal and primary_conninfo), hot standby. */
export function startReplica(root: string, primary: Cluster, port: number): Cluster {
  const dir = path.join(root, 'replica');
  asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
  return start(dir, port, root);
}
