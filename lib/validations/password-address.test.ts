import { describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n/translate';
import { newPasswordForAddress, passwordMentionsAddress } from './password';
import { changePasswordSchema } from './security';

describe('a password and its own address', () => {
  it('refuses the local part, the domain and the domain’s name, whatever the case or punctuation', () => {
    const address = 'paula.rossi@shop.example';
    for (const bad of ['my-PaulaRossi-2025!', 'paula.rossi is here', 'welcome to shop.example', 'SHOP-EXAMPLE-forever', 'best shop in town ok']) {
      expect(passwordMentionsAddress(bad, address), bad).toBe(true);
    }
    for (const good of ['correct horse battery staple', 'example of a passphrase']) {
      expect(passwordMentionsAddress(good, address), good).toBe(false);
    }
    // Short local parts would refuse half the dictionary: two characters are not checked.
    expect(passwordMentionsAddress('correct horse battery jo', 'jo@acme.com')).toBe(false);
    expect(passwordMentionsAddress('i love acme products', 'jo@acme.com')).toBe(true);
    expect(passwordMentionsAddress('postmaster of the universe', 'postmaster@shop.example')).toBe(true);
  });

  it('answers with a message key in the schema, after the length rules', () => {
    const schema = newPasswordForAddress('paula@shop.example');
    const first = (value: string) => {
      const result = schema.safeParse(value);
      return result.success ? undefined : translate('en', result.error.issues[0]?.message ?? '');
    };
    expect(first('PaulaPaulaPaula')).toBe('The password may not contain your address or your domain name.');
    expect(first('a'.repeat(73))).toMatch(/72 bytes/);
    expect(first('correct horse battery staple')).toBeUndefined();
  });

  it('asks for a confirmed, different new password', () => {
    const schema = changePasswordSchema('paula@shop.example');
    const result = schema.safeParse({ currentPassword: 'correct horse battery', newPassword: 'correct horse battery', confirmPassword: 'x' });
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}:${issue.message}`);
    expect(messages).toContain('confirmPassword:validation.passwordsDiffer');
    expect(messages).toContain('newPassword:security.password.sameAsCurrent');
  });
});
