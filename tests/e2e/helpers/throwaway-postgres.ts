import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server';

// A Postgres cluster of the test's own, in a temporary directory, that the test may stop and start at
// will (the machine's shared Postgres must never be stopped). Postgres refuses to run as root: as root,
// the cluster is made and run by the `postgres` OS user.

export type ThrowawayCluster = {
  url: string;
  start(): void;
  /** `immediate`: the server dies at once, as in a crash; connections are cut mid-query. */
  stop(mode?: 'immediate' | 'fast'): void;
  destroy(): void;
};

/** Where initdb and pg_ctl are (PG_BIN, else the newest /usr/lib/postgresql/<version>/bin), or null. */
export function postgresBinDir(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((v) => path.join(root, v, 'bin')).find((dir) => fs.existsSync(path.join(dir, 'initdb'))) ?? null;
}

export async function createThrowawayCluster(): Promise<ThrowawayCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('No Postgres server binaries (initdb, pg_ctl) found: install postgresql or set PG_BIN.');
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailpanel-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    fs.chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
    execFileSync(command[0] as string, command[1] as string[], { stdio: 'pipe', timeout: 60_000 });
  };
  const data = path.join(dir, 'data');
  let running = false;
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const cluster: ThrowawayCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start() {
      // fsync off: a test cluster need not survive the machine crashing, only Postgres stopping.
      run('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -h 127.0.0.1 -F`, '-l', path.join(dir, 'log'), '-w', 'start']);
      running = true;
    },
    stop(mode = 'immediate') {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
      running = false;
    },
    destroy() {
      if (running) {
        try {
          cluster.stop('immediate');
        } catch {
          // Already down.
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}
