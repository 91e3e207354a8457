// Used by proxy.ts (every request but static files): no Node-only or server-only imports here.

/** HSTS for a panel served over https: two years, its subdomains too; never sent over plain http. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

/** Whether the panel's public address is https (server.ts puts PUBLIC_URL into NEXTAUTH_URL). */
export function servedOverHttps(env: Record<string, string | undefined> = process.env): boolean {
  return (env.NEXTAUTH_URL ?? env.PUBLIC_URL ?? '').startsWith('https://');
}

/** 128 random bits, fresh for every response. */
export function newNonce(): string {
  let binary = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export type CspOptions = { nonce: string; dev?: boolean; https?: boolean };

/**
 * Scripts run only when they carry this response's nonce (Next adds it to its own scripts and to the
 * ones they load, 'strict-dynamic'): markup that slipped into a page cannot run script. Style
 * attributes stay allowed (a few components set a CSS variable that way); style elements need the nonce.
 */
export function contentSecurityPolicy({ nonce, dev = false, https = false }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    // React's development build needs eval for its error overlays; production does not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Development injects style elements without a nonce (a nonce would make 'unsafe-inline' inert).
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Over plain http (a first test on a LAN address) upgrading would break every request.
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}
