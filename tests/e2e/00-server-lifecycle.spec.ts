import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort, repoRoot } from './helpers/server';

// The production server as an operator runs it: first start prints a setup link; SIGTERM stops it
// cleanly and releases the embedded database, so the next start (or a CLI) can open it.
function start(dataDir: string, port: number) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
  for (const name of ['DATABASE_URL', 'AUTH_SECRET', 'NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'PUBLIC_URL']) delete env[name];
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['server.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

test('the server prints a setup link, stops cleanly on SIGTERM and starts again', async () => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-lifecycle-'));
  try {
    const port = await freePort();
    const first = start(dataDir, port);
    await expect.poll(first.output, { timeout: 60_000 }).toContain('listening on');
    const link = /http:\/\/localhost:\d+\/setup\?token=([\w-]{43})/.exec(first.output())?.[1];
    expect(link, first.output()).toBeTruthy();
    expect(fs.existsSync(path.join(dataDir, 'embedded-db.lock'))).toBe(true);
    expect(fs.statSync(path.join(dataDir, 'auth-secret')).mode & 0o077).toBe(0); // secret readable by its owner only

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('SIGTERM: shutting down');
    expect(fs.existsSync(path.join(dataDir, 'embedded-db.lock'))).toBe(false);

    // Still no superadmin: the next start prints a new link; the secret file is reused.
    const second = start(dataDir, port);
    await expect.poll(second.output, { timeout: 60_000 }).toContain('listening on');
    const again = /setup\?token=([\w-]{43})/.exec(second.output())?.[1];
    expect(again).toBeTruthy();
    expect(again).not.toBe(link);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
