'use client';

import { NextIntlClientProvider, useLocale, useMessages, useTimeZone, type AbstractIntlMessages, type IntlError } from 'next-intl';
import { useMemo, type ReactNode } from 'react';
import type { Language } from '@/lib/mail/services';
import { formats } from '@/lib/i18n/formats';
import { translateWith, type Translate } from '@/lib/i18n/keys';
import { sharedTranslator } from '@/lib/i18n/shared-translator';

// Keys are tried with `has` first, so a missing message is text passing through, not an error.
function onError(error: IntlError): void {
  if (error.code !== 'MISSING_MESSAGE') console.error(error);
}

// The messages come as one JSON string, not as an object: React serializes a prop object value by value
// (about a thousand of them) into the page's payload and revives it the same way while rendering the HTML,
// which cost the server a third of its time per page (bench/RESULTS.md); one string is copied as it is.
// Parsed once per string (a language and a page's scopes: a few dozen in all), so the translator that
// useT() takes for these messages is the same object from one request to the next.
const parsed = new Map<string, AbstractIntlMessages>();

function messagesOf(json: string): AbstractIntlMessages {
  let messages = parsed.get(json);
  if (!messages) parsed.set(json, (messages = JSON.parse(json) as AbstractIntlMessages));
  return messages;
}

/**
 * The browser's translations: one language's messages (`messagesJson`, from lib/i18n/browser-messages.ts),
 * handed down by the server (the root layout, or a page that speaks another language). No catalogue is
 * imported here.
 */
export function IntlClientProvider({ locale, messagesJson, timeZone, children }: { locale: Language; messagesJson: string; timeZone?: string; children: ReactNode }) {
  const messages = messagesOf(messagesJson);
  return (
    <NextIntlClientProvider locale={locale} messages={messages} formats={formats} timeZone={timeZone} onError={onError}>
      {children}
    </NextIntlClientProvider>
  );
}

type Tree = { [key: string]: string | Tree };
const merged = new WeakMap<AbstractIntlMessages, Map<string, AbstractIntlMessages>>();

/** The layouts' messages with a page's (sections present in both are joined), kept like `parsed`. */
function withPageMessages(parent: AbstractIntlMessages, json: string): AbstractIntlMessages {
  let forParent = merged.get(parent);
  if (!forParent) merged.set(parent, (forParent = new Map()));
  let messages = forParent.get(json);
  if (!messages) {
    const joined: Tree = { ...(parent as Tree) };
    for (const [section, value] of Object.entries(messagesOf(json) as Tree)) {
      const before = joined[section];
      joined[section] = typeof before === 'object' && typeof value === 'object' ? { ...before, ...value } : value;
    }
    forParent.set(json, (messages = joined));
  }
  return messages;
}

/**
 * A page's own messages (components/page-messages.tsx) on top of the layouts', which the root layout's
 * provider already sent: the page does not send them twice.
 */
export function PageIntlProvider({ messagesJson, children }: { messagesJson: string; children: ReactNode }) {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const messages = withPageMessages(useMessages(), messagesJson);
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
  const locale = useLocale();
  const timeZone = useTimeZone();
  const messages = useMessages();
  const t = useMemo(() => sharedTranslator({ locale, timeZone, messages, onError }), [locale, timeZone, messages]);
  return useMemo(
    () =>
      Object.assign(((key, vars) => translateWith(t as never, key, vars)) as Translate, {
        raw: (keyOrText: string) => translateWith(t as never, keyOrText),
      }),
    [t],
  );
}
