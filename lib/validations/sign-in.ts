import { z } from 'zod';

// Deliberately loose: sign-in must not tell apart "no such address" from "wrong password".
export const signInSchema = z.object({
  identifier: z.string().trim().min(1, { error: 'validation.required' }).max(320).transform((v) => v.toLowerCase()),
  password: z.string().min(1, { error: 'validation.required' }).max(1024),
});

export type SignInInput = z.input<typeof signInSchema>;
