import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DKIM_KEY_DIR_MODE, prepareRspamdDirs } from '@/lib/mail-servers/rspamd';
import type { MailServerSettings, RspamdSettings } from '@/lib/mail-servers/settings';
import { lookupSystemGroup, lookupSystemUser } from '@/lib/mail-servers/system-user';

// The DKIM key hand-over when the worker is not root (the systemd unit of `npm run ops:units`): mail:config makes
// the key folder the worker's, group _rspamd, setgid; the worker's writer (lib/dkim/key-files.ts), run here as
// another unprivileged user with setpriv, leaves files rspamd's user reads and nobody else does.

const root = path.resolve(__dirname, '..', '..');
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-dkim-files-'));
// The users' way in (mkdtemp makes it 0700).
fs.chmodSync(base, 0o755);
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const WORKER = 'nobody';
const SIGNER = '_rspamd';
const OTHER = 'daemon';

function userExists(name: string): boolean {
  try {
    lookupSystemUser(name);
    return true;
  } catch {
    return false;
  }
}

/** Runs argv as `user` (its own groups only): setpriv, as a service manager would start it. */
function runAs(user: string, argv: string[], input?: string) {
  const u = lookupSystemUser(user);
  return spawnSync('setpriv', [`--reuid=${u.uid}`, `--regid=${u.gid}`, '--init-groups', '--', ...argv], { encoding: 'utf8', input, cwd: base, env: { ...process.env, HOME: base } });
}

/** The worker's writer, run as `user`: writes files {name: content} into dir; prints "written" or the error. */
function writeAs(user: string, dir: string, files: Record<string, string>) {
  const script = `import('${path.join(root, 'lib', 'dkim', 'key-files.ts')}').then((m) => m.writeKeyFiles(${JSON.stringify(dir)}, ${JSON.stringify(Object.entries(files).map(([name, content]) => ({ name, content })))}, (n) => n.endsWith('.key'))).then(() => console.log('written'), (e) => console.log(String(e.message)))`;
  return runAs(user, [path.join(root, 'node_modules', '.bin', 'tsx'), '-e', script]);
}

function settingsFor(name: string, owner?: string): MailServerSettings & { rspamd: RspamdSettings } {
  return { stateDir: path.join(base, name, 'state'), logDir: path.join(base, name, 'log'), rspamd: { milterPort: 11332, dkimKeyDir: path.join(base, name, 'dkim'), dnsServers: [], ...(owner ? { dkimKeyOwner: owner } : {}) } } as unknown as MailServerSettings & {
    rspamd: RspamdSettings;
  };
}

const ready = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v setpriv']).status === 0 && [WORKER, SIGNER, OTHER].every(userExists);

// Root, setpriv and the three users (rspamd's comes with its package): CI has them all, so there a missing one
// is a failure, not a skip; elsewhere (a developer's machine without rspamd, not root) the suite skips.
if (!ready && process.env.CI) throw new Error(`needs root, setpriv and the users ${WORKER}, ${SIGNER}, ${OTHER} (CI installs rspamd)`);

describe.skipIf(!ready)('DKIM key files written by a worker that is not root (setpriv)', () => {
  it("mail:config gives the folder to the worker's user, group _rspamd, setgid", () => {
    const settings = settingsFor('owned', WORKER);
    prepareRspamdDirs(settings);
    // The way in (made 0750 with the folders): on a host, /var/lib/rspamd is _rspamd's and the worker's unit
    // names the folder itself.
    fs.chmodSync(path.join(base, 'owned'), 0o755);
    const dir = fs.statSync(settings.rspamd.dkimKeyDir);
    expect(dir.uid).toBe(lookupSystemUser(WORKER).uid);
    expect(dir.gid).toBe(lookupSystemGroup(SIGNER));
    expect(dir.mode & 0o7777).toBe(DKIM_KEY_DIR_MODE);
  });

  it("the worker's files are rspamd's to read (0640, group _rspamd) and no one else's; old keys go", { timeout: 60_000 }, () => {
    const { rspamd } = settingsFor('owned', WORKER);
    const run = writeAs(WORKER, rspamd.dkimKeyDir, { 'example.test.mp1.key': 'PRIVATE KEY 1\n', 'example.test.mp2.key': 'PRIVATE KEY 2\n', 'dkim_selectors.map': 'example.test mp2\n' });
    expect(run.stdout.trim(), run.stderr).toBe('written');
    for (const name of ['example.test.mp1.key', 'dkim_selectors.map']) {
      const file = fs.statSync(path.join(rspamd.dkimKeyDir, name));
      expect(file.uid).toBe(lookupSystemUser(WORKER).uid);
      expect(file.gid).toBe(lookupSystemGroup(SIGNER));
      expect(file.mode & 0o777).toBe(0o640);
    }
    expect(runAs(SIGNER, ['cat', path.join(rspamd.dkimKeyDir, 'example.test.mp1.key')]).stdout).toBe('PRIVATE KEY 1\n');
    const stranger = runAs(OTHER, ['cat', path.join(rspamd.dkimKeyDir, 'example.test.mp1.key')]);
    expect(stranger.status).not.toBe(0);
    expect(stranger.stdout).toBe('');
    // A rotation's next render: the key no longer wanted is removed, by the worker itself.
    expect(writeAs(WORKER, rspamd.dkimKeyDir, { 'example.test.mp2.key': 'PRIVATE KEY 2\n' }).stdout.trim()).toBe('written');
    expect(fs.readdirSync(rspamd.dkimKeyDir).sort()).toEqual(['dkim_selectors.map', 'example.test.mp2.key']);
  });

  it('refuses, and leaves nothing behind, in a folder that would not hand the files to rspamd', { timeout: 60_000 }, () => {
    // The worker's own folder without the setgid bit and rspamd's group: its files would be the worker's group.
    const dir = path.join(base, 'plain');
    fs.mkdirSync(dir, { mode: 0o750 });
    const worker = lookupSystemUser(WORKER);
    fs.chownSync(dir, worker.uid, worker.gid);
    const run = writeAs(WORKER, dir, { 'example.test.mp1.key': 'PRIVATE KEY\n' });
    expect(run.stdout).toContain('--dkim-key-owner');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
