import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Executor } from '@/db';
import { keysToRender } from '@/db/queries/dkim-keys';
import { decryptAtRest } from '@/lib/auth/at-rest';
import { dkimKeyOwner, signerKeyFile } from './generate-key';
import { writeKeyFiles, type KeyFile } from './key-files';

// The signer's key files (docs/mail-servers.md, "DKIM signing"): the worker writes each active or retiring
// key as DKIM_KEY_DIR/<domain>.<selector>.key (mode 0640, group rspamd's: ./key-files.ts), the active selector per domain in DKIM_KEY_DIR/dkim_selectors.map, and removes the files of keys
// that are gone. rspamd's dkim_signing reads exactly these (path and selector_map). An alias domain (issue 17)
// gets the same files under its own name: its mail is signed with its domain's keys. The plaintext key exists
// only here and in that directory: the database holds it encrypted, and the mail role never reads it.

export const SELECTOR_MAP = 'dkim_selectors.map';
/**
 * The domains that sign twice (an active ed25519 key): rspamd's `domain { "d" { selectors [ … ] } }`, included by
 * the rendered dkim_signing.conf. The selector map holds one selector per domain, so a second signature needs
 * this; unlike the map, rspamd reads it only when it (re)loads its configuration (./reload-signer.ts).
 */
export const DOMAINS_INCLUDE = 'dkim_domains.conf';

type RenderedKey = { domain: string; selector: string; algorithm: 'rsa' | 'ed25519'; file: string };

/** UCL for the domains with an ed25519 key: every active key of each, RSA first. */
export function domainsInclude(active: readonly RenderedKey[]): string {
  const byDomain = new Map<string, RenderedKey[]>();
  for (const key of active) byDomain.set(key.domain, [...(byDomain.get(key.domain) ?? []), key]);
  const lines = ['# Rendered by the panel\'s worker (dkim-sync): the domains signed with both an RSA and an ed25519 key.', 'domain {'];
  for (const [domain, keys] of byDomain) {
    if (!keys.some((k) => k.algorithm === 'ed25519')) continue;
    const ordered = [...keys].sort((a, b) => (a.algorithm === b.algorithm ? 0 : a.algorithm === 'rsa' ? -1 : 1));
    lines.push(`  "${domain}" {`, '    selectors [');
    for (const key of ordered) lines.push(`      { selector = "${key.selector}"; path = "${key.file}"; },`);
    lines.push('    ];', '  }');
  }
  lines.push('}', '');
  return lines.join('\n');
}

export type DkimFiles = { dir: string };

export function dkimFilesFromEnv(env: Record<string, string | undefined> = process.env): DkimFiles | null {
  const dir = env.DKIM_KEY_DIR?.trim();
  return dir ? { dir: path.resolve(dir) } : null;
}

/** Renders every key; answers how many key files the directory holds now, and the domains include (changed or not). */
export async function renderDkimKeys({ ex, files }: { ex: Executor; files: DkimFiles }): Promise<{ keys: number; include: string; includeChanged: boolean }> {
  const keys = await keysToRender({ ex });
  const written: KeyFile[] = [];
  const selectors: string[] = [];
  const active: RenderedKey[] = [];
  for (const key of keys) {
    const pem = decryptAtRest(key.privateKeyEnc, 'dkim-key-encryption v1', dkimKeyOwner(key.owner, key.selector));
    // A key this server secret cannot read (another AUTH_SECRET) is left out rather than written wrong.
    if (pem === null) continue;
    const name = `${key.domain}.${key.selector}.key`;
    written.push({ name, content: signerKeyFile(key.algorithm, pem) });
    if (key.state !== 'active') continue;
    active.push({ domain: key.domain, selector: key.selector, algorithm: key.algorithm, file: path.join(files.dir, name) });
    // The map: the RSA key (a domain signing twice is in the include, which rspamd reads first).
    if (key.algorithm === 'rsa') selectors.push(`${key.domain} ${key.selector}\n`);
  }
  const include = domainsInclude(active);
  const before = await fs.readFile(path.join(files.dir, DOMAINS_INCLUDE), 'utf8').catch(() => null);
  await writeKeyFiles(files.dir, [...written, { name: SELECTOR_MAP, content: selectors.join('') }, { name: DOMAINS_INCLUDE, content: include }], (name) => name.endsWith('.key'));
  // The first render of a host with no domain signing twice changes nothing rspamd would read.
  return { keys: written.length, include, includeChanged: before === null ? include !== domainsInclude([]) : before !== include };
}
