import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { firstLoadJs } from '../../bench/first-load-js';
import { catalogues } from '../../lib/i18n/catalogues';
import { repoRoot } from './helpers/server';
import { signInAs, superadmin } from './helpers/session';

// Issue 16: a page ships one language, the request's, and it comes with the page (the root layout's
// provider), not in the JavaScript. Runs after 01 (the superadmin exists) on the production build.

type Texts = Record<string, string>;

function flatten(node: object, prefix = '', into: Texts = {}): Texts {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string') into[`${prefix}${key}`] = value;
    else flatten(value as object, `${prefix}${key}.`, into);
  }
  return into;
}

const en = flatten(catalogues.en);
const it = flatten(catalogues.it);

// The longest plain-ASCII run of each text that differs between the languages: what a bundle would carry.
function fragments(texts: Texts, other: Texts): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, text] of Object.entries(texts)) {
    if (text === other[key]) continue;
    const longest = text
      .split(/[{}'<>#\n"\\]|[^\x20-\x7e]/)
      .map((part) => part.trim())
      .sort((a, b) => b.length - a.length)[0];
    if (longest && longest.length >= 18) found.set(key, longest);
  }
  return found;
}

const fragmentsOf = { en: fragments(en, it), it: fragments(it, en) };

// app/global-error.tsx renders without the root layout, so it carries its own few texts in both languages
// (some other keys share their words).
const globalError = { en: Object.values(catalogues.en.errorPage), it: Object.values(catalogues.it.errorPage) };

test('no route’s JavaScript carries either catalogue (only the global error page’s own texts)', () => {
  const routes = firstLoadJs(path.join(repoRoot, '.next'));
  expect(routes.length).toBeGreaterThan(20);
  for (const route of routes) {
    const js = route.files.map((file) => readFileSync(path.join(repoRoot, '.next', file), 'utf8')).join('\n');
    for (const language of ['en', 'it'] as const) {
      const shipped = [...fragmentsOf[language]].filter(([, fragment]) => js.includes(fragment));
      const ownTexts = ([, fragment]: [string, string]) => globalError[language].some((text) => text.includes(fragment));
      expect(shipped.filter((entry) => !ownTexts(entry)).map(([key]) => key), `${language} texts in the JS of ${route.route}`).toEqual([]);
      // The check does see texts in the chunks: the global error page's are there, in both languages.
      expect(shipped.filter(ownTexts).length, `${language} global-error texts in ${route.route}`).toBeGreaterThan(0);
    }
  }
});

const signInIntro = { en: 'Sign in with your email address and password.', it: 'Accedi con il tuo indirizzo email e la password.' };
const conflict = { en: 'Someone else saved this in the meantime.', it: 'Qualcun altro ha salvato nel frattempo.' };

test('a signed-out page carries the browser’s language only', async ({ request }) => {
  for (const [language, other] of [['it', 'en'], ['en', 'it']] as const) {
    const html = await (await request.get('/login', { headers: { 'accept-language': language } })).text();
    expect(html).toContain(`<html lang="${language}"`);
    // On the page, and in the messages handed to the browser (a text this page does not show).
    expect(html).toContain(signInIntro[language]);
    expect(html).toContain(conflict[language]);
    expect(html).not.toContain(signInIntro[other]);
    expect(html).not.toContain(conflict[other]);
  }
});

test('a signed-in page carries the caller’s language only, whatever the browser asks', async ({ page }) => {
  await signInAs(page, superadmin.email, superadmin.password);
  const html = await (await page.context().request.get('/domains', { headers: { 'accept-language': 'it' } })).text();
  expect(html).toContain('<html lang="en"');
  expect(html).toContain(conflict.en);
  expect(html).not.toContain(conflict.it);
  expect(html).not.toContain(signInIntro.it);
});
