import { z } from 'zod';
import './zod-messages';

import { APP_PASSWORD_NAME_MAX, APP_PASSWORD_PROTOCOLS } from './app-password-constants';
export * from './app-password-constants';

/** Creating an app password: what it is for (a name the owner recognises) and its one protocol. */
export const appPasswordSchema = z.object(
  {
    name: z
      .string({ error: 'appPasswords.errors.nameRequired' })
      .trim()
      .min(1, { error: 'appPasswords.errors.nameRequired' })
      .max(APP_PASSWORD_NAME_MAX, { error: 'appPasswords.errors.nameTooLong' })
      // Control characters would only confuse the list (and the audit log); half a surrogate pair cannot be stored.
      .refine((name) => !/[\p{Cc}\p{Cf}\p{Cs}]/u.test(name), { error: 'validation.invalid' }),
    protocol: z.enum(APP_PASSWORD_PROTOCOLS, { error: 'appPasswords.errors.protocol' }),
  },
  { error: 'validation.invalid' },
);
export type AppPasswordInput = z.input<typeof appPasswordSchema>;
export type AppPasswordValues = z.output<typeof appPasswordSchema>;
