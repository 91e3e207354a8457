'use client';

import { TextField, type TextFieldProps } from '@/components/ui/text-field';

/** The code from the authenticator app: sign-in's second step, and turning two-step sign-in on or off. */
export function OtpCodeField(props: TextFieldProps) {
  return <TextField inputMode="numeric" autoComplete="one-time-code" maxLength={9} inputClassName="font-mono tracking-widest" {...props} />;
}

/**
 * The address an account signs in with, first on its page: `username`, so that a password manager fills
 * the forgot-password page with the same address as sign-in.
 */
export function SignInAddressField(props: TextFieldProps) {
  return <TextField type="email" autoComplete="username" autoFocus {...props} />;
}
