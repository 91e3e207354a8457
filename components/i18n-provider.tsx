'use client';

import { NextIntlClientProvider, useLocale, useTranslations, type AbstractIntlMessages, type IntlError } from 'next-intl';
import { useMemo, type ReactNode } from 'react';
import type { Language } from '@/lib/mail/services';
import { formats } from '@/lib/i18n/formats';
import { translateWith, type Translate } from '@/lib/i18n/keys';

// Keys are tried with `has` first, so a missing message is text passing through, not an error.
function onError(error: IntlError): void {
  if (error.code !== 'MISSING_MESSAGE') console.error(error);
}

/**
 * The browser's translations: one language's messages, handed down by the server (the root layout, or a
 * page that speaks another language). No catalogue is imported here.
 */
export function IntlClientProvider({ locale, messages, timeZone, children }: { locale: Language; messages: AbstractIntlMessages; timeZone?: string; children: ReactNode }) {
  return (
    <NextIntlClientProvider locale={locale} messages={messages} formats={formats} timeZone={timeZone} onError={onError}>
      {children}
    </NextIntlClientProvider>
  );
}

export function useLanguage(): Language {
  return useLocale() as Language;
}

/** Translates message keys, including the keys carried by validation errors. */
export function useT(): Translate & { raw: (keyOrText: string) => string } {
  const t = useTranslations();
  return useMemo(
    () =>
      Object.assign(((key, vars) => translateWith(t as never, key, vars)) as Translate, {
        raw: (keyOrText: string) => translateWith(t as never, keyOrText),
      }),
    [t],
  );
}
