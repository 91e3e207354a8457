import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAYOUT_SCOPES } from '@/lib/i18n/browser-messages';
import en from '@/lib/i18n/messages/en.json';
import { covered, scopeScanner } from './support/message-scopes';

// The browser gets the messages of the layouts (LAYOUT_SCOPES) and those a page names in
// withPageMessages(Page, [scopes…]), not the whole catalogue (lib/i18n/browser-messages.ts). A key a page's
// modules name outside both would show as the bare key: this test fails first, saying which scopes to add.

const root = fileURLToPath(new URL('../..', import.meta.url));
const scopesOf = scopeScanner(root, en);

function files(dir: string, name: RegExp): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'api' ? [] : files(rel, name);
    return name.test(entry.name) ? [rel] : [];
  });
}

function declared(page: string): string[] {
  const match = /withPageMessages\(\w+, \[([^\]]*)\]\)/.exec(fs.readFileSync(path.join(root, page), 'utf8'));
  return match ? [...match[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!) : [];
}

const layouts = files('app', /^(layout|error|not-found)\.tsx$/);
const pages = files('app', /^page\.tsx$/);

describe('messages sent to the browser', () => {
  it('finds the layouts and the pages', () => {
    expect(layouts).toContain('app/(panel)/layout.tsx');
    expect(pages.length).toBeGreaterThan(25);
  });

  it.each(layouts)('%s names no message outside the layouts’ scopes', (file) => {
    expect([...scopesOf(file)].filter((scope) => !covered(scope, LAYOUT_SCOPES))).toEqual([]);
  });

  it.each(pages)('%s declares every scope its modules name', (page) => {
    const given = [...LAYOUT_SCOPES, ...declared(page)];
    expect([...scopesOf(page)].filter((scope) => !covered(scope, given)).sort()).toEqual([]);
  });

  it('declared scopes exist in the catalogue', () => {
    for (const scope of [...LAYOUT_SCOPES, ...pages.flatMap(declared)]) {
      const [section, entry] = scope.split('.') as [keyof typeof en, string | undefined];
      expect(en[section], scope).toBeDefined();
      if (entry) expect((en[section] as Record<string, unknown>)[entry], scope).toBeDefined();
    }
  });

  it('the scanner sees keys written out, built from a prefix, and in imported modules', () => {
    // app/(panel)/domains/[id]/accounts/page.tsx shows the rows through components/accounts, which
    // builds `accountsList.${…}` keys: the whole section.
    expect(scopesOf('app/(panel)/domains/[id]/accounts/page.tsx')).toContain('accountsList');
    expect(scopesOf('components/shell/app-shell.tsx')).toContain('shell.signOut');
  });
});
