import { createHmac, randomBytes } from 'node:crypto';
import { openSealedPayload, sealPayload } from './sealed-payload';
import { deriveKey } from './server-key';

// The device cookie (OWASP's "device cookies"): a browser that signed in to an account once carries a
// signed token that says so, and the sign-in throttle does not hold it to the account's ceiling
// (lib/auth/throttle.ts). A token names the account (the principal and the identifier typed) and a
// fingerprint of the account's password hash, so it is worth nothing for another account and ends
// when the password changes. One cookie holds the tokens of the last few accounts signed in from
// the browser. Pure: the database side is lib/auth/trusted-device.ts.

/** How long a device stays trusted after its last sign-in. */
export const DEVICE_COOKIE_MAX_AGE = 180 * 24 * 60 * 60;
/** Accounts remembered per browser (a shared workstation), the latest first. */
export const MAX_DEVICE_TOKENS = 5;
const PURPOSE = 'device';
const SEPARATOR = '~';

/** `__Host-` when served over https: Secure, host-only, path /. */
export function deviceCookieName(secure: boolean): string {
  return secure ? '__Host-mailpanel-device' : 'mailpanel-device';
}

export type DeviceToken = {
  /** A random id: the device's failures are counted under it. */
  device: string;
  principal: string;
  /** The normalized identifier signed in with. */
  account: string;
  /** passwordFingerprint of the account's hash at sign-in. */
  password: string;
  expiresAt: number;
};

type Payload = { pur: string; dev: string; sub: string; acct: string; pw: string; exp: number };

function mac(text: string): Buffer {
  return createHmac('sha256', deriveKey('device-cookie v1')).update(text).digest();
}

/** Says nothing of the hash (a MAC with the server's key), but changes with it. */
export function passwordFingerprint(passwordHash: string): string {
  return mac(`password\u0000${passwordHash}`).subarray(0, 16).toString('base64url');
}

export function issueDeviceToken(
  { principal, account, passwordHash }: { principal: string; account: string; passwordHash: string },
  now = Date.now(),
): string {
  const payload: Payload = {
    pur: PURPOSE,
    dev: randomBytes(16).toString('base64url'),
    sub: principal,
    acct: account,
    pw: passwordFingerprint(passwordHash),
    exp: now + DEVICE_COOKIE_MAX_AGE * 1000,
  };
  return sealPayload(payload, signToken);
}

const signToken = (body: string) => mac(`token\u0000${body}`);

function readToken(token: string, now: number): DeviceToken | null {
  const payload = openSealedPayload<Payload>(token, 1024, signToken);
  if (!payload) return null;
  const { pur, dev, sub, acct, pw, exp } = payload;
  if (pur !== PURPOSE || typeof dev !== 'string' || typeof sub !== 'string' || typeof acct !== 'string' || typeof pw !== 'string') return null;
  if (typeof exp !== 'number' || exp <= now) return null;
  return { device: dev, principal: sub, account: acct, password: pw, expiresAt: exp };
}

/** The valid, unexpired tokens of a cookie's value (anything altered or unknown is left out). */
export function readDeviceCookie(value: string | null | undefined, now = Date.now()): DeviceToken[] {
  if (!value || value.length > 8192) return [];
  return value
    .split(SEPARATOR)
    .slice(0, MAX_DEVICE_TOKENS)
    .map((token) => readToken(token, now))
    .filter((token): token is DeviceToken => token !== null);
}

/** The cookie's value after `token` was issued: it first, then the others' still valid ones, at most five. */
export function addDeviceToken(value: string | null | undefined, token: string, principal: string, now = Date.now()): string {
  const others = (value ?? '')
    .split(SEPARATOR)
    .filter((t) => {
      const read = readToken(t, now);
      return read !== null && read.principal !== principal;
    });
  return [token, ...others].slice(0, MAX_DEVICE_TOKENS).join(SEPARATOR);
}

/** The device cookie's value in a Cookie header (next-auth's authorize gets the headers as an object). */
export function deviceCookieFromHeader(cookieHeader: unknown, secure: boolean): string | null {
  if (typeof cookieHeader !== 'string') return null;
  const name = deviceCookieName(secure);
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
