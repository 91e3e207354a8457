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

type Translator = ((key: string, vars?: MessageVars) => string) & { has: (key: string) => boolean; raw: (key: string) => unknown };

const plainTexts = new WeakMap<Translator, Map<string, string>>();

// A message whose only syntax is `{name}` (no plural, number, select, quote or tag) with text values
// comes out the same from a plain replacement as from ICU, which costs ~8 µs a call through next-intl
// (two such messages a row made the account list's rows a tenth of its server time). Split once per
// translator and key: text, name, text, name, …; null for a message that needs ICU.
const SIMPLE = /^[^{}'<>#]*(\{\w+\}[^{}'<>#]*)*$/;
const templates = new WeakMap<Translator, Map<string, string[] | null>>();

/**
 * The parts of a message as ICU text (tests, scripts) or as the production build's precompiled form
 * (next.config.js `precompile`: icu-minify's `["Hello ", ["name"], "!"]`, where a plain `{name}` is a
 * one-element array and everything else a longer one).
 */
export function partsOf(raw: unknown): string[] | null {
  if (typeof raw === 'string') return SIMPLE.test(raw) ? raw.split(/\{(\w+)\}/) : null;
  if (!Array.isArray(raw)) return null;
  const parts = [''];
  for (const node of raw as unknown[]) {
    if (typeof node === 'string') parts[parts.length - 1] += node;
    else if (Array.isArray(node) && node.length === 1 && typeof node[0] === 'string') parts.push(node[0], '');
    else return null;
  }
  return parts;
}

function templateOf(t: Translator, name: string): string[] | null {
  let known = templates.get(t);
  if (!known) templates.set(t, (known = new Map()));
  let parts = known.get(name);
  if (parts === undefined) {
    parts = partsOf(t.raw(name));
    known.set(name, parts);
  }
  return parts;
}

function fill(parts: string[], params: MessageVars): string | null {
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = params[parts[i]!];
    if (typeof value !== 'string') return null; // a number or a date is formatted for the locale: ICU's job
    text += value + parts[i + 1]!;
  }
  return text;
}

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
  const parts = params ? templateOf(t, name) : null;
  return (parts && fill(parts, params!)) ?? t(name, params);
}
