import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Which messages a page may show: every message key its modules name, as a "scope" (a catalogue
// section, or a section's first-level entry: 'api.tokens'), over the page's whole import graph (server
// and client modules alike: a server module can hand a key to a client component, and a server action
// hands back refusal keys). A key built at run time (`wizard.steps.${section}`) counts by the part
// written out; one whose section is all that is written (`accountsList.${x}`) takes the whole section.

const SOURCE = /\.(ts|tsx)$/;

export type Catalogue = Record<string, unknown>;

/** The module specifiers a file loads at run time: type-only imports and exports are left out. */
export function runtimeImports(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A module specifier as a project file ('@/…' or relative), or null for packages and Node built-ins. */
export function importResolver(root: string) {
  return (from: string, specifier: string): string | null => {
    let base: string;
    if (specifier.startsWith('@/')) base = specifier.slice(2);
    else if (specifier.startsWith('.')) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
    else return null;
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
      if (SOURCE.test(candidate) && fs.existsSync(path.join(root, candidate))) return candidate;
    }
    return null;
  };
}

export function scopeScanner(root: string, catalogue: Catalogue) {
  const sections = Object.keys(catalogue);
  const KEY = new RegExp(`['"\`](${sections.join('|')})\\.(\\w+|\\$\\{)`, 'g');
  const modules = new Map<string, { imports: string[]; scopes: Set<string> }>();

  const resolve = importResolver(root);

  const scopeOf = (section: string, entry: string): string => {
    const node = (catalogue[section] as Record<string, unknown>)[entry];
    return entry === '${' || node === undefined ? section : `${section}.${entry}`;
  };

  const read = (file: string) => {
    let known = modules.get(file);
    if (!known) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      known = {
        imports: runtimeImports(source).flatMap((specifier) => resolve(file, specifier) ?? []),
        scopes: new Set([...text.matchAll(KEY)].map((match) => scopeOf(match[1]!, match[2]!))),
      };
      modules.set(file, known);
    }
    return known;
  };

  /** The scopes named anywhere in the import graph of `entry` (a path relative to the project root). */
  return function scopesOf(entry: string): Set<string> {
    const found = new Set<string>();
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const mod = read(file);
      mod.scopes.forEach((scope) => found.add(scope));
      mod.imports.forEach(walk);
    };
    walk(entry);
    return found;
  };
}

/** Whether `scope` is covered by one of `given` (a section covers its entries). */
export function covered(scope: string, given: readonly string[]): boolean {
  return given.some((g) => g === scope || scope.startsWith(`${g}.`));
}
