import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { importResolver, runtimeImports } from './support/message-scopes';

// Every module that reaches the database imports 'server-only', so a client component that imports
// one (even through other modules) fails the build instead of shipping database code to the browser.
// "Reaches the database": a module of db/queries, or one that imports '@/db' or '@/db/queries/…'
// other than for types. Client-safe modules never do, so that is the whole rule.

const root = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(rel);
    return SOURCE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

type Module = { file: string; serverOnly: boolean; directive: string | null; imports: string[] };

function readModule(file: string): Module {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const first = source.statements[0];
  const directive = first !== undefined && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) ? first.expression.text : null;
  const imports = runtimeImports(source);
  return { file, serverOnly: imports.includes('server-only'), directive, imports };
}

const resolveImport = importResolver(root);

function reachesDatabase(mod: Module): boolean {
  if (mod.file.startsWith('db/queries/')) return true;
  return mod.imports.some((specifier) => {
    const target = resolveImport(mod.file, specifier);
    return target === 'db/index.ts' || (target?.startsWith('db/queries/') ?? false);
  });
}

const modules = new Map(['lib', 'db', 'components', 'app'].flatMap(sourceFiles).map((file) => [file, readModule(file)]));

describe("'server-only'", () => {
  it('is imported by every module of lib/ and db/queries/ that reaches the database', () => {
    const reaching = [...modules.values()].filter((m) => (m.file.startsWith('lib/') || m.file.startsWith('db/queries/')) && reachesDatabase(m));
    expect(reaching.length).toBeGreaterThan(40);
    expect(reaching.filter((m) => !m.serverOnly).map((m) => m.file)).toEqual([]);
  });

  it('is reached by no client component', () => {
    const offenders: string[] = [];
    for (const start of [...modules.values()].filter((m) => m.directive === 'use client')) {
      const seen = new Set<string>();
      const queue: { file: string; via: string[] }[] = [{ file: start.file, via: [] }];
      while (queue.length > 0) {
        const { file, via } = queue.shift()!;
        if (seen.has(file)) continue;
        seen.add(file);
        const found = modules.get(file) ?? (fs.existsSync(path.join(root, file)) ? readModule(file) : undefined);
        // A server-action module reaches the browser as references to the actions, not as code.
        if (!found || found.directive === 'use server') continue;
        if (found.serverOnly || reachesDatabase(found)) {
          offenders.push([...via, file].join(' → '));
          continue;
        }
        for (const specifier of found.imports) {
          const target = resolveImport(file, specifier);
          if (target) queue.push({ file: target, via: [...via, file] });
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('tells type-only imports from run-time ones', () => {
    const source = ts.createSourceFile(
      'x.ts',
      [
        "import type { A } from '@/db';",
        "import { type B, type C } from '@/db/queries/a';",
        "import { getDb, type D } from '@/db';",
        "export type { E } from '@/db/queries/b';",
        "export { f } from '@/db/queries/c';",
        "const g = () => import('@/db/queries/d');",
      ].join('\n'),
      ts.ScriptTarget.Latest,
    );
    expect(runtimeImports(source)).toEqual(['@/db', '@/db/queries/c', '@/db/queries/d']);
  });
});
