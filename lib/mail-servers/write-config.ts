import fs from 'node:fs';
import path from 'node:path';
import { DEBIAN_ROUNDCUBE_PLUGINS, dovecotConfigFile, mailHomeTemplate, roundcubePluginsLinkDir, ROUNDCUBE_PASSWORD_PLUGIN, ROUNDCUBE_REQUIRED_PLUGINS, runtimeDirs } from './layout';
import type { RenderedFile } from './render-config';
import { prepareRspamdDirs, rspamdWorkerEnv } from './rspamd';
import { RSPAMD_USER, type MailServerSettings } from './settings';
import { lookupSystemGroup, lookupSystemUser, lookupUserGroups } from './system-user';
import { blockedDirectories, type Blocked } from './traversable';

const isRoot = () => process.getuid?.() === 0;

function own(target: string, uid: number, gid: number) {
  if (isRoot()) fs.chownSync(target, uid, gid);
}

/**
 * Writes the rendered files. The ones holding the database password are readable by root and the group
 * of the server that reads them only (when run as root; otherwise by the current user only).
 */
export function writeMailConfig(outDir: string, files: readonly RenderedFile[]): string[] {
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(outDir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fs.writeFileSync(target, file.content, { mode: file.secret ? 0o640 : 0o644 });
    fs.chmodSync(target, file.secret ? (isRoot() ? 0o640 : 0o600) : 0o644);
    own(target, 0, lookupSystemGroup(file.group));
    written.push(target);
  }
  return written;
}

/**
 * Creates what the servers expect to find: the log directory, Dovecot's runtime directories, Postfix's
 * queue (root's) and data (postfix's) directories, and the mail root (the mail user's).
 */
export function prepareMailHost(settings: MailServerSettings): void {
  const dirs = runtimeDirs(settings.stateDir);
  for (const dir of [settings.stateDir, settings.logDir, dirs.dovecotRun, dirs.dovecotState, dirs.postfixQueue, path.dirname(dirs.postfixData)]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  }
  fs.mkdirSync(dirs.postfixData, { recursive: true, mode: 0o700 });
  const postfix = lookupSystemUser('postfix');
  own(dirs.postfixData, postfix.uid, postfix.gid);
  fs.mkdirSync(settings.mailRoot, { recursive: true, mode: 0o770 });
  own(settings.mailRoot, settings.mailUser.uid, settings.mailUser.gid);
  if (settings.rspamd) prepareRspamdDirs({ ...settings, rspamd: settings.rspamd });
  if (settings.webmail) {
    // nginx's and php-fpm's pid files and sockets (root's), Roundcube's temporary files and logs (www-data's).
    for (const dir of [dirs.nginx, dirs.phpFpm]) fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    const www = lookupSystemUser('www-data');
    for (const dir of [dirs.roundcubeTemp, path.join(settings.logDir, 'roundcube')]) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o750 });
      own(dir, www.uid, www.gid);
    }
    // Roundcube's plugins folder: mailpanel's plugin from the checkout, and the Debian plugins it requires.
    const plugins = roundcubePluginsLinkDir(settings.outDir);
    fs.mkdirSync(plugins, { recursive: true, mode: 0o755 });
    const links: [string, string][] = [
      ['mailpanel', path.join(settings.webmail.pluginsDir, 'mailpanel')],
      ...ROUNDCUBE_REQUIRED_PLUGINS.map((name): [string, string] => [name, path.join(DEBIAN_ROUNDCUBE_PLUGINS, name)]),
    ];
    for (const [name, target] of links) {
      fs.rmSync(path.join(plugins, name), { force: true, recursive: false });
      fs.symlinkSync(target, path.join(plugins, name));
    }
    linkPasswordPlugin(plugins, settings.webmail.pluginsDir);
  }
}

/**
 * Roundcube's password plugin finds its driver in its own drivers folder only: a folder of links to
 * Debian's plugin, whose drivers folder holds mailpanel's driver alone, and without Debian's config file
 * (its settings would override the rendered ones).
 */
function linkPasswordPlugin(plugins: string, pluginsDir: string): void {
  const debian = path.join(DEBIAN_ROUNDCUBE_PLUGINS, ROUNDCUBE_PASSWORD_PLUGIN);
  const dir = path.join(plugins, ROUNDCUBE_PASSWORD_PLUGIN);
  fs.rmSync(dir, { force: true, recursive: true });
  fs.mkdirSync(path.join(dir, 'drivers'), { recursive: true, mode: 0o755 });
  for (const entry of fs.readdirSync(debian)) {
    if (entry === 'drivers' || entry.startsWith('config.inc.php')) continue;
    fs.symlinkSync(path.join(debian, entry), path.join(dir, entry));
  }
  fs.symlinkSync(path.join(pluginsDir, 'mailpanel', 'password_driver.php'), path.join(dir, 'drivers', 'mailpanel.php'));
}

/**
 * The folders Dovecot (user dovecot), Postfix (user postfix) or the mail user cannot get through on the
 * way to the configuration, the state directory and the mail root: none may be blocked.
 */
export function blockedMailHostPaths(settings: MailServerSettings): Blocked[] {
  const traverser = (user: Parameters<typeof lookupUserGroups>[0]) => ({ name: user.name, uid: user.uid, gids: lookupUserGroups(user) });
  // rspamd's user too, when it is part of the host: it reads its configuration.
  const rspamdUser = settings.rspamd ? [traverser(lookupSystemUser(RSPAMD_USER))] : [];
  const users = [lookupSystemUser('dovecot'), lookupSystemUser('postfix'), settings.mailUser].map(traverser);
  const mail = blockedDirectories({
    dirs: [settings.outDir, settings.stateDir, settings.mailRoot],
    users: [...users, ...rspamdUser],
    // The mail root itself is the mail user's alone (0770); the other two are read by all three.
    self: [settings.outDir, settings.stateDir],
  });
  // The DKIM keys are rspamd's and the worker's (Debian's default, /var/lib/rspamd/dkim, is in rspamd's 0750 home:
  // a worker that is not root, --dkim-key-owner, needs a folder of its own reach, e.g. under --state-dir).
  const keyOwner = settings.rspamd?.dkimKeyOwner && settings.rspamd.dkimKeyOwner !== 'root' ? [traverser(lookupSystemUser(settings.rspamd.dkimKeyOwner))] : [];
  const keys = settings.rspamd ? blockedDirectories({ dirs: [settings.rspamd.dkimKeyDir], users: [...rspamdUser, ...keyOwner] }) : [];
  if (!settings.webmail) return [...mail, ...keys];
  // php-fpm runs Roundcube as www-data: it reads the configuration and the checkout's plugins.
  const webmail = blockedDirectories({
    dirs: [settings.outDir, settings.stateDir, settings.logDir, settings.webmail.pluginsDir],
    users: [traverser(lookupSystemUser('www-data'))],
    self: [settings.outDir, settings.stateDir, settings.logDir, settings.webmail.pluginsDir],
  });
  return [...mail, ...keys, ...webmail];
}

export const POLICY_ENV_FILE = 'policy.env';
export const WORKER_ENV_FILE = 'worker.env';

/** NAME='value' for a shell's `.` and systemd's EnvironmentFile= alike. */
function envLine(name: string, value: string): string {
  if (/['\n\r]/.test(value)) throw new Error(`${name} cannot be written to an environment file: it holds a quote or a line break.`);
  return `${name}='${value}'`;
}

/**
 * The environment of the policy service and the worker, each in a file of the output directory readable
 * by its owner only (they hold database passwords): the mail role's URL for the policy service; the
 * panel's own URL (when known), MAIL_DOVEADM, MAIL_HOME (and with rspamd DKIM_KEY_DIR, RSPAMD_PID_FILE) for the worker. Returns the two paths.
 */
export function writeServiceEnv(settings: MailServerSettings, { mailDatabaseUrl, panelDatabaseUrl }: { mailDatabaseUrl: string; panelDatabaseUrl: string | undefined }) {
  const quote = (file: string) => (/\s/.test(file) ? `"${file}"` : file);
  const files = {
    policy: path.join(settings.outDir, POLICY_ENV_FILE),
    worker: path.join(settings.outDir, WORKER_ENV_FILE),
  };
  const policy = ['# npm run policy: the mail servers\' role (npm run mail:role).', envLine('MAILPANEL_MAIL_DATABASE_URL', mailDatabaseUrl)];
  const worker = [
    '# npm run worker on the mail host: it connects as the panel (it changes job rows), not as the mail role.',
    panelDatabaseUrl
      ? envLine('DATABASE_URL', panelDatabaseUrl)
      : "# DATABASE_URL='postgres://…' the panel's own database URL, as in the panel's environment: add it here.",
    envLine('MAIL_DOVEADM', `doveadm -c ${quote(dovecotConfigFile(settings.outDir))}`),
    envLine('MAIL_HOME', mailHomeTemplate(settings.mailRoot)),
    ...Object.entries(settings.rspamd ? rspamdWorkerEnv({ ...settings, rspamd: settings.rspamd }) : {}).map(([name, value]) => envLine(name, value)),
  ];
  for (const [file, lines] of [[files.policy, policy], [files.worker, worker]] as const) {
    fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    fs.chmodSync(file, 0o600);
  }
  return files;
}
