import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Writes a benchmark's figures to bench/.out/<kind>-<time>.json, beside the others, with the machine they
 * were measured on unless `figures` names it; the file's path.
 */
export function writeResultFile(kind: string, figures: Record<string, unknown>, root = process.cwd()): string {
  const out = path.join(root, 'bench', '.out');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`, ...figures }, null, 2)}\n`);
  return file;
}
