import fs from 'node:fs';
import path from 'node:path';
import { runtimeDirs } from './layout';
import type { RenderedFile } from './render-config';
import type { MailServerSettings } from './settings';
import { lookupSystemGroup, lookupSystemUser } from './system-user';

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
}
