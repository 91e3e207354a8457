import fs from 'node:fs';

export type SystemUser = { name: string; uid: number; group: string; gid: number };

function entries(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(':'));
}

/** A local user and its primary group, as /etc/passwd and /etc/group name them. */
export function lookupSystemUser(name: string): SystemUser {
  const user = entries('/etc/passwd').find((fields) => fields[0] === name);
  if (!user) throw new Error(`There is no system user "${name}" (create it, e.g. useradd --system --home-dir /var/vmail --shell /usr/sbin/nologin vmail).`);
  const uid = Number(user[2]);
  const gid = Number(user[3]);
  const group = entries('/etc/group').find((fields) => Number(fields[2]) === gid)?.[0];
  if (!group) throw new Error(`The primary group (${gid}) of "${name}" has no name in /etc/group.`);
  return { name, uid, group, gid };
}

/** The numeric id of a local group. */
export function lookupSystemGroup(name: string): number {
  const group = entries('/etc/group').find((fields) => fields[0] === name);
  if (!group) throw new Error(`There is no system group "${name}".`);
  return Number(group[2]);
}

/** Every group a local user is in: its primary group and those /etc/group lists it as a member of. */
export function lookupUserGroups(user: SystemUser): number[] {
  const extra = entries('/etc/group')
    .filter((fields) => (fields[3] ?? '').split(',').includes(user.name))
    .map((fields) => Number(fields[2]));
  return [...new Set([user.gid, ...extra])];
}
