import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Every public endpoint of the app, read from the source: each export of a file whose first statement
// is 'use server' (server actions), and each exported HTTP method of an app/**/route.ts (route handlers).
// Ids look like `app/(panel)/domains/actions.ts#addDomainAction` and `app/api/v1/domains/route.ts#GET`.

export type Endpoint = { id: string; file: string; name: string; kind: 'action' | 'route' };

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
const SOURCE = /\.(ts|tsx|js|jsx|mts|mjs)$/;

export const ROOT = path.resolve(__dirname, '../../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (SOURCE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function isUseServer(statement: ts.Statement | undefined): boolean {
  return !!statement && ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression) && statement.expression.text === 'use server';
}

/** The directive prologue: the string-literal statements a file starts with. */
function hasFileDirective(source: ts.SourceFile): boolean {
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === 'use server') return true;
  }
  return false;
}

function modifiers(node: ts.Node): readonly ts.Modifier[] {
  return (ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined) ?? [];
}

function hasExportModifier(node: ts.Node): boolean {
  return modifiers(node).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The names a module exports (values and types alike; 'use server' files may only export async functions). */
export function exportedNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly) continue;
      if (!statement.exportClause) throw new Error(`${source.fileName}: "export *" hides which endpoints exist; name them`);
      if (ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) if (!element.isTypeOnly) names.push(element.name.text);
      } else {
        names.push(statement.exportClause.name.text);
      }
    } else if (ts.isExportAssignment(statement)) {
      names.push('default');
    } else if (hasExportModifier(statement)) {
      const isDefault = modifiers(statement).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
        names.push(isDefault ? 'default' : (statement.name?.text ?? 'default'));
      } else if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
          else throw new Error(`${source.fileName}: destructured exports are not collected; export them by name`);
        }
      }
      // Exported types and interfaces are not endpoints.
    }
  }
  return names;
}

/** Every server action and route handler under app/. */
export function collectEndpoints(root = ROOT): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const full of sourceFiles(path.join(root, 'app'))) {
    const file = path.relative(root, full).split(path.sep).join('/');
    const source = parse(full);
    if (hasFileDirective(source)) {
      for (const name of exportedNames(source)) endpoints.push({ id: `${file}#${name}`, file, name, kind: 'action' });
    }
    if (/(^|\/)route\.(ts|tsx|js|mts|mjs)$/.test(file)) {
      for (const name of exportedNames(source)) {
        if (HTTP_METHODS.has(name)) endpoints.push({ id: `${file}#${name}`, file, name, kind: 'route' });
      }
    }
  }
  return endpoints.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Server actions declared inside a function ('use server' as the first statement of a function body)
 * are endpoints too, but have no export to name; the matrix refuses them so that none slips in unseen.
 */
export function inlineServerActions(root = ROOT): string[] {
  const found: string[] = [];
  for (const full of [...sourceFiles(path.join(root, 'app')), ...sourceFiles(path.join(root, 'components')), ...sourceFiles(path.join(root, 'lib'))]) {
    const source = parse(full);
    const visit = (node: ts.Node): void => {
      if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) && node.body && ts.isBlock(node.body)) {
        if (isUseServer(node.body.statements[0])) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          found.push(`${path.relative(root, full)}:${line + 1}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
