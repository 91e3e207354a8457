import 'server-only';
import { headers } from 'next/headers';
import { getCaller } from '@/lib/auth/session';
import { isDatabaseUnavailable } from '@/lib/errors';
import type { Language } from '@/lib/mail/services';
import { pickLanguage } from './accept-language';
import { translator, type Translate } from './translate';

/** The signed-in user's language, or else the browser's (also while the database is down: the error page speaks it). */
export async function getLanguage(): Promise<Language> {
  const caller = await getCaller().catch((error: unknown) => {
    if (isDatabaseUnavailable(error)) return null;
    throw error;
  });
  if (caller) return caller.language;
  return pickLanguage((await headers()).get('accept-language'));
}

export async function getT(): Promise<Translate> {
  return translator(await getLanguage());
}
