import { describe, expect, it } from 'vitest';
import { APP_PASSWORD_LENGTH, generateAppPassword, LOOKUP_LENGTH } from './secret';

describe('generateAppPassword', () => {
  it('is 24 unambiguous lower-case characters whose first 8 are the lookup', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const { secret, lookup } = generateAppPassword();
      expect(secret).toMatch(/^[a-hjkmnp-z2-9]{24}$/);
      expect(secret).toHaveLength(APP_PASSWORD_LENGTH);
      expect(lookup).toBe(secret.slice(0, LOOKUP_LENGTH));
      // What the database's lookup_shape check accepts.
      expect(lookup).toMatch(/^[a-z2-9]{8}$/);
      seen.add(secret);
    }
    expect(seen.size).toBe(500);
  });
});
