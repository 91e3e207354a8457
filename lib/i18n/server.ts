import 'server-only';
import { headers } from 'next/headers';
import { getCaller } from '@/lib/auth/session';
import { isDatabaseUnavailable } from '@/lib/errors';
import type { Language } from '@/lib/mail/services';
import { pickLanguage } from './accept-language';
import type { Translate } from './keys';
import { translator } from './translate';

export type Localization = { language: Language; timeZone: string };

/**
 * The signed-in user's language and time zone, or else the browser's language (also while the database is
 * down: the error page speaks it). i18n/request.ts hands this to next-intl for every request.
 */
export async function getLocalization(): Promise<Localization> {
  const caller = await getCaller().catch((error: unknown) => {
    if (isDatabaseUnavailable(error)) return null;
    throw error;
  });
  if (caller) return { language: caller.language, timeZone: caller.timeZone };
  return { language: pickLanguage((await headers()).get('accept-language')), timeZone: 'UTC' };
}

export async function getLanguage(): Promise<Language> {
  return (await getLocalization()).language;
}

/** The request's translator (next-intl's), with the panel's keys: `key|{json}` and text passing through. */
export async function getT(): Promise<Translate> {
  // The process's translator for the language, not next-intl's per-request one (lib/i18n/shared-translator.ts).
  return translator(await getLanguage());
}
