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
  };
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
