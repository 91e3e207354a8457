import 'server-only';
import path from 'node:path';
import type { Executor } from '@/db';
import { keysToRender } from '@/db/queries/dkim-keys';
import { decryptAtRest } from '@/lib/auth/at-rest';
import { dkimKeyOwner } from './generate-key';
import { writeKeyFiles, type KeyFile } from './key-files';

// The signer's key files (docs/mail-servers.md, "DKIM signing"): the worker writes each active or retiring
// key as DKIM_KEY_DIR/<domain>.<selector>.key (mode 0640, group rspamd's: ./key-files.ts), the active selector per domain in DKIM_KEY_DIR/dkim_selectors.map, and removes the files of keys
// that are gone. rspamd's dkim_signing reads exactly these (path and selector_map). An alias domain (issue 17)
// gets the same files under its own name: its mail is signed with its domain's keys. The plaintext key exists
// only here and in that directory: the database holds it encrypted, and the mail role never reads it.

export const SELECTOR_MAP = 'dkim_selectors.map';

export type DkimFiles = { dir: string };

export function dkimFilesFromEnv(env: Record<string, string | undefined> = process.env): DkimFiles | null {
  const dir = env.DKIM_KEY_DIR?.trim();
  return dir ? { dir: path.resolve(dir) } : null;
}

/** Renders every key; answers how many key files the directory holds now. */
export async function renderDkimKeys({ ex, files }: { ex: Executor; files: DkimFiles }): Promise<number> {
  const keys = await keysToRender({ ex });
  const written: KeyFile[] = [];
  const selectors: string[] = [];
  for (const key of keys) {
    const pem = decryptAtRest(key.privateKeyEnc, 'dkim-key-encryption v1', dkimKeyOwner(key.owner, key.selector));
    // A key this server secret cannot read (another AUTH_SECRET) is left out rather than written wrong.
    if (pem === null) continue;
    written.push({ name: `${key.domain}.${key.selector}.key`, content: pem });
    if (key.state === 'active') selectors.push(`${key.domain} ${key.selector}\n`);
  }
  await writeKeyFiles(files.dir, [...written, { name: SELECTOR_MAP, content: selectors.join('') }], (name) => name.endsWith('.key'));
  return written.length;
}
