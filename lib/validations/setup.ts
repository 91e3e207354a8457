import { z } from 'zod';
import './zod-messages';
import { emailSchema, textSchema } from './common';
import { newPasswordSchema } from './password';

export const setupSchema = z
  .object({
    token: z.string().min(1).max(200),
    name: textSchema(200).min(1, { error: 'validation.required' }),
    email: emailSchema,
    password: newPasswordSchema,
    confirmPassword: z.string({ error: 'validation.required' }),
  })
  .refine((data) => data.password === data.confirmPassword, {
    path: ['confirmPassword'],
    error: 'validation.passwordsDiffer',
  });

export type SetupInput = z.input<typeof setupSchema>;
