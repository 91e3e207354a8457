// The production server as the benchmarks start it (\`tsx server.ts\` from a checkout, in its own process
// group) and the CPU its processes use, read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type Server = { baseURL: string; pid: number; stop(): Promise<void> };

export async function startServer(databaseUrl: string, dataDir: string, root = process.cwd(), extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(48).toString('base64url'),
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseURL,
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
    // One process unless the run says otherwise (`WEB_CONCURRENCY=2 npm run bench`): a benchmark compares
    // like with like, and the builds it compares against may predate the cluster (issue 21).
    WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '1',
    ...extraEnv,
  };
  delete env.NEXTAUTH_SECRET;
  delete env.NEXTAUTH_URL;
  // Its output goes to a file, not a pipe: the server logs a line per request, and a benchmark blocked in
  // spawnSync (wrk) reads no pipe meanwhile, so a full pipe would stall the server's writes.
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['server.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', log, log],
    detached: true, // its own process group: stopping it stops what tsx spawned too
  });
  fs.closeSync(log);
  const output = () => fs.readFileSync(logFile, 'utf8');
  const stop = () => stopGroup(child);
  const deadline = Date.now() + 120_000;
  while (!/listening on/.test(output())) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not start:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseURL, pid: child.pid!, stop };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
  }
}

/** The process and its descendants (tsx runs the server in a child node process). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree;
}

/** CPU time (user + system, ms) used so far by the given processes. */
export function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** The Postgres backends serving one database (their command line names it). */
export function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // exited, or not ours to read
    }
  }
  return pids;
}

/** The largest resident-memory peak (VmHWM, MB) among a server's processes since they started. */
export function peakRssMb(server: Server): number {
  let peak = 0;
  for (const pid of processTree(server.pid)) {
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      peak = Math.max(peak, Number(match?.[1] ?? 0) / 1024);
    } catch {
      // exited meanwhile
    }
  }
  return peak;
}
