'use client';

import { useT } from '@/components/i18n-provider';
import { LANGUAGES } from '@/lib/mail/services';

/** The <option>s of a language select, each named in the page's language and marked with its own. */
export function LanguageOptions() {
  const t = useT();
  return LANGUAGES.map((language) => (
    <option key={language} value={language} lang={language}>
      {t(`mailboxSettings.languages.${language}`)}
    </option>
  ));
}
