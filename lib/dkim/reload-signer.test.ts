import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reloadSigner } from './reload-signer';

// The worker's reload of rspamd when the domains signing twice change: SIGHUP to the pid in RSPAMD_PID_FILE.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-reload-signer-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('reloadSigner', () => {
  it('sends SIGHUP to the process its pid file names', async () => {
    // A stand-in for rspamd's main process: says so when it gets the SIGHUP.
    const child = spawn(process.execPath, ['-e', "process.on('SIGHUP', () => { console.log('reloading'); process.exit(0); }); console.log('ready'); setInterval(() => {}, 1000);"], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const ready = new Promise<void>((resolve) => child.stdout!.on('data', (chunk: Buffer) => ((out += chunk.toString()), out.includes('ready') && resolve())));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await ready;
    const pidFile = path.join(dir, 'rspamd.pid');
    fs.writeFileSync(pidFile, `${child.pid}\n`);
    expect(await reloadSigner({ RSPAMD_PID_FILE: pidFile })).toBe('reloaded');
    expect(await exited).toBe(0);
    expect(out).toContain('reloading');
  });

  it('says why it did not: no pid file configured, or no rspamd running', async () => {
    expect(await reloadSigner({})).toBe('noPidFile');
    expect(await reloadSigner({ RSPAMD_PID_FILE: path.join(dir, 'absent.pid') })).toBe('notRunning');
    const stale = path.join(dir, 'stale.pid');
    // A pid no process has (above the kernel's default pid_max).
    fs.writeFileSync(stale, '4194303\n');
    expect(await reloadSigner({ RSPAMD_PID_FILE: stale })).toBe('notRunning');
  });
});
