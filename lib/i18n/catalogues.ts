import type { Language } from '@/lib/mail/services';
import { en, type Messages } from './messages/en';
import { it } from './messages/it';

/** Both languages: for the server only. The browser gets one language, through the provider. */
export const catalogues: Record<Language, Messages> = { en, it };
