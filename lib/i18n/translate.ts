import type { Language } from '@/lib/mail/services';
import { en, type Messages } from './messages/en';
import { it } from './messages/it';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

// Each catalogue flattened once to "a.b.c" → text: pages translate hundreds of keys per request.
function flatten(node: unknown, prefix: string, into: Map<string, string>): Map<string, string> {
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (typeof value === 'string') into.set(`${prefix}${key}`, value);
    else if (value !== null && typeof value === 'object') flatten(value, `${prefix}${key}.`, into);
  }
  return into;
}

const flat: Record<Language, Map<string, string>> = { en: flatten(en, '', new Map()), it: flatten(it, '', new Map()) };

/**
 * Validation schemas carry message keys (optionally `key|{"var":1}` with variables) so that one
 * schema serves both languages. Anything that is not a known key is returned as it is.
 */
export function translate(language: Language, key: string, vars?: MessageVars): string {
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
  const text = flat[language].get(name) ?? flat.en.get(name);
  if (text === undefined) return key;
  return params ? text.replace(/\{(\w+)\}/g, (match, v: string) => (v in params ? String(params[v]) : match)) : text;
}

export function translator(language: Language): Translate {
  return (key, vars) => translate(language, key, vars);
}

/** A message key with variables, as stored in a zod issue message. */
export function keyWith(key: MessageKey, vars: MessageVars): string {
  return `${key}|${JSON.stringify(vars)}`;
}
