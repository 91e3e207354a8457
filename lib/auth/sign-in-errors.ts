// Shared by the server (next-auth's authorize) and the sign-in form: no Node-only imports here.
// next-auth v4 hands a thrown error's message to the client as `error`; these are those messages.

export type SignInError =
  | { code: 'invalid' }
  | { code: 'throttled'; minutes: number }
  | { code: 'otp'; pendingToken: string }
  | { code: 'badCode' }
  | { code: 'restart' }
  | { code: 'unavailable' }
  // The right password of an account whose Webmail (which panel sign-in needs) is off.
  | { code: 'webmailOff' };

export function encodeSignInError(error: SignInError): string {
  switch (error.code) {
    case 'throttled':
      return `throttled:${error.minutes}`;
    case 'otp':
      return `otp:${error.pendingToken}`;
    default:
      return error.code;
  }
}

/** Anything unknown (next-auth's own "CredentialsSignin", a network error) reads as "invalid". */
export function parseSignInError(value: string | null | undefined): SignInError {
  if (!value) return { code: 'invalid' };
  if (value.startsWith('otp:') && value.length > 4) return { code: 'otp', pendingToken: value.slice(4) };
  const throttled = /^throttled:(\d{1,4})$/.exec(value);
  if (throttled) return { code: 'throttled', minutes: Number(throttled[1]) };
  if (value === 'badCode' || value === 'restart' || value === 'unavailable' || value === 'webmailOff') return { code: value };
  return { code: 'invalid' };
}
