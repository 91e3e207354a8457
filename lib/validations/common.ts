import { z } from 'zod';
import { keyWith } from '@/lib/i18n/translate';

export const emailSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, { error: 'validation.required' })
  .max(254, { error: keyWith('validation.tooLong', { max: 254 }) })
  .pipe(z.email({ error: 'validation.email' }))
  .transform((value) => value.toLowerCase());

export function textSchema(max: number) {
  return z
    .string({ error: 'validation.invalid' })
    .trim()
    .max(max, { error: keyWith('validation.tooLong', { max }) });
}
