import { createTranslator, type IntlError } from 'next-intl';
import type { Language } from '@/lib/mail/services';
import { catalogues } from './catalogues';
import { formats } from './formats';
import { translateWith, type MessageKey, type MessageVars, type Translate } from './keys';

export { keyWith, type MessageKey, type MessageVars, type Translate } from './keys';

/** A message that cannot be formatted shows its key; a missing key is not an error (text passes through). */
export function onIntlError(error: IntlError): void {
  if (error.code !== 'MISSING_MESSAGE') console.error(error);
}

// One translator per language for the process: next-intl caches each compiled message inside it.
const translators = Object.fromEntries(
  (Object.keys(catalogues) as Language[]).map((language) => [
    language,
    createTranslator({ locale: language, messages: catalogues[language], formats, onError: onIntlError }),
  ]),
) as Record<Language, ReturnType<typeof createTranslator>>;

/**
 * Outside React (server actions, route handlers, scripts, e-mails): validation schemas carry message keys
 * (optionally `key|{"var":1}` with variables) so that one schema serves both languages. Anything that is
 * not a known key is returned as it is.
 */
export function translate(language: Language, key: string, vars?: MessageVars): string {
  return translateWith(translators[language] as never, key, vars);
}

export function translator(language: Language): Translate {
  return (key, vars) => translate(language, key, vars);
}

/** One text in every language, for the rare client that must speak a language it has not loaded yet. */
export function inEveryLanguage(key: MessageKey): Record<Language, string> {
  return Object.fromEntries((Object.keys(catalogues) as Language[]).map((language) => [language, translate(language, key)])) as Record<Language, string>;
}
