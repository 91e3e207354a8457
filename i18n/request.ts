import { getRequestConfig } from 'next-intl/server';
import { catalogues } from '@/lib/i18n/catalogues';
import { formats } from '@/lib/i18n/formats';
import { getLocalization } from '@/lib/i18n/server';
import { onIntlError } from '@/lib/i18n/translate';

// No locale in the URL: the language is the signed-in caller's, or the browser's (Accept-Language).
export default getRequestConfig(async () => {
  const { language, timeZone } = await getLocalization();
  return { locale: language, messages: catalogues[language], formats, timeZone, onError: onIntlError };
});
