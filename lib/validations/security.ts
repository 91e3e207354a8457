import { z } from 'zod';
import './zod-messages';
import { otpCodeSchema } from './sign-in';
import { newPasswordForAddress } from './password';

/** The change-password page. `address`: the account's own (a mailbox's address, an admin's email). */
export function changePasswordSchema(address: string) {
  return z
    .object(
      {
        currentPassword: z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(1024),
        newPassword: newPasswordForAddress(address),
        confirmPassword: z.string({ error: 'validation.required' }),
      },
      { error: 'validation.invalid' },
    )
    .superRefine((data, ctx) => {
      if (data.confirmPassword !== data.newPassword) {
        ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'validation.passwordsDiffer' });
      }
      if (data.newPassword === data.currentPassword) {
        ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'security.password.sameAsCurrent' });
      }
    });
}

export type ChangePasswordInput = z.input<ReturnType<typeof changePasswordSchema>>;

/** Enrolment, and turning OTP off: one code from the app. */
export const otpCodeFormSchema = z.object({ code: otpCodeSchema }, { error: 'validation.invalid' });
export type OtpCodeFormInput = z.input<typeof otpCodeFormSchema>;

/**
 * A password change from the webmail (Roundcube's password plugin, through the panel's API): the account
 * proves itself with its address and current password; the new one goes through changePasswordSchema.
 */
export const webmailPasswordSchema = z.object(
  {
    // No control characters: the address is a database key (PostgreSQL refuses NUL in text).
    address: z
      .string({ error: 'validation.required' })
      .min(1, { error: 'validation.required' })
      .max(320)
      .regex(/^[^\u0000-\u001f\u007f]*$/, { error: 'validation.invalid' }),
    currentPassword: z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(1024),
    newPassword: z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(1024),
  },
  { error: 'validation.invalid' },
);
export type WebmailPasswordInput = z.input<typeof webmailPasswordSchema>;
