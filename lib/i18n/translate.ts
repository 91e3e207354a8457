import type { IntlError } from 'next-intl';
import type { Language } from '@/lib/mail/services';
import { catalogues } from './catalogues';
import { translateWith, type MessageKey, type MessageVars, type Translate } from './keys';
import { sharedTranslator } from './shared-translator';

export { keyWith, type MessageKey, type MessageVars, type Translate } from './keys';

/** A message that cannot be formatted shows its key; a missing key is not an error (text passes through). */
export function onIntlError(error: IntlError): void {
  if (error.code !== 'MISSING_MESSAGE') console.error(error);
}

const translatorOf = (language: Language) => sharedTranslator({ locale: language, timeZone: undefined, messages: catalogues[language], onError: onIntlError });

/**
 * Outside React (server actions, route handlers, scripts, e-mails): validation schemas carry message keys
 * (optionally `key|{"var":1}` with variables) so that one schema serves both languages. Anything that is
 * not a known key is returned as it is.
 */
export function translate(language: Language, key: string, vars?: MessageVars): string {
  return translateWith(translatorOf(language) as never, key, vars);
}

export function translator(language: Language): Translate {
  return (key, vars) => translate(language, key, vars);
}

/** One text in every language, for the rare client that must speak a language it has not loaded yet. */
export function inEveryLanguage(key: MessageKey): Record<Language, string> {
  return Object.fromEntries((Object.keys(catalogues) as Language[]).map((language) => [language, translate(language, key)])) as Record<Language, string>;
}
