import { z } from 'zod';
import './zod-messages';
import { keyWith } from '@/lib/i18n/keys';

export const emailSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, { error: 'validation.required' })
  .max(254, { error: keyWith('validation.tooLong', { max: 254 }) })
  .pipe(z.email({ error: 'validation.email' }))
  .transform((value) => value.toLowerCase());

/** A NUL character or half a surrogate pair: no form sends them, Postgres text and JSON cannot hold them. */
const UNSTORABLE = /[\u0000\p{Cs}]/u;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

export function textSchema(max: number) {
  return z
    .string({ error: 'validation.invalid' })
    .trim()
    .max(max, { error: keyWith('validation.tooLong', { max }) })
    .refine(isStorableText, { error: 'validation.invalid' });
}

/** The largest id (and version) a row can have: the columns are 32-bit integers. */
export const ROW_ID_MAX = 2_147_483_647;

/** An id that can name a row. Anything else (0, 1.5, 2^53, "1", NaN…) names none, and is not sent to the database. */
export function isRowId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= ROW_ID_MAX;
}
