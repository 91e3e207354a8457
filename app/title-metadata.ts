import type { Metadata } from 'next';
import { getT } from '@/lib/i18n/server';
import type { MessageKey } from '@/lib/i18n/translate';

/** The generateMetadata of a page whose title is one message, in the reader's language. */
export function titleMetadata(key: MessageKey): () => Promise<Metadata> {
  return async () => ({ title: (await getT())(key) });
}
