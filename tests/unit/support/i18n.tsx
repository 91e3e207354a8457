import type { ReactNode } from 'react';
import { IntlClientProvider } from '@/components/i18n-provider';
import { catalogues } from '@/lib/i18n/catalogues';
import type { Language } from '@/lib/mail/services';

/** What the root layout gives client components in the app: one language's messages. */
export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  return (
    <IntlClientProvider locale={language} messagesJson={JSON.stringify(catalogues[language])} timeZone="UTC">
      {children}
    </IntlClientProvider>
  );
}
