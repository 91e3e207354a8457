import { getLocale, getTimeZone } from 'next-intl/server';
import type { ReactNode } from 'react';
import { IntlClientProvider } from '@/components/i18n-provider';
import { browserMessages } from '@/lib/i18n/browser-messages';
import { catalogues } from '@/lib/i18n/catalogues';
import type { Language } from '@/lib/mail/services';

/**
 * A part of a page that speaks another language than the request's (a reset link speaks its account's).
 * In the same language it adds nothing: the root layout already handed that language to the browser.
 */
export async function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  if (language === (await getLocale())) return children;
  return (
    <IntlClientProvider locale={language} messagesJson={browserMessages(language, Object.keys(catalogues[language]))} timeZone={await getTimeZone()}>
      {children}
    </IntlClientProvider>
  );
}
