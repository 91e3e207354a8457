import { checkPassword, recordSignIn } from '@/lib/auth/verify-credentials';

/**
 * What a successful password sign-in does without its throttling and second factor (lib/auth/sign-in.ts):
 * the password check, and the sign-in recorded. The principal and session version, or null.
 */
export async function verifyCredentials(identifier: string, password: string, ip: string | null = null): Promise<{ principal: string; sessionVersion: number } | null> {
  const checked = await checkPassword(identifier, password, ip);
  if (!checked || checked === 'webmailOff') return null;
  await recordSignIn(checked.ref);
  return { principal: checked.principal, sessionVersion: checked.sessionVersion };
}
