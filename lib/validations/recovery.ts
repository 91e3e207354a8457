import { z } from 'zod';
import './zod-messages';
import { newPasswordForAddress } from './password';

// Password recovery's two forms, shared by the pages (zodResolver) and the server.

export const forgotPasswordSchema = z.object(
  {
    address: z
      .string({ error: 'validation.required' })
      .trim()
      .min(1, { error: 'validation.required' })
      .max(254, { error: 'validation.email' })
      .toLowerCase()
      .pipe(z.email({ error: 'validation.email' })),
  },
  { error: 'validation.invalid' },
);
export type ForgotPasswordInput = z.input<typeof forgotPasswordSchema>;

/** The reset form: the new password under the same rules as the change-password page. */
export function resetPasswordSchema(address: string) {
  return z
    .object(
      {
        newPassword: newPasswordForAddress(address),
        confirmPassword: z.string({ error: 'validation.required' }),
      },
      { error: 'validation.invalid' },
    )
    .superRefine((data, ctx) => {
      if (data.confirmPassword !== data.newPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'validation.passwordsDiffer' });
    });
}
export type ResetPasswordInput = z.input<ReturnType<typeof resetPasswordSchema>>;
