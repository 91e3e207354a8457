import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { API_OPERATIONS } from '@/lib/api/registry';
import type { ApiOperation } from '@/lib/api/operation';
import { ACCOUNT_FILTER_PARAMS } from '@/lib/accounts/list-filters';
import { ROOT } from './endpoints';

// Every URL parameter the app reads, found in the source: each page's path parameters (its `[name]`
// folders) and search parameters (what it reads from `searchParams`; a list's parsePageQuery reads the
// five list parameters), and each REST operation's `params` and `query` keys. Ids look like
// `app/(panel)/domains/page.tsx?q`, `app/(panel)/domains/[id]/page.tsx/[id]` and `api:listDomains?q`,
// `api:getDomain/{id}`. hostile-input-coverage.test.ts fails when one has no hostile-input spec.

/** What lib/pagination's parsePageQuery (and parseAdminsQuery over it) reads. */
export const LIST_PARAMS = ['page', 'size', 'q', 'sort', 'dir'] as const;
const LIST_PARSERS = new Set(['parsePageQuery', 'parseAdminsQuery']);

function pageFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pageFiles(full));
    else if (entry.name === 'page.tsx') out.push(full);
  }
  return out;
}

function awaitsSearchParams(node: ts.Node): boolean {
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return ts.isAwaitExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === 'searchParams';
}

/** An identifier that names something (a declaration, a property, a JSX attribute) rather than reading a variable. */
function isNamePosition(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isVariableDeclaration(parent) && parent.name === node) ||
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    (ts.isJsxAttribute(parent) && parent.name === node) ||
    (ts.isBindingElement(parent) && parent.propertyName === node) ||
    (ts.isParameter(parent) && parent.name === node)
  );
}

/** The search parameters a page's source reads (sorted), or throws when it reads them in a way not understood. */
export function searchParamsRead(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const keys = new Set<string>();
  // Names bound to `await searchParams`.
  const holders = new Set<string>();
  const readHolder = (node: ts.Expression) => {
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) keys.add(parent.name.text);
    else if (ts.isElementAccessExpression(parent) && ts.isStringLiteral(parent.argumentExpression)) keys.add(parent.argumentExpression.text);
    else if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && LIST_PARSERS.has(parent.expression.text)) LIST_PARAMS.forEach((k) => keys.add(k));
    else if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'parseAccountFilters') {
      ACCOUNT_FILTER_PARAMS.forEach((k) => keys.add(k));
    }
    else if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'readSearchParam' && ts.isStringLiteral(parent.arguments[1]!)) {
      keys.add(parent.arguments[1].text);
    } else throw new Error(`${file}: searchParams read in a way the scan does not follow: ${parent.getText()}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer && awaitsSearchParams(node.initializer)) {
      if (ts.isIdentifier(node.name)) holders.add(node.name.text);
      else if (ts.isObjectBindingPattern(node.name)) {
        for (const element of node.name.elements) keys.add(((element.propertyName ?? element.name) as ts.Identifier).text);
      }
    } else if (ts.isAwaitExpression(node) && awaitsSearchParams(node) && !ts.isVariableDeclaration(node.parent)) {
      let outer: ts.Expression = node;
      while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
      readHolder(outer);
    } else if (ts.isIdentifier(node) && holders.has(node.text) && !isNamePosition(node)) {
      readHolder(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...keys].sort();
}

export type PageParams = { page: string; path: string[]; search: string[] };

/** Every page under app/ with the parameters it takes. */
export function pageParams(root = ROOT): PageParams[] {
  return pageFiles(path.join(root, 'app'))
    .map((full) => {
      const page = path.relative(root, full).split(path.sep).join('/');
      const pathParams = [...page.matchAll(/\[([^\].]+)\]/g)].map((m) => m[1]!);
      return { page, path: pathParams, search: searchParamsRead(full) };
    })
    .sort((a, b) => a.page.localeCompare(b.page));
}

/** The keys of an operation's params or query object schema. */
function keysOf(schema: ApiOperation['params']): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape).sort() : [];
}

/** Every URL parameter id of the app (pages and REST operations). */
export function urlParamIds(): string[] {
  const ids: string[] = [];
  for (const { page, path: names, search } of pageParams()) {
    for (const name of names) ids.push(`${page}/[${name}]`);
    for (const key of search) ids.push(`${page}?${key}`);
  }
  for (const operation of API_OPERATIONS) {
    for (const name of keysOf(operation.params)) ids.push(`api:${operation.id}/{${name}}`);
    for (const key of keysOf(operation.query)) ids.push(`api:${operation.id}?${key}`);
  }
  return ids.sort();
}
