import fs from 'node:fs';
import { rspamdConfDir, rspamdConfigFile, rspamdDirs } from './layout';
import type { RenderedFile } from './render-config';
import { RSPAMD_USER, type MailServerSettings, type RspamdSettings } from './settings';
import { lookupSystemGroup, lookupSystemUser } from './system-user';
import type { TemplateValues } from './template';

// rspamd as Postfix's milter (issue 18): DKIM signing with the keys the worker renders, SPF/DKIM/DMARC
// verdicts and a spam score on incoming mail. Its own instance, like Dovecot's and Postfix's: Debian's
// defaults from /etc/rspamd, mailpanel's local.d from the rendered folder, its state and log of its own.

type Render = (name: string, extra?: TemplateValues) => string;

/** The command that starts this rspamd (as root: it drops to _rspamd itself). `foreground` for a service manager. */
export function rspamdCommand(settings: Pick<MailServerSettings, 'outDir' | 'stateDir' | 'logDir'>, { foreground = false } = {}): string[] {
  return [
    'rspamd',
    ...(foreground ? ['-f'] : []),
    '-c',
    rspamdConfigFile(settings.outDir),
    '-u',
    RSPAMD_USER,
    '-g',
    RSPAMD_USER,
    `--var=LOCAL_CONFDIR=${rspamdConfDir(settings.outDir)}`,
    `--var=DBDIR=${rspamdDirs(settings).db}`,
  ];
}

/** "a:53, b" → '"a:53", "b"': UCL strings for the nameserver list (validated where it is parsed). */
function uclList(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

/** rspamd/* under the output directory, and the lines main.cf ends with (the milter). */
export function renderRspamdFiles(settings: MailServerSettings & { rspamd: RspamdSettings }, render: Render): { files: RenderedFile[]; postfixMain: string } {
  const dirs = rspamdDirs(settings);
  const values: TemplateValues = {
    milterPort: settings.rspamd.milterPort,
    dkimKeyDir: settings.rspamd.dkimKeyDir,
    rspamdDns: uclList(settings.rspamd.dnsServers),
    rspamdDbDir: dirs.db,
    rspamdLogDir: dirs.log,
    rspamdStart: rspamdCommand(settings).join(' '),
  };
  const file = (name: string, template: string): RenderedFile => ({
    path: `rspamd/${name}`,
    content: render(template, values),
    secret: false,
    group: 'root',
  });
  return {
    files: [
      file('rspamd.conf', 'rspamd.conf.tmpl'),
      file('local.d/worker-proxy.inc', 'rspamd-worker-proxy.inc.tmpl'),
      file('local.d/options.inc', 'rspamd-options.inc.tmpl'),
      file('local.d/dkim_signing.conf', 'rspamd-dkim_signing.conf.tmpl'),
      file('local.d/milter_headers.conf', 'rspamd-milter_headers.conf.tmpl'),
      file('local.d/dmarc.conf', 'rspamd-dmarc.conf.tmpl'),
    ],
    postfixMain: render('postfix-main-rspamd.cf.tmpl', values),
  };
}

/** A resolver address as rspamd takes it: an IP address, optionally with :port (IPv6 in brackets then). */
export function parseDnsServers(text: string): string[] {
  const servers = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const server of servers) {
    if (!/^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[[0-9a-fA-F:]+\](:\d{1,5})?|[0-9a-fA-F:]+)$/.test(server)) {
      throw new Error(`"${server}" is not a resolver address (an IP address, optionally with :port).`);
    }
  }
  return servers;
}

/** The DKIM key folder's mode: its owner (the worker) writes, rspamd's group reads, new files take that group. */
export const DKIM_KEY_DIR_MODE = 0o2750;

/**
 * rspamd's state and log folders (its user's), and the DKIM key folder: the worker's (--dkim-key-owner, root by
 * default), group rspamd's, setgid (DKIM_KEY_DIR_MODE), so a worker that is neither root nor in rspamd's group
 * still hands its key files to rspamd (lib/dkim/key-files.ts writes them 0640).
 */
export function prepareRspamdDirs(settings: MailServerSettings & { rspamd: RspamdSettings }): void {
  const asRoot = process.getuid?.() === 0;
  const dirs = rspamdDirs(settings);
  for (const dir of [dirs.db, dirs.log]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o750 });
    if (asRoot) {
      const user = lookupSystemUser(RSPAMD_USER);
      fs.chownSync(dir, user.uid, user.gid);
    }
  }
  fs.mkdirSync(settings.rspamd.dkimKeyDir, { recursive: true, mode: 0o750 });
  if (asRoot) {
    const owner = lookupSystemUser(settings.rspamd.dkimKeyOwner ?? 'root');
    fs.chownSync(settings.rspamd.dkimKeyDir, owner.uid, lookupSystemGroup(RSPAMD_USER));
    // After chown: changing the owner clears the setgid bit.
    fs.chmodSync(settings.rspamd.dkimKeyDir, DKIM_KEY_DIR_MODE);
  }
}

/** The worker's environment for the keys (worker.env): where to write them (the files take the folder's group). */
export function rspamdWorkerEnv(settings: Pick<MailServerSettings, 'stateDir' | 'logDir'> & { rspamd: RspamdSettings }): Record<string, string> {
  // The pid file: the worker reloads rspamd when a domain's second (ed25519) signature changes (lib/dkim/reload-signer.ts).
  return { DKIM_KEY_DIR: settings.rspamd.dkimKeyDir, RSPAMD_PID_FILE: `${rspamdDirs(settings).db}/rspamd.pid` };
}
