import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '@/db/open';
import { admins } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { testDriver } from './helpers/db';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function run(args: string[], stdin?: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join('node_modules', '.bin', 'tsx'), ['scripts/admin-create.ts', ...args], {
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

async function adminRows() {
  const handle = openEmbedded(dataDir);
  try {
    return await handle.db.select({ email: admins.email, role: admins.role, hash: admins.passwordHash }).from(admins).orderBy(admins.id);
  } finally {
    await handle.close();
  }
}

// The CLI is the same on either database; it runs once, on the embedded one.
describe.runIf(testDriver() === 'embedded')('npm run admin:create', () => {
  it('creates the superadmin with a piped password, then an admin with a generated one', async () => {
    const first = await run(['--email', 'Root@Example.com', '--name', 'Root'], 'a piped passphrase\n');
    expect(first.out).toContain('Created superadmin root@example.com.');
    expect(first.out).not.toContain('a piped passphrase');
    expect(first.code).toBe(0);

    const second = await run(['--email', 'ops@example.com', '--generate']);
    expect(second.code).toBe(0);
    const password = /Password \(shown only now\): (\S+)/.exec(second.out)?.[1];
    expect(password).toMatch(/^\S{20}$/);

    const rows = await adminRows();
    expect(rows.map((r) => [r.email, r.role])).toEqual([
      ['root@example.com', 'superadmin'],
      ['ops@example.com', 'admin'],
    ]);
    expect(await verifyPassword('a piped passphrase', rows[0]!.hash)).toBe(true);
    expect(await verifyPassword(password!, rows[1]!.hash)).toBe(true);
  });

  it('refuses bad input and a second superadmin, writing nothing', async () => {
    const before = await adminRows();
    expect(await run(['--email', 'not-an-email', '--generate'])).toMatchObject({ code: 2, out: expect.stringContaining('--email: Enter a valid email address.') as unknown });
    expect(await run(['--email', 'x@example.com'], 'short')).toMatchObject({ code: 2, out: expect.stringContaining('at least 12 characters') as unknown });
    expect(await run(['--email', 'x@example.com', '--role', 'superadmin', '--generate'])).toMatchObject({
      code: 2,
      out: expect.stringContaining('A superadmin exists already') as unknown,
    });
    expect(await adminRows()).toEqual(before);
  });

  it('refuses to open the embedded database while the server holds it', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    fs.writeFileSync(path.join(dataDir, 'embedded-db.lock'), String(holder.pid));
    try {
      const result = await run(['--email', 'late@example.com', '--generate']);
      expect(result.code).not.toBe(0);
      expect(result.out).toContain(`in use by process ${holder.pid}`);
    } finally {
      holder.kill();
      fs.rmSync(path.join(dataDir, 'embedded-db.lock'), { force: true });
    }
  });
});
