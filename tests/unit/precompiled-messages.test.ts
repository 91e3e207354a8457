import compile from 'icu-minify/compile';
import format from 'icu-minify/format';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { catalogues } from '@/lib/i18n/catalogues';
import { formats } from '@/lib/i18n/formats';
import type { Language } from '@/lib/mail/services';
import { partsOf, translateWith, type MessageVars } from '@/lib/i18n/keys';

// The production build compiles the catalogues and formats them with icu-minify (next.config.js,
// `precompile`); tests, scripts and the CLI read the same JSON as ICU text through intl-messageformat. Every
// message must come out the same both ways, for numbers around each plural category and group boundary.

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`)));
}

/** The message's arguments: those used as numbers (number, plural) and the rest, as text. */
function argumentsOf(message: string): { numbers: Set<string>; texts: Set<string> } {
  const numbers = new Set<string>();
  const texts = new Set<string>();
  for (const [, name, type] of message.matchAll(/\{\s*(\w+)\s*(?:,\s*(\w+))?/g)) {
    if (type === 'number' || type === 'plural' || type === 'selectordinal') numbers.add(name!);
    else texts.add(name!);
  }
  for (const name of numbers) texts.delete(name);
  return { numbers, texts };
}

const formatters = {
  getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
  getNumberFormat: (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args),
  getPluralRules: (...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args),
};

describe.each(['en', 'it'] satisfies Language[])('the %s catalogue, compiled', (language) => {
  const messages = leaves(catalogues[language] as unknown as Tree);
  const icu = createTranslator({ locale: language, messages: catalogues[language] as never, formats, onError: (error) => { throw error; } });

  it('has messages with arguments to compare', () => {
    expect(messages.length).toBeGreaterThan(500);
    expect(messages.filter(([, message]) => argumentsOf(message).numbers.size > 0).length).toBeGreaterThan(20);
  });

  it('formats every message as the ICU text does', () => {
    for (const [key, message] of messages) {
      const compiled = compile(message);
      const { numbers, texts } = argumentsOf(message);
      for (const n of numbers.size > 0 ? [0, 1, 2, 5, 999, 1000, 5000, 1234567] : [0]) {
        const values: Record<string, string | number> = {};
        for (const name of numbers) values[name] = n;
        for (const name of texts) values[name] = `‹${name}›`;
        const expected = icu(key as never, values as never);
        expect(format(compiled, language, values, { formats, formatters, timeZone: 'UTC' }), `${key} with ${n}`).toBe(expected);
      }
    }
  });
});

// lib/i18n/keys.ts fills a message whose only syntax is `{name}` itself (ICU costs ~8 µs a call): from the
// precompiled form too, or the production build would format every such message through icu-minify.
describe.each(['en', 'it'] satisfies Language[])('the %s catalogue, compiled, through translateWith', (language) => {
  const messages = leaves(catalogues[language] as unknown as Tree);
  const compiled = new Map(messages.map(([key, message]) => [key, compile(message)]));
  const viaIcu = (key: string, values?: Record<string, string | number>) => format(compiled.get(key)!, language, values, { formats, formatters, timeZone: 'UTC' }) as string;
  let icuCalls = 0;
  const t = Object.assign(
    (key: string, values?: MessageVars) => {
      icuCalls++;
      return viaIcu(key, values as Record<string, string | number>);
    },
    { has: (key: string) => compiled.has(key), raw: (key: string) => compiled.get(key) },
  );

  it('fills `{name}` messages without ICU and as ICU would', () => {
    const simple = messages.filter(([key]) => partsOf(compiled.get(key)) !== null && Array.isArray(compiled.get(key)));
    expect(simple.length).toBeGreaterThan(100);
    icuCalls = 0;
    for (const [key] of simple) {
      const values = Object.fromEntries(partsOf(compiled.get(key))!.filter((_, i) => i % 2 === 1).map((name) => [name, `‹${name}›`]));
      expect(translateWith(t, key, values), key).toBe(viaIcu(key, values));
    }
    expect(icuCalls).toBe(0);
  });

  it('leaves every other message with arguments to ICU, with the same result', () => {
    for (const [key, message] of messages) {
      const { numbers, texts } = argumentsOf(message);
      if (numbers.size === 0 && texts.size === 0) continue;
      const values: Record<string, string | number> = {};
      for (const name of numbers) values[name] = 1234;
      for (const name of texts) values[name] = `‹${name}›`;
      expect(translateWith(t, key, values), key).toBe(viaIcu(key, values));
    }
  });
});
