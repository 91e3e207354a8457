import { z } from 'zod';
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARS, passwordBytes } from '@/lib/auth/password-rules';
import { keyWith } from '@/lib/i18n/translate';

export const newPasswordSchema = z
  .string({ error: 'validation.required' })
  .min(1, { error: 'validation.required' })
  .min(PASSWORD_MIN_CHARS, { error: keyWith('validation.passwordTooShort', { min: PASSWORD_MIN_CHARS }) })
  .refine((value) => passwordBytes(value) <= PASSWORD_MAX_BYTES, {
    error: keyWith('validation.passwordTooLong', { max: PASSWORD_MAX_BYTES }),
  });
