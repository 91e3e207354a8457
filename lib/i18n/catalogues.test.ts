import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import type { Language } from '@/lib/mail/services';
import { catalogues } from './catalogues';
import { formats } from './formats';
import { errorPageEn, errorPageIt } from './messages/error-page';

type Texts = Record<string, string>;

function flatten(node: object, prefix = '', into: Texts = {}): Texts {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string') into[`${prefix}${key}`] = value;
    else flatten(value as object, `${prefix}${key}.`, into);
  }
  return into;
}

// What a message takes from the code: its arguments with their kind (`{count, plural, …}` is
// "count:plural") and its rich-text tags, inside plural and select branches too. The branches themselves
// may differ: Italian and English do not have the same plural categories.
type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }>; children?: Element[] };
const KINDS = ['literal', 'argument', 'number', 'date', 'time', 'select', 'plural', 'pound', 'tag'];

function placeholders(elements: Element[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    const kind = KINDS[element.type];
    if (kind !== 'literal' && kind !== 'pound') into.add(`${element.value}:${kind}`);
    for (const option of Object.values(element.options ?? {})) placeholders(option.value, into);
    placeholders(element.children ?? [], into);
  }
  return into;
}

const languages = Object.keys(catalogues) as Language[];
const flat = Object.fromEntries(languages.map((language) => [language, flatten(catalogues[language])])) as Record<Language, Texts>;

describe('the catalogues (lib/i18n/messages/*.json)', () => {
  it('have the same keys in every language', () => {
    for (const language of languages) expect(Object.keys(flat[language]).sort(), language).toEqual(Object.keys(flat.en).sort());
  });

  it('hold only valid ICU messages', () => {
    for (const language of languages) {
      for (const [key, text] of Object.entries(flat[language])) {
        expect(() => new IntlMessageFormat(text, language, formats), `${language} ${key}`).not.toThrow();
      }
    }
  });

  it('take the same arguments and tags in every language', () => {
    const ast = (text: string, language: Language) => [...placeholders(new IntlMessageFormat(text, language, formats).getAst() as Element[])].sort();
    expect(ast('{n, plural, one {# file of {owner}} other {# files}} <b>{when, date}</b>', 'en')).toEqual(['n:plural', 'owner:argument', 'when:date', 'b:tag'].sort());
    for (const language of languages) {
      const differ = Object.keys(flat.en).filter((key) => ast(flat[language][key]!, language).join() !== ast(flat.en[key]!, 'en').join());
      expect(differ, language).toEqual([]);
    }
  });

  it('agree with the global error page’s own copy of its texts', () => {
    expect(errorPageEn).toEqual(catalogues.en.errorPage);
    expect(errorPageIt).toEqual(catalogues.it.errorPage);
  });
});
