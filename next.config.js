// @ts-check

// On every response, static files included. The Content-Security-Policy (with a per-request nonce) and
// HSTS (only when PUBLIC_URL is https) are set per request by proxy.ts: see docs/security.md.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  // Full URLs stay inside the panel (reset links carry a token); other sites get nothing. Not
  // 'no-referrer': browsers then send `Origin: null` on the panel's own POSTs, which Next refuses.
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'bcrypt'],
  poweredByHeader: false,
  typedRoutes: false,
  // Every page's <title> (and the rest of its metadata) goes out in <head> with the first bytes, for everyone,
  // not streamed in later: a screen reader or a tab names the page at once, with or without JavaScript.
  htmlLimitedBots: /.*/,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = nextConfig;
