// @ts-check
/* eslint-disable @typescript-eslint/no-require-imports -- Next loads this file as CommonJS. */
const createNextIntlPlugin = require('next-intl/plugin');
const fs = require('node:fs');
const path = require('node:path');

// A git worktree may link node_modules from the main checkout; Turbopack compiles only files under its root,
// so the root is the nearest folder holding both this project and the real node_modules.
function workspaceRoot() {
  const modules = fs.realpathSync(path.join(__dirname, 'node_modules'));
  let root = __dirname;
  while (!modules.startsWith(root + path.sep)) root = path.dirname(root);
  return root;
}

// On every response, static files included. The Content-Security-Policy (with a per-request nonce) and
// HSTS (only when PUBLIC_URL is https) are set per request by the custom server (server.ts, through
// lib/security/per-request-policy.ts), before Next sees the request; proxy.ts only sends signed-out
// requests to sign-in. See docs/security.md.
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
  // prom-client: one copy for the custom server and the route bundles (lib/ops/metrics/registry.ts).
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'bcrypt', 'prom-client'],
  turbopack: { root: workspaceRoot() },
  poweredByHeader: false,
  // The panel shows no optimized images (no next/image): the optimizer at /_next/image would only be attack
  // surface (it followed an internal redirect and answered 500 to anyone). Off, it answers 404.
  images: { unoptimized: true },
  typedRoutes: false,
  // Every page's <title> (and the rest of its metadata) goes out in <head> with the first bytes, for everyone,
  // not streamed in later: a screen reader or a tab names the page at once, with or without JavaScript.
  htmlLimitedBots: /.*/,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

// next-intl without i18n routing: i18n/request.ts picks the caller's language for every request. The plugin
// only points the compiler at that file (next build, dev), so the production server (server.ts) loads the
// config without it: with it, that server died on SIGTERM (exit 143) before its own clean shutdown ran
// (tests/e2e/00-server-lifecycle.spec.ts); the cause inside the plugin is not known yet.
const compiling = process.env.NODE_ENV !== 'production' || process.argv.includes('build');
// The catalogues (lib/i18n/messages/*.json) are compiled when the build imports them (next-intl's
// `precompile`, through icu-minify), and next-intl formats them with its small runtime instead of parsing ICU
// text: no message parser in any page's JavaScript (~31 KiB raw), and nothing parsed per message on the
// server. Scripts and tests outside the build read the same JSON as ICU text; both give the same strings.
const intl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: { messages: { path: './lib/i18n/messages', format: 'json', locales: 'infer', precompile: true } },
});
module.exports = compiling ? intl(nextConfig) : nextConfig;
