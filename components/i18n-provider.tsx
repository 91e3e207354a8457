'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '@/lib/mail/services';
import { translator, type Translate } from '@/lib/i18n/translate';

const LanguageContext = createContext<Language>('en');

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  return <LanguageContext.Provider value={language}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

/** Translates message keys, including the keys carried by validation errors. */
export function useT(): Translate & { raw: (keyOrText: string) => string } {
  const language = useLanguage();
  return useMemo(() => {
    const t = translator(language) as Translate & { raw: (keyOrText: string) => string };
    t.raw = (keyOrText) => t(keyOrText as never);
    return t;
  }, [language]);
}
