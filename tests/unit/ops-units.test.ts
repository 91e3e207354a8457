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
    // And the DKIM key folder, where the worker (not root) writes the signer's keys.
    expect(writable('mailpanel-worker.service')).toEqual(['/srv/mp-data', '-/var/lib/mailpanel-mail', '-/var/vmail', '-/var/lib/rspamd/dkim']);
    expect(writable('mailpanel-policy.service')).toEqual([]);
  });

  it('rotates every log the rendered mail servers write and has each server reopen its file', () => {
    const rules = renderOpsUnits(settings).find((f) => f.path === 'logrotate/mailpanel-mail')!.content;
    /** The block of rules for a log line ("path path {") up to its closing brace. */
    const block = (head: string) => {
      const start = rules.indexOf(`${head} {\n`);
      expect(start, head).toBeGreaterThanOrEqual(0);
      return rules.slice(start, rules.indexOf('\n}', start));
    };
    expect(block('/var/log/mailpanel-mail/dovecot.log')).toContain('doveadm -c /etc/mailpanel-mail/dovecot/dovecot.conf log reopen');
    expect(block('/var/log/mailpanel-mail/postfix.log')).toContain('postfix -c /etc/mailpanel-mail/postfix reload');
    // rspamd reopens on SIGUSR1 (Debian's own rule does the same).
    expect(block('/var/log/mailpanel-mail/rspamd/rspamd.log')).toContain('kill -USR1 "$(cat /var/lib/mailpanel-mail/rspamd/rspamd.pid)"');
    expect(block('/var/log/mailpanel-mail/nginx-access.log /var/log/mailpanel-mail/nginx-error.log')).toContain('kill -USR1 "$(cat /var/lib/mailpanel-mail/nginx/nginx.pid)"');
    expect(block('/var/log/mailpanel-mail/php-fpm.log')).toContain('kill -USR1 "$(cat /var/lib/mailpanel-mail/php-fpm/php-fpm.pid)"');
    // PHP opens Roundcube's logs for each line: nothing to reopen.
    expect(block('/var/log/mailpanel-mail/roundcube/*.log')).not.toContain('postrotate');
    // Every log file the rendered configuration names is rotated (the templates' *.log paths under the log folder).
    const templates = path.join(root, 'lib', 'mail-servers', 'templates');
    const named = new Set<string>();
    for (const name of fs.readdirSync(templates)) {
      for (const match of fs.readFileSync(path.join(templates, name), 'utf8').matchAll(/\{\{(?:logDir|rspamdLogDir)\}\}\/([\w/.-]*\.log)\b/g)) named.add(match[0]);
    }
    expect(named.size).toBeGreaterThan(4);
    for (const file of named) {
      const rendered = file.replace('{{logDir}}', '/var/log/mailpanel-mail').replace('{{rspamdLogDir}}', '/var/log/mailpanel-mail/rspamd');
      const covered = rules.includes(`${rendered} `) || (rendered.startsWith('/var/log/mailpanel-mail/roundcube/') && rules.includes('/var/log/mailpanel-mail/roundcube/*.log'));
      expect(covered, rendered).toBe(true);
    }
  });

  it('has systemd reload rspamd when the worker rewrites the domains signing twice (it cannot signal rspamd itself)', () => {
    const files = renderOpsUnits(settings);
    const watch = files.find((f) => f.path === 'systemd/mailpanel-rspamd-reload.path')!.content;
    expect(watch).toContain('PathChanged=/var/lib/rspamd/dkim/dkim_domains.conf');
    const reload = files.find((f) => f.path === 'systemd/mailpanel-rspamd-reload.service')!.content;
    expect(reload).toContain('Type=oneshot');
    expect(reload).toContain('kill -HUP "$(cat /var/lib/mailpanel-mail/rspamd/rspamd.pid)"');
  });

  it('passes systemd-analyze verify with no warning', (ctx) => {
    if (!which('systemd-analyze')) return ctx.skip('systemd-analyze is not installed (Debian package systemd): only the structure was checked');
    const units = [...SERVICES, 'mailpanel-rspamd-reload.service', 'mailpanel-rspamd-reload.path'].map((name) => path.join(out, 'systemd', name));
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
