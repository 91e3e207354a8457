import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Executor } from '@/db';
import { keysToRender } from '@/db/queries/dkim-keys';
import { decryptAtRest } from '@/lib/auth/at-rest';
import { lookupSystemUser } from '@/lib/mail-servers/system-user';
import { dkimKeyOwner } from './generate-key';

// The signer's key files (docs/mail-servers.md, "DKIM signing"): the worker writes each active or retiring
// key as DKIM_KEY_DIR/<domain>.<selector>.key (mode 0600, owned by DKIM_KEY_USER when the worker runs as
// root), the active selector per domain in DKIM_KEY_DIR/dkim_selectors.map, and removes the files of keys
// that are gone. rspamd's dkim_signing reads exactly these (path and selector_map). An alias domain (issue 17)
// gets the same files under its own name: its mail is signed with its domain's keys. The plaintext key exists
// only here and in that directory: the database holds it encrypted, and the mail role never reads it.

export const SELECTOR_MAP = 'dkim_selectors.map';

export type DkimFiles = { dir: string; user?: string };

export function dkimFilesFromEnv(env: Record<string, string | undefined> = process.env): DkimFiles | null {
  const dir = env.DKIM_KEY_DIR?.trim();
  if (!dir) return null;
  const user = env.DKIM_KEY_USER?.trim();
  return { dir: path.resolve(dir), ...(user ? { user } : {}) };
}

async function writePrivate(file: string, data: string, owner: { uid: number; gid: number } | null) {
  // Written beside and renamed over, so the signer never reads half a file.
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, data, { mode: 0o600 });
  await fs.chmod(temp, 0o600);
  if (owner) await fs.chown(temp, owner.uid, owner.gid);
  await fs.rename(temp, file);
}

/** Renders every key; answers how many key files the directory holds now. */
export async function renderDkimKeys({ ex, files }: { ex: Executor; files: DkimFiles }): Promise<number> {
  const owner = files.user && process.getuid?.() === 0 ? lookupSystemUser(files.user) : null;
  await fs.mkdir(files.dir, { recursive: true, mode: 0o750 });
  const keys = await keysToRender({ ex });
  const wanted = new Set<string>();
  const selectors: string[] = [];
  for (const key of keys) {
    const pem = decryptAtRest(key.privateKeyEnc, 'dkim-key-encryption v1', dkimKeyOwner(key.owner, key.selector));
    // A key this server secret cannot read (another AUTH_SECRET) is left out rather than written wrong.
    if (pem === null) continue;
    const name = `${key.domain}.${key.selector}.key`;
    wanted.add(name);
    await writePrivate(path.join(files.dir, name), pem, owner);
    if (key.state === 'active') selectors.push(`${key.domain} ${key.selector}\n`);
  }
  await writePrivate(path.join(files.dir, SELECTOR_MAP), selectors.join(''), owner);
  for (const entry of await fs.readdir(files.dir)) {
    if (entry.endsWith('.key') && !wanted.has(entry)) await fs.rm(path.join(files.dir, entry), { force: true });
  }
  return wanted.size;
}
