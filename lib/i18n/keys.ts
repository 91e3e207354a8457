import type { Messages } from './messages/types';

// No catalogue at run time here: validation schemas run in the browser too, and import this file.

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type MessageVars = Record<string, string | number | Date>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** A message key with variables, as stored in a zod issue message. */
export function keyWith(key: MessageKey, vars: MessageVars): string {
  return `${key}|${JSON.stringify(vars)}`;
}

// "section.key", never a bare word: zod's own messages and plain text pass through untranslated.
const KEY = /^[A-Za-z]\w*(\.\w+)+$/;

type Translator = ((key: string, vars?: MessageVars) => string) & { has: (key: string) => boolean };

const plainTexts = new WeakMap<Translator, Map<string, string>>();

/**
 * Translates a key, a `key|{"var":1}` carried by a validation message, or returns text that is not a
 * known key as it is. Shared by the server's and the browser's translators.
 */
export function translateWith(t: Translator, key: string, vars?: MessageVars): string {
  // A message without values reads the same every time: remembered per translator (most of a page's
  // texts; the translators live as long as the process, lib/i18n/shared-translator.ts). Only keys: the
  // text that passes through is not kept.
  if (vars === undefined && KEY.test(key)) {
    let known = plainTexts.get(t);
    if (!known) plainTexts.set(t, (known = new Map()));
    let text = known.get(key);
    if (text === undefined) known.set(key, (text = t.has(key) ? t(key) : key));
    return text;
  }
  let params = vars;
  let name = key;
  const bar = key.indexOf('|');
  if (bar > 0) {
    name = key.slice(0, bar);
    try {
      params = { ...(JSON.parse(key.slice(bar + 1)) as MessageVars), ...vars };
    } catch {
      // Not a key with variables after all.
    }
  }
  if (!KEY.test(name) || !t.has(name)) return key;
  return t(name, params);
}
