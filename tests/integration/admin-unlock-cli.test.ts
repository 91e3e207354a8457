import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '@/db/open';
import { admins, auditLog, signInThrottle } from '@/db/schema';
import { testDriver } from './helpers/db';

// `npm run admin:unlock` ends a sign-in lock from the server's shell, and (--clear-allowed-ips) empties an
// admin's allowed IPs. The clearing itself runs on both drivers in sign-in-lockout.test.ts.

const CLI_TEST_MS = 180_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-cli-unlock-'));
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

async function withDb<T>(work: (db: ReturnType<typeof openEmbedded>['db']) => Promise<T>): Promise<T> {
  const handle = openEmbedded(dataDir);
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

const locked = (key: string, scope: 'account' | 'account-ip' | 'ip' = 'account') => ({ scope, key, failures: 50, lockedUntil: new Date(Date.now() + 15 * 60_000) });

describe.runIf(testDriver() === 'embedded')('npm run admin:unlock', () => {
  it(
    'clears an admin’s lock and, when asked, its allowed IPs; refuses unknown addresses and bad input',
    async () => {
      expect((await run('scripts/admin-create.ts', ['--email', 'root@example.com'], 'the first passphrase\n')).code).toBe(0);
      await withDb(async (db) => {
        await db.update(admins).set({ allowedIps: ['10.0.0.0/8'] });
        await db.insert(signInThrottle).values([locked('root@example.com'), locked('root@example.com|192.0.2.1', 'account-ip'), locked('other@example.com'), locked('192.0.2.1', 'ip')]);
      });

      expect(await run('scripts/admin-unlock.ts', ['--email', 'not-an-email'])).toMatchObject({ code: 2, out: expect.stringContaining('--email: Enter a valid email address.') as unknown });
      expect(await run('scripts/admin-unlock.ts', ['--email', 'nobody@example.com'])).toMatchObject({ code: 2, out: expect.stringContaining('no admin or account has the address nobody@example.com') as unknown });
      expect(await withDb((db) => db.select().from(signInThrottle))).toHaveLength(4);

      const done = await run('scripts/admin-unlock.ts', ['--email', 'Root@Example.com', '--clear-allowed-ips']);
      expect(done.out).toContain('Sign-in lock and counts cleared for root@example.com.');
      expect(done.out).toContain('Allowed IPs emptied (were 10.0.0.0/8).');
      expect(done.code).toBe(0);
      await withDb(async (db) => {
        expect((await db.select({ scope: signInThrottle.scope, key: signInThrottle.key }).from(signInThrottle).orderBy(signInThrottle.key)).map((r) => r.key)).toEqual([
          '192.0.2.1',
          'other@example.com',
        ]);
        const [root] = await db.select().from(admins).where(eq(admins.email, 'root@example.com'));
        expect(root!.allowedIps).toEqual([]);
        expect(await db.select({ action: auditLog.action, label: auditLog.actorLabel, target: auditLog.targetLabel }).from(auditLog).where(eq(auditLog.action, 'admin.unlock'))).toEqual([
          { action: 'admin.unlock', label: 'cli', target: 'root@example.com' },
        ]);
      });

      const again = await run('scripts/admin-unlock.ts', ['--email', 'root@example.com']);
      expect(again).toMatchObject({ code: 0, out: expect.stringContaining('root@example.com was not locked; nothing to clear.') as unknown });
    },
    CLI_TEST_MS,
  );
});
