import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentSecurityPolicy, newNonce, STRICT_TRANSPORT_SECURITY } from './csp';

// Build assets get only next.config.js's static headers: they are not documents.
const ASSETS = /^\/_next\/(?:static|image)\//;

/**
 * The per-response headers, set by the custom server before Next sees the request: a fresh policy with
 * its own nonce (Next reads the nonce from the request's policy header and puts it on every script and
 * style it renders) and, over https, HSTS. Whatever policy header the client sent is replaced.
 */
export function applyPerRequestPolicy(req: IncomingMessage, res: ServerResponse, { dev, https }: { dev: boolean; https: boolean }): void {
  delete req.headers['content-security-policy-report-only'];
  if (ASSETS.test(req.url ?? '')) {
    delete req.headers['content-security-policy'];
    return;
  }
  const policy = contentSecurityPolicy({ nonce: newNonce(), dev, https });
  req.headers['content-security-policy'] = policy;
  res.setHeader('Content-Security-Policy', policy);
  if (https) res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
}
