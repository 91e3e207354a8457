import { describe, expect, it } from 'vitest';
import { fromSameOrigin } from './same-origin';

const post = (headers: Record<string, string>) => new Request('http://panel.test/domains/1/accounts/import/run', { method: 'POST', headers });

describe('fromSameOrigin', () => {
  it('takes the browser’s Sec-Fetch-Site when it sends one', () => {
    expect(fromSameOrigin(post({ 'sec-fetch-site': 'same-origin', host: 'panel.test' }))).toBe(true);
    for (const site of ['cross-site', 'same-site', 'none']) expect(fromSameOrigin(post({ 'sec-fetch-site': site, origin: 'http://panel.test', host: 'panel.test' }))).toBe(false);
  });

  it('else compares the Origin with the host; no Origin, a foreign one or garbage is refused', () => {
    expect(fromSameOrigin(post({ origin: 'http://panel.test', host: 'panel.test' }))).toBe(true);
    expect(fromSameOrigin(post({ origin: 'https://panel.example.com', host: '127.0.0.1:3000', 'x-forwarded-host': 'panel.example.com' }))).toBe(true);
    expect(fromSameOrigin(post({ origin: 'http://evil.test', host: 'panel.test' }))).toBe(false);
    expect(fromSameOrigin(post({ host: 'panel.test' }))).toBe(false);
    expect(fromSameOrigin(post({ origin: 'null', host: 'panel.test' }))).toBe(false);
  });
});
