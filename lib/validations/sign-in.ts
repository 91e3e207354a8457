import { z } from 'zod';
import './zod-messages';
import { isStorableText } from './common';

// Deliberately loose: sign-in must not tell apart "no such address" from "wrong password". An identifier
// with a NUL or half a surrogate pair names nobody (and could not be counted in the throttle's table).
export const signInSchema = z.object({
  identifier: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(320)
    .refine(isStorableText)
    .transform((v) => v.toLowerCase()),
  password: z.string().min(1, { error: 'validation.required' }).max(1024),
});

export type SignInInput = z.input<typeof signInSchema>;

/** Six digits; the spaces authenticator apps show in the middle are allowed. */
export const otpCodeSchema = z
  .string({ error: 'validation.required' })
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().min(1, { error: 'validation.required' }).regex(/^[0-9]{6}$/, { error: 'security.otp.codeFormat' }));

/** The sign-in's second step: the token the password step returned, and the code. */
export const otpStepSchema = z.object({
  pendingToken: z.string().min(1).max(2048),
  code: otpCodeSchema,
});
