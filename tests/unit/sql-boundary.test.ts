import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// SQL lives in db/ (db/queries/<entity>.ts): no statement is written in app/, components/ or lib/. The
// three that stay there are not queries of the panel's data: the job worker's LISTEN on its own
// connection, and the restore's two checks (the target PostgreSQL database is empty; the embedded
// database it just unpacked opens), each on a connection of its own before any panel code runs.

const root = fileURLToPath(new URL('../..', import.meta.url));
const ALLOWED = new Map([
  ['lib/jobs/start.ts', 1],
  ['lib/ops/backup.ts', 2],
]);
// A pg/PGlite call with a statement, or drizzle's sql`…` template.
const STATEMENT = /\.query(?:<[^>]*>)?\(|\bsql`|\bsql\.raw\(/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

export function statementsOutsideDb(files: { file: string; text: string }[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const { file, text } of files) {
    const count = text.match(STATEMENT)?.length ?? 0;
    if (count > 0) found.set(file, count);
  }
  return found;
}

describe('SQL boundary', () => {
  it('finds statements only in db/ (and the named exceptions)', () => {
    const files = ['app', 'components', 'lib'].flatMap(sourceFiles).map((file) => ({ file, text: fs.readFileSync(path.join(root, file), 'utf8') }));
    expect(files.length).toBeGreaterThan(300);
    expect(Object.fromEntries(statementsOutsideDb(files))).toEqual(Object.fromEntries(ALLOWED));
  });

  it('sees a pg query, a typed one and a drizzle template', () => {
    const found = statementsOutsideDb([
      { file: 'a.ts', text: "await client.query('select 1')" },
      { file: 'b.ts', text: 'await client.query<{ n: number }>(text)' },
      { file: 'c.ts', text: 'where(sql`a = 1`)' },
      { file: 'd.ts', text: 'const q = queryClient; sqlite`x`' },
    ]);
    expect(Object.fromEntries(found)).toEqual({ 'a.ts': 1, 'b.ts': 1, 'c.ts': 1 });
  });
});
