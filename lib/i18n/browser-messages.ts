import 'server-only';
import type { Language } from '@/lib/mail/services';
import { catalogues } from './catalogues';

/**
 * The messages the layouts, the error page and the not-found page show in the browser: every page gets
 * these. A "scope" is a catalogue section or one entry of it ('security.otp'). A page whose client
 * components need more names them with withPageMessages (components/page-messages.tsx);
 * tests/unit/browser-messages.test.ts fails when a layout or a page names a message outside its scopes.
 */
export const LAYOUT_SCOPES = ['app', 'common', 'errorPage', 'errors', 'shell', 'validation', 'api.docs', 'jobs.nav', 'security.gate', 'security.otp'] as const;

type Tree = { [key: string]: string | Tree };

function pick(catalogue: Tree, scopes: readonly string[]): Tree {
  const picked: Tree = {};
  const whole = new Set(scopes.filter((scope) => !scope.includes('.')));
  for (const scope of scopes) {
    const [section, entry] = scope.split('.') as [string, string | undefined];
    const node = catalogue[section];
    if (node === undefined) throw new Error(`No messages section "${section}"`);
    if (whole.has(section) || entry === undefined || typeof node === 'string') {
      picked[section] = node;
      continue;
    }
    const value = node[entry];
    if (value === undefined) throw new Error(`No messages "${scope}"`);
    picked[section] = { ...((picked[section] as Tree | undefined) ?? {}), [entry]: value };
  }
  return picked;
}

const made = new Map<string, string>();

/**
 * One language's messages for the browser's provider (components/i18n-provider.tsx), as JSON: only the
 * scopes asked for. The whole catalogue on every page was ~50 KB of each page and about a third of the
 * server's time per request (bench/RESULTS.md). Made once per language and scopes.
 */
export function browserMessages(language: Language, scopes: readonly string[] = LAYOUT_SCOPES): string {
  const key = `${language}|${scopes.join(',')}`;
  let json = made.get(key);
  if (json === undefined) made.set(key, (json = JSON.stringify(pick(catalogues[language] as unknown as Tree, scopes))));
  return json;
}
