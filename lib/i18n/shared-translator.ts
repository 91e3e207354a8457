import { createTranslator, type AbstractIntlMessages, type IntlError } from 'next-intl';
import { formats } from './formats';

type Translator = ReturnType<typeof createTranslator>;

// A translator keeps each message's parsed form and each Intl formatter it builds. next-intl's per-request
// translators (getTranslations, useTranslations under a new provider) start empty on every request, so a
// page re-parsed every message it showed: on the account list that cost about a third of the server's time
// per request (bench/RESULTS.md). The catalogues never change while the process runs, so one translator per
// language and time zone serves every request; in the browser it is the page's one translator. Keyed by
// the messages object too: a page's provider hands a part of the catalogue (components/i18n-provider.tsx
// keeps one object per part).
const translators = new WeakMap<AbstractIntlMessages, Map<string, Translator>>();

export function sharedTranslator({
  locale,
  timeZone,
  messages,
  onError,
}: {
  locale: string;
  timeZone: string | undefined;
  messages: AbstractIntlMessages;
  onError: (error: IntlError) => void;
}): Translator {
  let forMessages = translators.get(messages);
  if (!forMessages) translators.set(messages, (forMessages = new Map()));
  const key = `${locale}|${timeZone ?? ''}`;
  let translator = forMessages.get(key);
  if (!translator) forMessages.set(key, (translator = createTranslator({ locale, timeZone, messages, formats, onError })));
  return translator;
}
