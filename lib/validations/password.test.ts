import { describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n/translate';
import { newPasswordSchema } from './password';

function firstMessage(value: unknown): string | undefined {
  const result = newPasswordSchema.safeParse(value);
  return result.success ? undefined : translate('en', result.error.issues[0]?.message ?? '');
}

describe('newPasswordSchema', () => {
  it('accepts 12 characters up to 72 bytes', () => {
    expect(firstMessage('a'.repeat(12))).toBeUndefined();
    expect(firstMessage('a'.repeat(72))).toBeUndefined();
  });

  it('refuses short passwords and more than 72 bytes, counting bytes not characters', () => {
    expect(firstMessage('short')).toMatch(/at least 12/);
    expect(firstMessage('a'.repeat(73))).toMatch(/72 bytes/);
    // 36 two-byte letters are 72 bytes; 37 are 74.
    expect(firstMessage('é'.repeat(36))).toBeUndefined();
    expect(firstMessage('é'.repeat(37))).toMatch(/72 bytes/);
    expect(firstMessage(undefined)).toBe('This field is required.');
  });
});
