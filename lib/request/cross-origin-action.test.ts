import { describe, expect, it } from 'vitest';
import { isCrossOriginAction } from './cross-origin-action';

const action = { 'next-action': '7f'.repeat(21), 'content-type': 'text/plain;charset=UTF-8', host: 'panel.example:3000' };

describe('isCrossOriginAction', () => {
  it('flags an action whose Origin is another host (or null, or not a URL)', () => {
    for (const origin of ['https://attacker.example', 'http://panel.example', 'null', 'not a url']) {
      expect(isCrossOriginAction({ method: 'POST', url: '/domains/1', headers: { ...action, origin } }), origin).toBe(true);
    }
    // A form posted from another site without JavaScript: multipart, no next-action header.
    expect(isCrossOriginAction({ method: 'POST', url: '/domains/new', headers: { host: 'panel.example', 'content-type': 'multipart/form-data; boundary=x', origin: 'https://attacker.example' } })).toBe(true);
  });

  it('lets the panel’s own actions through, by Host or by the forwarded host', () => {
    expect(isCrossOriginAction({ method: 'POST', url: '/domains/1', headers: { ...action, origin: 'http://panel.example:3000' } })).toBe(false);
    expect(isCrossOriginAction({ method: 'POST', url: '/x', headers: { ...action, host: '127.0.0.1:3000', 'x-forwarded-host': 'panel.example, proxy.internal', origin: 'https://panel.example' } })).toBe(false);
    // The forwarded host wins over Host, as in Next.
    expect(isCrossOriginAction({ method: 'POST', url: '/x', headers: { ...action, 'x-forwarded-host': 'other.example', origin: 'http://panel.example:3000' } })).toBe(true);
  });

  it('leaves alone what Next does not treat as an action', () => {
    const origin = 'https://attacker.example';
    expect(isCrossOriginAction({ method: 'GET', url: '/domains', headers: { ...action, origin } })).toBe(false);
    expect(isCrossOriginAction({ method: 'POST', url: '/api/v1/domains', headers: { ...action, origin } })).toBe(false);
    expect(isCrossOriginAction({ method: 'POST', url: '/api/auth/callback/credentials', headers: { host: 'panel.example', 'content-type': 'application/x-www-form-urlencoded', origin } })).toBe(false);
    expect(isCrossOriginAction({ method: 'POST', url: '/login', headers: { host: 'panel.example', 'content-type': 'application/x-www-form-urlencoded', origin } })).toBe(false);
    // Without an Origin (not a browser): Next lets it through too, and the action checks the session.
    expect(isCrossOriginAction({ method: 'POST', url: '/domains/1', headers: action })).toBe(false);
  });
});
