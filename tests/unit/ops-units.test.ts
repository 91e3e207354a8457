import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPath, DEFAULT_OPS_SETTINGS, renderOpsUnits, type OpsSettings } from '@/lib/ops/units';

// `npm run ops:units`: the systemd units and logrotate rules, rendered, checked for their hardening, and
// verified by systemd-analyze and logrotate themselves where those are installed.

const root = path.resolve(__dirname, '..', '..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-ops-units-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const SERVICES = ['mailpanel.service', 'mailpanel-worker.service', 'mailpanel-policy.service'];

function which(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** The `Key=value` lines of a unit's [Service] section, in order. */
function serviceLines(content: string): string[] {
  const section = content.split('[Service]')[1]!.split('[Install]')[0]!;
  return section.split('\n').filter((line) => /^[A-Za-z]+=/.test(line));
}

// The checkout itself as the working directory: systemd-analyze checks that ExecStart's program exists.
const settings: OpsSettings = { ...DEFAULT_OPS_SETTINGS, user: 'mpops', workdir: root, envFile: '/etc/mp-test/panel.env', dataDir: '/srv/mp-data' };

describe('npm run ops:units', () => {
  // As `npm run ops:units -- …` runs it (package.json): `tsx scripts/ops-units.ts -- …`.
  it('writes the three units and the logrotate rules with the options given', () => {
    const output = spawnSync(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      ['scripts/ops-units.ts', '--', '--out', out, '--user', 'mpops', '--workdir', root, '--env-file', '/etc/mp-test/panel.env', '--data-dir', '/srv/mp-data'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(output.stderr).toBe('');
    expect(output.stdout).toContain('Wrote');
    for (const name of SERVICES) {
      const written = fs.readFileSync(path.join(out, 'systemd', name), 'utf8');
      expect(written).toBe(renderOpsUnits(settings).find((f) => f.path === `systemd/${name}`)!.content);
    }
    expect(fs.existsSync(path.join(out, 'logrotate', 'mailpanel-mail'))).toBe(true);
  }, 60_000);

  it('refuses a path or user that would smuggle in a directive', () => {
    const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
    for (const args of [
      ['--workdir', '/opt/x\nExecStartPre=/bin/sh'],
      ['--data-dir', '/var/lib/a b'],
      ['--user', 'root\nUser=root'],
      ['--env-file', '/etc/%h.env'], // a systemd specifier
    ]) {
      const run = spawnSync(tsx, ['scripts/ops-units.ts', '--', '--out', path.join(out, 'refused'), ...args], { cwd: root, encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(fs.existsSync(path.join(out, 'refused'))).toBe(false);
    }
    expect(() => checkPath('--out', 'relative/dir')).toThrow(/absolute/);
  }, 120_000);

  it('runs each service as the dedicated user, read-only but for what it needs, without privileges', () => {
    const files = renderOpsUnits(settings);
    for (const name of SERVICES) {
      const lines = serviceLines(files.find((f) => f.path === `systemd/${name}`)!.content);
      expect(lines).toEqual(
        expect.arrayContaining([
          'User=mpops',
          'Group=mpops',
          `WorkingDirectory=${root}`,
          'EnvironmentFile=/etc/mp-test/panel.env',
          'Environment=NODE_ENV=production',
          'NoNewPrivileges=yes',
          'ProtectSystem=strict',
          'ProtectHome=yes',
          'PrivateTmp=yes',
          'PrivateDevices=yes',
          'CapabilityBoundingSet=',
          'RestrictSUIDSGID=yes',
          'Restart=on-failure',
        ]),
      );
      expect(lines.find((line) => line.startsWith('ExecStart='))).toMatch(new RegExp(`^ExecStart=${root}/node_modules/\\.bin/tsx (server|scripts/\\w+)\\.ts$`));
    }
    const writable = (name: string) =>
      serviceLines(files.find((f) => f.path === `systemd/${name}`)!.content)
        .filter((line) => line.startsWith('ReadWritePaths='))
        .map((line) => line.slice('ReadWritePaths='.length));
    // DATA_DIR is required (no "-"), set by the unit itself, and the panel's one mandatory writable path.
    expect(writable('mailpanel.service')).toEqual(['/srv/mp-data', `-${root}/.next/cache`, '-/var/lib/mailpanel-mail', '-/var/vmail']);
    expect(serviceLines(files[0]!.content)).toContain('Environment=DATA_DIR=/srv/mp-data');
    expect(writable('mailpanel-worker.service')).toEqual(['/srv/mp-data', '-/var/lib/mailpanel-mail', '-/var/vmail']);
    expect(writable('mailpanel-policy.service')).toEqual([]);
  });

  it('rotates both mail servers’ logs and has each reopen its file', () => {
    const rules = renderOpsUnits(settings).find((f) => f.path === 'logrotate/mailpanel-mail')!.content;
    expect(rules).toContain('/var/log/mailpanel-mail/dovecot.log {');
    expect(rules).toContain('doveadm -c /etc/mailpanel-mail/dovecot/dovecot.conf log reopen');
    expect(rules).toContain('/var/log/mailpanel-mail/postfix.log {');
    expect(rules).toContain('postfix -c /etc/mailpanel-mail/postfix reload');
  });

  it('passes systemd-analyze verify with no warning', (ctx) => {
    if (!which('systemd-analyze')) return ctx.skip('systemd-analyze is not installed (Debian package systemd): only the structure was checked');
    const units = SERVICES.map((name) => path.join(out, 'systemd', name));
    const run = spawnSync('systemd-analyze', ['verify', '--man=no', ...units], { encoding: 'utf8' });
    expect(run.stderr + run.stdout).toBe('');
    expect(run.status).toBe(0);
    // And it does notice a broken unit (so an empty answer means something).
    const broken = path.join(out, 'broken.service');
    fs.writeFileSync(broken, fs.readFileSync(units[0]!, 'utf8').replace('ProtectSystem=strict', 'ProtectSystem=sometimes'));
    const complaint = spawnSync('systemd-analyze', ['verify', '--man=no', broken], { encoding: 'utf8' });
    expect(complaint.stderr + complaint.stdout).toContain('protect system value');
  });

  it('passes logrotate’s own parse with no error', (ctx) => {
    if (!which('logrotate')) return ctx.skip('logrotate is not installed: only the structure was checked');
    const run = spawnSync('logrotate', ['-d', '-s', path.join(out, 'logrotate.state'), path.join(out, 'logrotate', 'mailpanel-mail')], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/^error:/m);
  });
});
