import 'server-only';
import { headers } from 'next/headers';
import { getCaller } from '@/lib/auth/session';
import type { Language } from '@/lib/mail/services';
import { pickLanguage } from './accept-language';
import { translator, type Translate } from './translate';

/** The signed-in user's language, or else the browser's. */
export async function getLanguage(): Promise<Language> {
  const caller = await getCaller();
  if (caller) return caller.language;
  return pickLanguage((await headers()).get('accept-language'));
}

export async function getT(): Promise<Translate> {
  return translator(await getLanguage());
}
