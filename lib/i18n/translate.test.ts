import { describe, expect, it } from 'vitest';
import { pickLanguage } from './accept-language';
import { keyWith, translate } from './translate';

describe('translate', () => {
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

  it('prints numbers as each language groups them, also from four digits', () => {
    expect(translate('en', keyWith('validation.tooLong', { max: 5000 }))).toBe('At most 5,000 characters.');
    expect(translate('it', keyWith('validation.tooLong', { max: 5000 }))).toBe('Al massimo 5.000 caratteri.');
    expect(translate('en', keyWith('accountImport.errors.tooManyRows', { max: 5000 }))).toBe('The file has more than 5,000 accounts. Split it into smaller files.');
    expect(translate('it', keyWith('accountImport.errors.tooManyRows', { max: 5000 }))).toBe('Il file ha più di 5.000 account. Dividilo in file più piccoli.');
    expect(translate('en', 'common.showing', { from: 1, to: 25, total: 100000 })).toBe('Showing 1–25 of 100,000');
    expect(translate('it', 'common.showing', { from: 1, to: 25, total: 100000 })).toBe('Da 1 a 25 di 100.000');
  });

  it('says one and many apart (ICU plurals)', () => {
    expect(translate('en', keyWith('auth.throttled', { minutes: 1 }))).toBe('Too many failed attempts. Try again in 1 minute.');
    expect(translate('en', keyWith('auth.throttled', { minutes: 15 }))).toBe('Too many failed attempts. Try again in 15 minutes.');
    expect(translate('it', keyWith('auth.throttled', { minutes: 1 }))).toBe('Troppi tentativi non riusciti. Riprova tra 1 minuto.');
    expect(translate('it', keyWith('auth.throttled', { minutes: 15 }))).toBe('Troppi tentativi non riusciti. Riprova tra 15 minuti.');
  });

  it("keeps apostrophes, braces and angle brackets literal (ICU's quoting characters)", () => {
    expect(translate('it', 'auth.invalidCredentials')).toBe("L'indirizzo email o la password non sono corretti.");
    expect(translate('it', 'mailboxSettings.autoresponder.zoneHint', { zone: 'Europe/Rome' })).toBe(
      "Data e ora nel fuso orario dell'account (Europe/Rome). Lascia vuoto per nessun limite.",
    );
    expect(translate('it', keyWith('mailboxSettings.errors.storageBelowUsed', { used: '2 GB' }))).toBe("L'account usa già 2 GB: scegli almeno questo spazio.");
    expect(translate('en', 'wizard.errors.localPartInvalid')).toContain("! # $ % & ' * + / = ? ^ _ ` { | } ~ - only;");
    expect(translate('en', 'api.tokens.usage')).toBe('Send it with every request as the header: Authorization: Bearer <token>');
    expect(translate('it', 'api.docs.auth', { limit: 60, ownerLimit: 240 })).toContain('"Authorization: Bearer <token>"');
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

describe('the plain replacement for `{name}` messages', () => {
  it('writes every such message exactly as ICU does, in both languages', async () => {
    const { createTranslator } = await import('next-intl');
    const { catalogues } = await import('./catalogues');
    const { formats } = await import('./formats');
    let compared = 0;
    for (const language of ['en', 'it'] as const) {
      const icu = createTranslator({ locale: language, messages: catalogues[language], formats });
      const walk = (node: object, prefix: string) => {
        for (const [key, value] of Object.entries(node)) {
          if (typeof value !== 'string') {
            walk(value as object, `${prefix}${key}.`);
            continue;
          }
          const names = [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
          if (names.length === 0) continue;
          // Values with the characters that ICU would read as syntax were they in the message.
          const vars = Object.fromEntries(names.map((name, i) => [name, `<${name}> {${i}} 'x' #`]));
          expect(translate(language, `${prefix}${key}`, vars), `${language} ${prefix}${key}`).toBe(icu(`${prefix}${key}` as never, vars as never));
          compared++;
        }
      };
      walk(catalogues[language], '');
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('leaves a number to ICU, which formats it for the language', async () => {
    const { createTranslator } = await import('next-intl');
    const { catalogues } = await import('./catalogues');
    const vars = { used: 1234567.5, max: '1 GB' };
    const icu = createTranslator({ locale: 'it', messages: catalogues.it })('accountsList.usedOf', vars);
    expect(translate('it', 'accountsList.usedOf', vars)).toBe(icu);
  });
});
