import fs from 'node:fs';
import path from 'node:path';

// PGlite has no cross-process locking: two processes on one data directory corrupt it.
// Whoever opens the embedded database first holds this lock file until it closes.
export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dir} is in use by process ${pid} (probably the running panel server). ` +
        'Stop that process first, or point DATABASE_URL at a PostgreSQL server.',
    );
    this.name = 'EmbeddedDatabaseBusyError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireEmbeddedLock(dir: string): () => void {
  const file = path.join(dir, 'embedded-db.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (holder === process.pid) throw new Error('The embedded database is already open in this process.');
      if (Number.isFinite(holder) && isAlive(holder)) throw new EmbeddedDatabaseBusyError(dir, holder);
      fs.rmSync(file, { force: true }); // Left behind by a process that died.
    }
  }
  throw new Error(`Could not lock the embedded database in ${dir}.`);
}
