import { timingSafeEqual } from 'node:crypto';

/** Signs the JSON of a payload for a cookie or a form field: `body.signature`, both base64url. */
export function sealPayload(payload: object, sign: (body: string) => Buffer): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(body).toString('base64url')}`;
}

/** The payload of a sealed token, or null when it is malformed, longer than `maxLength` or altered. */
export function openSealedPayload<P>(token: string, maxLength: number, sign: (body: string) => Buffer): Partial<P> | null {
  if (token.length > maxLength) return null;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  // Compared as text: base64 has several spellings of the same bytes, the token only one.
  const given = Buffer.from(signature);
  const expected = Buffer.from(sign(body).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null ? (payload as Partial<P>) : null;
  } catch {
    return null;
  }
}
