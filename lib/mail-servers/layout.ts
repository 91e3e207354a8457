import path from 'node:path';

// Where each rendered file and runtime directory lives, shared by the renderer and whatever starts or
// drives the servers (dovecot -c, doveadm -c, postfix -c).

export function dovecotConfDir(outDir: string): string {
  return path.join(outDir, 'dovecot');
}

export function dovecotConfigFile(outDir: string): string {
  return path.join(dovecotConfDir(outDir), 'dovecot.conf');
}

export function postfixConfDir(outDir: string): string {
  return path.join(outDir, 'postfix');
}

export function runtimeDirs(stateDir: string) {
  return {
    dovecotRun: path.join(stateDir, 'dovecot', 'run'),
    dovecotState: path.join(stateDir, 'dovecot', 'state'),
    postfixQueue: path.join(stateDir, 'postfix', 'queue'),
    postfixData: path.join(stateDir, 'postfix', 'data'),
    nginx: path.join(stateDir, 'nginx'),
    phpFpm: path.join(stateDir, 'php-fpm'),
    /** Roundcube's temporary files (www-data's). */
    roundcubeTemp: path.join(stateDir, 'roundcube', 'temp'),
  };
}

export function roundcubeConfDir(outDir: string): string {
  return path.join(outDir, 'roundcube');
}

export function nginxConfigFile(outDir: string): string {
  return path.join(outDir, 'nginx', 'nginx.conf');
}

export function phpFpmConfigFile(outDir: string): string {
  return path.join(outDir, 'php-fpm', 'php-fpm.conf');
}

export function phpFpmSocket(stateDir: string): string {
  return path.join(runtimeDirs(stateDir).phpFpm, 'roundcube.sock');
}

/**
 * Roundcube's plugins folder (RCUBE_PLUGINS_DIR): links to mailpanel's plugin in the checkout and to the
 * Debian plugins Roundcube cannot run without.
 */
export function roundcubePluginsLinkDir(outDir: string): string {
  return path.join(roundcubeConfDir(outDir), 'plugins');
}

/** Debian's plugins that Roundcube always loads (rcube_plugin_api's required_plugins). */
export const ROUNDCUBE_REQUIRED_PLUGINS = ['filesystem_attachments', 'jqueryui'] as const;
export const DEBIAN_ROUNDCUBE_PLUGINS = '/var/lib/roundcube/plugins';
/** Debian's password plugin, rebuilt from links beside it with mailpanel's driver in its drivers folder (and without its own config file). */
export const ROUNDCUBE_PASSWORD_PLUGIN = 'password';

/** The project's Roundcube plugins (mailpanel's own), loaded by php-fpm from the checkout. */
export function roundcubePluginsDir(checkout: string): string {
  return path.join(checkout, 'mail', 'roundcube', 'plugins');
}

/**
 * The worker's MAIL_HOME (lib/jobs/mail-home.ts) for this layout: the same home as mail.userdb gives
 * Dovecot (the mail root, then domain/local part).
 */
export function mailHomeTemplate(mailRoot: string): string {
  return path.join(mailRoot, '%d', '%n');
}

export function rspamdConfDir(outDir: string): string {
  return path.join(outDir, 'rspamd');
}

export function rspamdConfigFile(outDir: string): string {
  return path.join(rspamdConfDir(outDir), 'rspamd.conf');
}

/** rspamd's own directories (its DBDIR: caches, pid file, control socket; its log), owned by its user. */
export function rspamdDirs({ stateDir, logDir }: { stateDir: string; logDir: string }) {
  return { db: path.join(stateDir, 'rspamd'), log: path.join(logDir, 'rspamd') };
}
