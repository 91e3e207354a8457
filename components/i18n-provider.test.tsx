import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { keyWith } from '@/lib/i18n/keys';
import { I18nProvider } from '@/tests/unit/support/i18n';
import { useT } from './i18n-provider';

function Probe({ message }: { message: string }) {
  const t = useT();
  return (
    <p>
      {t.raw(message)}|{t('auth.invalidCredentials')}|{t('auth.throttled', { minutes: 1 })}
    </p>
  );
}

const render = (message: string, language: 'en' | 'it') =>
  renderToStaticMarkup(
    <I18nProvider language={language}>
      <Probe message={message} />
    </I18nProvider>,
  );

describe('useT (the browser side, over next-intl)', () => {
  it('reads validation keys with variables, formats numbers and plurals in the provider’s language', () => {
    expect(render(keyWith('validation.tooLong', { max: 5000 }), 'en')).toBe(
      '<p>At most 5,000 characters.|The email address or password is not correct.|Too many failed attempts. Try again in 1 minute.</p>',
    );
    expect(render(keyWith('validation.tooLong', { max: 5000 }), 'it')).toBe(
      '<p>Al massimo 5.000 caratteri.|L&#x27;indirizzo email o la password non sono corretti.|Troppi tentativi non riusciti. Riprova tra 1 minuto.</p>',
    );
  });

  it('passes text that is not a key through', () => {
    expect(render('Invalid input', 'en')).toContain('<p>Invalid input|');
    expect(render('auth', 'en')).toContain('<p>auth|');
  });
});
