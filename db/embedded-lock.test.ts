import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireEmbeddedLock, EmbeddedDatabaseBusyError } from './embedded-lock';

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('embedded database lock', () => {
  it('refuses a second process while the first is alive, naming it', async () => {
    const dir = tempDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(path.join(dir, 'embedded-db.lock'), String(holder.pid));
      expect(() => acquireEmbeddedLock(dir)).toThrow(EmbeddedDatabaseBusyError);
      expect(() => acquireEmbeddedLock(dir)).toThrow(new RegExp(`process ${holder.pid}`));
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a process that died, and releases it', async () => {
    const dir = tempDir();
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('exit', resolve));
    fs.writeFileSync(path.join(dir, 'embedded-db.lock'), String(dead.pid));
    const release = acquireEmbeddedLock(dir);
    expect(fs.readFileSync(path.join(dir, 'embedded-db.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'embedded-db.lock'))).toBe(false);
  });
});
