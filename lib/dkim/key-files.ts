import fs from 'node:fs/promises';
import path from 'node:path';

// Writing the signer's files into DKIM_KEY_DIR (docs/mail-servers.md, "How the signer gets the keys"). No
// database and no panel imports: the tests run this as a non-root user, as the systemd worker unit runs it.
//
// The folder is the worker's, group rspamd's, mode 2750 (npm run mail:config --dkim-key-owner): a file the
// worker makes there takes the folder's group (setgid), and 0640 lets rspamd read it and nobody else, without
// the worker being in rspamd's group or root. A worker running as root gives each file the folder's group
// itself (a folder made before the setgid bit, or by hand).

export type KeyFile = { name: string; content: string };

const FILE_MODE = 0o640;

function notHandedOver(dir: string): string {
  return `${dir} does not hand its files to the signer: it must be this user's, group _rspamd, mode 2750 (setgid). Run npm run mail:config with --dkim-key-owner set to this user.`;
}

async function writeOne(dir: string, dirGid: number, file: KeyFile): Promise<void> {
  const target = path.join(dir, file.name);
  // Written beside and renamed over, so the signer never reads half a file.
  const temp = `${target}.${process.pid}.tmp`;
  await fs.writeFile(temp, file.content, { mode: FILE_MODE });
  // The umask (the unit's 0077) narrowed the mode given above.
  await fs.chmod(temp, FILE_MODE);
  const { uid, gid } = await fs.stat(temp);
  if (gid !== dirGid) {
    if (process.getuid?.() === 0) await fs.chown(temp, uid, dirGid);
    else {
      await fs.rm(temp, { force: true });
      throw new Error(notHandedOver(dir));
    }
  }
  await fs.rename(temp, target);
}

/**
 * Writes `files` into `dir` (each 0640, the folder's group) and removes the files `prune` claims that are not
 * among them. Answers the names written.
 */
export async function writeKeyFiles(dir: string, files: readonly KeyFile[], prune: (name: string) => boolean): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true, mode: 0o750 });
  const { gid, mode } = await fs.stat(dir);
  // Not root: only a setgid folder gives the files a group other than the worker's own (rspamd's).
  if (process.getuid?.() !== 0 && (mode & 0o2000) === 0) throw new Error(notHandedOver(dir));
  for (const file of files) await writeOne(dir, gid, file);
  const wanted = new Set(files.map((f) => f.name));
  for (const entry of await fs.readdir(dir)) {
    if (prune(entry) && !wanted.has(entry)) await fs.rm(path.join(dir, entry), { force: true });
  }
  return [...wanted];
}
