import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { applyPerRequestPolicy } from './per-request-policy';

function exchange(url: string, headers: Record<string, string> = {}) {
  const req = { url, headers: { ...headers } } as unknown as IncomingMessage;
  const sent = new Map<string, string>();
  const res = { setHeader: (name: string, value: string) => sent.set(name.toLowerCase(), value) } as unknown as ServerResponse;
  return { req, res, sent };
}

describe('applyPerRequestPolicy', () => {
  it('gives the response and Next the same policy, with a fresh nonce each time', () => {
    const first = exchange('/domains/1/accounts');
    applyPerRequestPolicy(first.req, first.res, { dev: false, https: false });
    const policy = first.sent.get('content-security-policy');
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
    expect(first.req.headers['content-security-policy']).toBe(policy);
    expect(first.sent.has('strict-transport-security')).toBe(false);

    const second = exchange('/domains/1/accounts');
    applyPerRequestPolicy(second.req, second.res, { dev: false, https: false });
    expect(second.sent.get('content-security-policy')).not.toBe(policy);
  });

  it('replaces a policy the client sent, so it cannot choose the nonce', () => {
    const { req, res, sent } = exchange('/login', {
      'content-security-policy': "script-src 'nonce-chosenbytheclient'",
      'content-security-policy-report-only': "script-src 'nonce-chosenbytheclient'",
    });
    applyPerRequestPolicy(req, res, { dev: false, https: false });
    expect(req.headers['content-security-policy']).toBe(sent.get('content-security-policy'));
    expect(req.headers['content-security-policy']).not.toContain('chosenbytheclient');
    expect(req.headers['content-security-policy-report-only']).toBeUndefined();
  });

  it('adds HSTS over https and leaves build assets alone', () => {
    const secure = exchange('/me');
    applyPerRequestPolicy(secure.req, secure.res, { dev: false, https: true });
    expect(secure.sent.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(secure.sent.get('content-security-policy')).toContain('upgrade-insecure-requests');

    const asset = exchange('/_next/static/chunks/app.js', { 'content-security-policy': "script-src 'nonce-x'" });
    applyPerRequestPolicy(asset.req, asset.res, { dev: false, https: true });
    expect(asset.sent.size).toBe(0);
    expect(asset.req.headers['content-security-policy']).toBeUndefined();
  });
});
