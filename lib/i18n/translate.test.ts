import { describe, expect, it } from 'vitest';
import { pickLanguage } from './accept-language';
import { en } from './messages/en';
import { it as italian } from './messages/it';
import { keyWith, translate } from './translate';

function keys(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe('translate', () => {
  it('has the same keys in every language', () => {
    expect(keys(italian).sort()).toEqual(keys(en).sort());
  });

  it('translates keys, with variables carried in the key', () => {
    expect(translate('it', 'auth.submit')).toBe('Accedi');
    expect(translate('en', keyWith('validation.tooLong', { max: 5 }))).toBe('At most 5 characters.');
    expect(translate('it', keyWith('validation.passwordTooShort', { min: 12 }))).toContain('12');
  });

  it('returns text that is not a key unchanged', () => {
    expect(translate('en', 'Plain text')).toBe('Plain text');
    expect(translate('en', 'auth.nope')).toBe('auth.nope');
    expect(translate('en', 'auth')).toBe('auth');
  });
});

describe('pickLanguage', () => {
  it('follows Accept-Language quality values', () => {
    expect(pickLanguage('it-IT,it;q=0.9,en;q=0.8')).toBe('it');
    expect(pickLanguage('de-DE, en;q=0.5, it;q=0.7')).toBe('it');
    expect(pickLanguage('fr')).toBe('en');
    expect(pickLanguage(null)).toBe('en');
    expect(pickLanguage('it;q=0')).toBe('en');
  });
});
