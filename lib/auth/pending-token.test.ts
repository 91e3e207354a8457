import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { issuePendingToken, PENDING_TOKEN_TTL_MS, readPendingToken } from './pending-token';

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
beforeAll(() => {
  process.env.NEXTAUTH_SECRET = SECRET;
});
afterEach(() => {
  process.env.NEXTAUTH_SECRET = SECRET;
});

describe('the "second factor pending" token', () => {
  const pending = { principal: 'mailbox:12', sessionVersion: 3, account: 'pm@shop.example' };
  const now = 1_700_000_000_000;

  it('round-trips who passed the password step, and until when', () => {
    const token = issuePendingToken(pending, now);
    expect(readPendingToken(token, now + 1000)).toEqual({
      ref: { kind: 'mailbox', id: 12 },
      principal: 'mailbox:12',
      sessionVersion: 3,
      account: 'pm@shop.example',
      expiresAt: now + PENDING_TOKEN_TTL_MS,
    });
  });

  it('expires after five minutes', () => {
    const token = issuePendingToken(pending, now);
    expect(readPendingToken(token, now + PENDING_TOKEN_TTL_MS - 1)).not.toBeNull();
    expect(readPendingToken(token, now + PENDING_TOKEN_TTL_MS)).toBeNull();
  });

  it('refuses any change to the payload or the signature', () => {
    const token = issuePendingToken(pending, now);
    const [body = '', signature = ''] = token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, sub: 'admin:1' })).toString('base64url');
    expect(readPendingToken(`${forged}.${signature}`, now)).toBeNull();
    const longer = Buffer.from(JSON.stringify({ ...payload, exp: now + 10 * PENDING_TOKEN_TTL_MS })).toString('base64url');
    expect(readPendingToken(`${longer}.${signature}`, now)).toBeNull();
    expect(readPendingToken(`${body}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`, now)).toBeNull();
    for (const bad of ['', 'x', `${body}.`, `${body}.${signature}.x`, 42, null]) expect(readPendingToken(bad, now)).toBeNull();
  });

  it('is signed with a key derived from the server secret', () => {
    const token = issuePendingToken(pending, now);
    process.env.NEXTAUTH_SECRET = 'another-server-secret-another-server-secret';
    expect(readPendingToken(token, now)).toBeNull();
  });
});
