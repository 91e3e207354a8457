import { describe, expect, it } from 'vitest';
import { addMonths, gateFor, passwordExpired } from './gate';
import { parseSignInError, encodeSignInError } from './sign-in-errors';

const base = { forcePasswordChange: false, passwordExpiryMonths: 0, passwordChangedAt: new Date('2025-01-31T10:00:00Z'), otpRequired: false, otpEnabled: false };

describe('gates', () => {
  it('adds calendar months, keeping to the end of shorter months', () => {
    expect(addMonths(new Date('2025-01-31T10:00:00Z'), 1).toISOString()).toBe('2025-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2024-01-31T10:00:00Z'), 1).toISOString()).toBe('2024-02-29T10:00:00.000Z');
    expect(addMonths(new Date('2025-05-15T00:00:00Z'), 12).toISOString()).toBe('2026-05-15T00:00:00.000Z');
  });

  it('expires a password 3, 6 or 12 months after its last change, never with 0', () => {
    const state = { ...base, passwordExpiryMonths: 3 };
    expect(passwordExpired(state, new Date('2025-04-30T09:59:59Z'))).toBe(false);
    expect(passwordExpired(state, new Date('2025-04-30T10:00:00Z'))).toBe(true);
    expect(passwordExpired({ ...base, passwordExpiryMonths: 0 }, new Date('2099-01-01'))).toBe(false);
  });

  it('asks for the password first, then enrolment', () => {
    const now = new Date('2025-02-01T00:00:00Z');
    expect(gateFor(base, now)).toBeUndefined();
    expect(gateFor({ ...base, forcePasswordChange: true, otpRequired: true }, now)).toBe('changePassword');
    expect(gateFor({ ...base, otpRequired: true }, now)).toBe('enrolOtp');
    expect(gateFor({ ...base, otpRequired: true, otpEnabled: true }, now)).toBeUndefined();
    expect(gateFor({ ...base, passwordExpiryMonths: 12 }, new Date('2026-02-01T00:00:00Z'))).toBe('changePassword');
  });
});

describe('sign-in error codes', () => {
  it('round-trips what next-auth hands the form', () => {
    for (const error of [{ code: 'invalid' }, { code: 'throttled', minutes: 15 }, { code: 'otp', pendingToken: 'abc.def' }, { code: 'badCode' }, { code: 'restart' }] as const) {
      expect(parseSignInError(encodeSignInError(error))).toEqual(error);
    }
    expect(parseSignInError('CredentialsSignin')).toEqual({ code: 'invalid' });
    expect(parseSignInError(null)).toEqual({ code: 'invalid' });
  });
});
