import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const artifactsDir = path.join(repoRoot, 'tests', 'e2e', '.artifacts');
const serverInfoFile = path.join(artifactsDir, 'server.json');

/** What global setup learned about the panel it started; tests read it with serverInfo(). */
export type ServerInfo = { baseURL: string; setupPath: string; dataDir: string; pid: number };

export type RunningServer = ServerInfo & { stop(): Promise<void> };

const STARTUP_TIMEOUT_MS = 120_000;
const SETUP_PATH = /\/setup\?token=[A-Za-z0-9_-]+/;

/** The file a screenshot named `name` goes to. */
export function artifactPath(name: string): string {
  return path.join(artifactsDir, name);
}

export function serverInfo(): ServerInfo {
  if (!fs.existsSync(serverInfoFile)) {
    throw new Error(`${serverInfoFile} is missing: the e2e global setup did not start the panel.`);
  }
  return JSON.parse(fs.readFileSync(serverInfoFile, 'utf8')) as ServerInfo;
}

export function writeServerInfo(info: ServerInfo): void {
  fs.mkdirSync(artifactsDir, { recursive: true });
  fs.writeFileSync(serverInfoFile, `${JSON.stringify(info, null, 2)}\n`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the production panel (`tsx server.ts`; `next build` must have run) on a free port with an
 * empty embedded database, and waits until it has printed its setup link and serves /login.
 */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mailpanel-e2e-'));
  fs.mkdirSync(artifactsDir, { recursive: true });
  const log = fs.createWriteStream(path.join(artifactsDir, 'server.log'));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseURL,
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // An empty embedded database, and the secret the server generates for it.
  for (const name of ['DATABASE_URL', 'AUTH_SECRET', 'NEXTAUTH_SECRET', 'NEXTAUTH_URL']) delete env[name];

  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['server.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops what tsx spawned.
    detached: true,
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    log.write(chunk);
  };
  // Keep draining both pipes for the server's whole life, or it blocks once a pipe buffer fills.
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const stop = async () => {
    await stopProcess(child);
    log.end();
    await rm(dataDir, { recursive: true, force: true });
  };
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  try {
    const setupPath = await waitForSetupPath(child, () => output);
    await waitForHttpOk(`${baseURL}/login`, child, () => output);
    return {
      baseURL,
      setupPath,
      dataDir,
      pid: child.pid ?? -1,
      stop: async () => {
        process.off('exit', killOnExit);
        await stop();
      },
    };
  } catch (error) {
    process.off('exit', killOnExit);
    await stop();
    throw error;
  }
}

async function waitForSetupPath(child: ChildProcess, output: () => string): Promise<string> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const line = output()
      .split('\n')
      .find((candidate) => candidate.includes('/setup?token='));
    const match = line?.match(SETUP_PATH);
    if (match) return match[0];
    if (child.exitCode !== null || child.signalCode !== null) {
      throw startupError(`exited (${child.exitCode ?? child.signalCode}) before printing a setup link`, output());
    }
    await sleep(200);
  }
  throw startupError(`printed no line with /setup?token= within ${STARTUP_TIMEOUT_MS / 1000} s`, output());
}

async function waitForHttpOk(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw startupError(`exited (${child.exitCode ?? child.signalCode}) before ${url} answered`, output());
    }
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(500);
  }
  throw startupError(`did not answer 200 on ${url} within ${STARTUP_TIMEOUT_MS / 1000} s (last: ${last})`, output());
}

function startupError(what: string, output: string): Error {
  return new Error(`The mailpanel server ${what}. Its output:\n${output || '(nothing)'}`);
}

/** SIGTERM to the server's process group, SIGKILL after 10 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, 'SIGTERM');
  const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
