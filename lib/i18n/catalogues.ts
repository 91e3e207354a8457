import type { Language } from '@/lib/mail/services';
import en from './messages/en.json';
import it from './messages/it.json';
import type { Messages, Widen } from './messages/types';

/**
 * Both languages: for the server only. The browser gets one language, through the provider.
 * tsc checks the JSON both ways: Italian has every English key, and English every Italian one.
 */
export const catalogues: Record<Language, Messages> = { en: en satisfies Widen<typeof it>, it: it satisfies Messages };
