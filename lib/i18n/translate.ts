import type { Language } from '@/lib/mail/services';
import { en, type Messages } from './messages/en';
import { it } from './messages/it';

const catalogues: Record<Language, Messages> = { en, it };

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

function lookup(messages: Messages, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

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
  const text = lookup(catalogues[language], name) ?? lookup(en, name);
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
