import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blockedDirectories, describeBlocked } from './traversable';

const someone = { name: 'vmail', uid: 54_321, gids: [54_321] };
const root = { name: 'root', uid: 0, gids: [0] };
let made: string[] = [];
afterEach(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  made = [];
});

describe('blockedDirectories', () => {
  it('names a 0700 parent of the configuration that the servers\' users cannot enter, until it lets them through', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-trav-'));
    made.push(tmp);
    fs.chmodSync(tmp, 0o700);
    const out = path.join(tmp, 'etc', 'mailpanel-mail');
    const blocked = blockedDirectories({ dirs: [out, path.join(tmp, 'vmail')], users: [someone, root] });
    expect(blocked).toEqual([{ dir: tmp, mode: '0700', owner: expect.any(String), users: ['vmail'] }]);
    expect(describeBlocked(blocked)).toContain(`${tmp} (mode 0700`);
    expect(describeBlocked(blocked)).toContain('not by vmail');

    fs.chmodSync(tmp, 0o711);
    expect(blockedDirectories({ dirs: [out], users: [someone] })).toEqual([]);
  });

  it('goes by the group when the user is in the folder\'s group, and checks a folder itself only when asked', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-trav-'));
    made.push(tmp);
    fs.chmodSync(tmp, 0o755);
    const inner = path.join(tmp, 'state');
    fs.mkdirSync(inner, { mode: 0o750 });
    fs.chmodSync(inner, 0o750);
    const gid = fs.statSync(inner).gid;
    expect(blockedDirectories({ dirs: [inner], users: [someone] })).toEqual([]);
    expect(blockedDirectories({ dirs: [inner], users: [someone], self: [inner] }).map((b) => b.dir)).toEqual([inner]);
    expect(blockedDirectories({ dirs: [inner], users: [{ ...someone, gids: [gid] }], self: [inner] })).toEqual([]);
  });
});
