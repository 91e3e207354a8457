import 'server-only';
import type { Language } from '@/lib/mail/services';
import { catalogues } from './catalogues';

const json = new Map<Language, string>();

/** One language's messages as the browser's provider takes them (components/i18n-provider.tsx): JSON, made once. */
export function browserMessages(language: Language): string {
  let text = json.get(language);
  if (text === undefined) json.set(language, (text = JSON.stringify(catalogues[language])));
  return text;
}
