import 'server-only';
import { cookies } from 'next/headers';
import { getDb } from '@/db';
import { findDeviceBinding } from '@/db/queries/credentials';
import { servedOverHttps } from '@/lib/security/csp';
import { parsePrincipal } from './caller';
import { addDeviceToken, DEVICE_COOKIE_MAX_AGE, deviceCookieFromHeader, deviceCookieName, issueDeviceToken, passwordFingerprint, readDeviceCookie } from './device-cookie';

// The device cookie's server side (see lib/auth/device-cookie.ts): whether a sign-in comes from a
// trusted device of the account, and the new cookie after a sign-in.

/**
 * The id of the device, when the cookie holds a token for this account (the normalized identifier)
 * whose principal still has that identifier and the password it had then; otherwise null.
 */
export async function trustedDevice({ cookie, account, now = new Date() }: { cookie: string | null | undefined; account: string; now?: Date }): Promise<string | null> {
  for (const token of readDeviceCookie(cookie, now.getTime())) {
    if (token.account !== account) continue;
    const ref = parsePrincipal(token.principal);
    const row = ref ? await findDeviceBinding({ ex: getDb(), account: ref }) : undefined;
    if (row && row.identifier === account && passwordFingerprint(row.passwordHash) === token.password) return token.device;
  }
  return null;
}

/** The device cookie's value after `principal` signed in with `account`, or null when the account is gone. */
export async function deviceCookieAfterSignIn({
  cookie,
  principal,
  now = new Date(),
}: {
  cookie: string | null | undefined;
  principal: string;
  now?: Date;
}): Promise<string | null> {
  const ref = parsePrincipal(principal);
  const row = ref ? await findDeviceBinding({ ex: getDb(), account: ref }) : undefined;
  if (!row) return null;
  const token = issueDeviceToken({ principal, account: row.identifier, passwordHash: row.passwordHash }, now.getTime());
  return addDeviceToken(cookie, token, principal, now.getTime());
}

/** The device cookie a sign-in request carries (next-auth hands authorize() the headers as an object). */
export function deviceCookieOf(headers: Record<string, unknown> | undefined): string | null {
  return deviceCookieFromHeader(headers?.cookie, servedOverHttps());
}

/** After a sign-in (inside next-auth's route handler, where cookies may be set): remember the device. */
export async function rememberDevice(principal: string, cookie: string | null): Promise<void> {
  try {
    const value = await deviceCookieAfterSignIn({ cookie, principal });
    if (!value) return;
    const secure = servedOverHttps();
    (await cookies()).set(deviceCookieName(secure), value, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: DEVICE_COOKIE_MAX_AGE });
  } catch {
    // The sign-in stands: the device is only not remembered this time.
  }
}
