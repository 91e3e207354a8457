import { createTranslator, type AbstractIntlMessages, type IntlError } from 'next-intl';
import { formats } from './formats';

type Translator = ReturnType<typeof createTranslator>;

// A translator keeps each message's parsed form and each Intl formatter it builds. next-intl's per-request
// translators (getTranslations, useTranslations under a new provider) start empty on every request, so a
// page re-parsed every message it showed: on the account list that cost about a third of the server's time
// per request (bench/RESULTS.md). The catalogues never change while the process runs, so one translator per
// language and time zone serves every request; in the browser it is the page's one translator.
const translators = new Map<string, Translator>();

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
  const key = `${locale}|${timeZone ?? ''}`;
  let translator = translators.get(key);
  if (!translator) {
    translator = createTranslator({ locale, timeZone, messages, formats, onError });
    translators.set(key, translator);
  }
  return translator;
}
