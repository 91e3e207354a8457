import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '@/db/open';
import { admins, auditLog } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { testDriver } from './helpers/db';

// Admins have no e-mail recovery: `npm run admin:password` sets a new password from the server's shell.

// Each test runs the CLI four or five times, each a new process that opens (and migrates) the embedded
// database: 10–15 s apiece on a 2-core machine, more than the default 30 s in all.
const CLI_TEST_MS = 180_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-cli-pw-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function run(script: string, args: string[], stdin?: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join('node_modules', '.bin', 'tsx'), [script, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', BCRYPT_COST: '4' },
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    if (stdin !== undefined) child.stdin?.end(stdin);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

async function adminRow(email: string) {
  const handle = openEmbedded(dataDir);
  try {
    const [row] = await handle.db.select().from(admins).where(eq(admins.email, email));
    return row;
  } finally {
    await handle.close();
  }
}

describe.runIf(testDriver() === 'embedded')('npm run admin:password', () => {
  it('sets a new password for an admin and ends its sessions; refuses common passwords and unknown admins', async () => {
    expect((await run('scripts/admin-create.ts', ['--email', 'root@example.com'], 'the first passphrase\n')).code).toBe(0);
    const before = await adminRow('root@example.com');

    const common = await run('scripts/admin-password.ts', ['--email', 'root@example.com'], 'password1234\n');
    expect(common.code).toBe(2);
    expect(common.out).toContain('among the most common');
    const unknown = await run('scripts/admin-password.ts', ['--email', 'nobody@example.com'], 'a second long passphrase\n');
    expect(unknown.code).toBe(2);
    expect((await adminRow('root@example.com'))!.passwordHash).toBe(before!.passwordHash);

    const done = await run('scripts/admin-password.ts', ['--email', 'Root@Example.com'], 'a second long passphrase\n');
    expect(done.out).toContain('New password set for root@example.com');
    expect(done.code).toBe(0);
    const after = await adminRow('root@example.com');
    expect(await verifyPassword('a second long passphrase', after!.passwordHash)).toBe(true);
    expect(after!.sessionVersion).toBe(before!.sessionVersion + 1);
  }, CLI_TEST_MS);
});

describe.runIf(testDriver() === 'embedded')('npm run admin:otp-reset', () => {
  it('turns off an admin\'s two-step sign-in and ends its sessions; refuses a malformed or unknown address', async () => {
    expect((await run('scripts/admin-create.ts', ['--email', 'ops@example.com'], 'the ops passphrase\n')).code).toBe(0);
    const handle = openEmbedded(dataDir);
    try {
      await handle.db.update(admins).set({ otpSecretEnc: 'sealed-secret', otpEnabledAt: new Date(), otpLastStep: 123 }).where(eq(admins.email, 'ops@example.com'));
    } finally {
      await handle.close();
    }
    const before = await adminRow('ops@example.com');

    const malformed = await run('scripts/admin-otp-reset.ts', ['--email', 'not an address']);
    expect(malformed.code).toBe(2);
    const unknown = await run('scripts/admin-otp-reset.ts', ['--email', 'nobody@example.com']);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('no admin has the address nobody@example.com');
    expect((await adminRow('ops@example.com'))!.otpSecretEnc).toBe('sealed-secret');

    const done = await run('scripts/admin-otp-reset.ts', ['--email', 'Ops@Example.com']);
    expect(done.out).toContain('Two-step sign-in turned off for ops@example.com');
    expect(done.code).toBe(0);
    const after = await adminRow('ops@example.com');
    expect(after).toMatchObject({ otpSecretEnc: null, otpEnabledAt: null, otpLastStep: null, sessionVersion: before!.sessionVersion + 1 });
    // The password is untouched, and the reset is in the audit log.
    expect(after!.passwordHash).toBe(before!.passwordHash);
    const log = openEmbedded(dataDir);
    try {
      const entries = await log.db.select({ action: auditLog.action, targetId: auditLog.targetId }).from(auditLog).where(eq(auditLog.action, 'admin.otp.reset'));
      expect(entries).toEqual([{ action: 'admin.otp.reset', targetId: String(after!.id) }]);
    } finally {
      await log.close();
    }
  }, CLI_TEST_MS);
});
