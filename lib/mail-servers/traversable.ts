import fs from 'node:fs';
import path from 'node:path';

export type Traverser = { name: string; uid: number; gids: number[] };

export type Blocked = { dir: string; mode: string; owner: string; users: string[] };

/** Whether `user` may enter a directory with this stat (the owner's, the group's or the others' x bit). */
function mayEnter(stat: fs.Stats, user: Traverser): boolean {
  if (user.uid === 0) return true;
  if (stat.uid === user.uid) return (stat.mode & 0o100) !== 0;
  if (user.gids.includes(stat.gid)) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}

/**
 * The existing directories on the way to each of `dirs` (their parents up to /, and `dirs` themselves
 * when `self` is set) that one of `users` cannot enter. Dovecot, Postfix and the mail user run parts of
 * themselves as those users, so each must get through: a 0700 temporary folder above the configuration
 * stops them, with errors far from the cause.
 */
export function blockedDirectories({ dirs, users, self = [] }: { dirs: string[]; users: Traverser[]; self?: string[] }): Blocked[] {
  const seen = new Map<string, Blocked | null>();
  const check = (dir: string) => {
    if (seen.has(dir)) return;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(dir);
    } catch {
      return seen.set(dir, null);
    }
    const refused = users.filter((user) => !mayEnter(stat, user)).map((user) => user.name);
    seen.set(dir, refused.length === 0 ? null : { dir, mode: (stat.mode & 0o7777).toString(8).padStart(4, '0'), owner: `${stat.uid}:${stat.gid}`, users: refused });
  };
  for (const target of dirs.map((dir) => path.resolve(dir))) {
    const parents: string[] = [];
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
      parents.unshift(dir);
      if (dir === path.dirname(dir)) break;
    }
    for (const dir of [...parents, ...(self.includes(target) ? [target] : [])]) check(dir);
  }
  return [...seen.values()].filter((entry): entry is Blocked => entry !== null);
}

/** The message for blockedDirectories' answer: each folder, who cannot enter it, and what to do. */
export function describeBlocked(blocked: Blocked[]): string {
  return [
    'The mail servers could not reach their files: these folders cannot be entered by the users Dovecot, Postfix and the mail user run as:',
    ...blocked.map((b) => `  ${b.dir} (mode ${b.mode}, owner ${b.owner}): not by ${b.users.join(', ')}`),
    'Every folder above --out, --state-dir and --mail-root must let them through: allow it (e.g. chmod o+x FOLDER)',
    'or choose folders elsewhere (a temporary folder made by mktemp -d is 0700).',
  ].join('\n');
}
