import { z } from 'zod';
import { isStorableText } from './common';

// The one building block of every query-string and path parameter schema (the pages' lists and filters,
// the REST API's `params` and `query`): a string without a NUL character or half a surrogate pair. Postgres
// refuses both in text (22021) and no browser sends them, so such a parameter is refused where it is
// read (the API answers 422 naming it, a page shows its list with a message), never sent to the database.

export const PARAM_CHARACTERS_ERROR = 'validation.badCharacters';

/** A URL parameter's text: refused when it holds a NUL or a lone surrogate. Chain `.trim()`, `.max()`, … */
export function paramText(error: string = 'validation.invalid') {
  return z.string({ error }).refine(isStorableText, { error: PARAM_CHARACTERS_ERROR, abort: true });
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * One parameter of a page's URL (the first, when repeated) through `schema` (built on paramText). Absent:
 * `fallback`; present but refused: `fallback` with `refused` set, for the page to say so.
 */
export function readSearchParam<T, F>(params: SearchParams, key: string, schema: z.ZodType<T>, fallback: F): { value: T | F; refused: boolean } {
  const raw = params[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return { value: fallback, refused: false };
  const parsed = schema.safeParse(value);
  return parsed.success ? { value: parsed.data, refused: false } : { value: fallback, refused: true };
}
