import { z } from 'zod';
import './zod-messages';
import { keyWith } from '@/lib/i18n/keys';
import { isStorableText } from './common';
import { API_TOKEN_EXPIRY, API_TOKEN_NAME_MAX, type ApiTokenExpiry } from './api-token-constants';
export * from './api-token-constants';

// The "new API token" form, shared by the form (zodResolver) and the server. Messages are i18n keys.

export const API_TOKEN_ACCESS = ['read', 'read_write'] as const;
export type ApiTokenAccess = (typeof API_TOKEN_ACCESS)[number];


export const createApiTokenSchema = z.object(
  {
    name: z
      .string({ error: 'validation.required' })
      .trim()
      .min(1, { error: 'validation.required' })
      .max(API_TOKEN_NAME_MAX, { error: keyWith('validation.tooLong', { max: API_TOKEN_NAME_MAX }) })
      .refine(isStorableText, { error: 'validation.invalid' }),
    access: z.enum(API_TOKEN_ACCESS, { error: 'validation.invalid' }),
    expiresInDays: z.enum(API_TOKEN_EXPIRY, { error: 'validation.invalid' }),
  },
  { error: 'validation.invalid' },
);
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

/** The expiry instant of a token created at `now`, or null for "none". */
export function apiTokenExpiresAt(expiry: ApiTokenExpiry, now: Date): Date | null {
  return expiry === 'none' ? null : new Date(now.getTime() + Number(expiry) * 24 * 60 * 60 * 1000);
}
