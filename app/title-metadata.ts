import type { Metadata } from 'next';
import { can, type Action } from '@/lib/auth/permissions';
import { getCaller } from '@/lib/auth/session';
import { isDatabaseUnavailable } from '@/lib/errors';
import { getT } from '@/lib/i18n/server';
import type { MessageKey } from '@/lib/i18n/translate';

/**
 * The generateMetadata of a page whose title is one message, in the reader's language. With the page's
 * permission: a caller the page does not exist for (it answers 404) gets the not-found title, not the
 * title of a page it may not see.
 */
export function titleMetadata(key: MessageKey, permission?: Action): () => Promise<Metadata> {
  return async () => {
    const t = await getT();
    if (permission) {
      // While the database is down the page shows the outage page: it keeps its title (getT says why).
      const caller = await getCaller().catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) return null;
        throw error;
      });
      if (caller && !can(caller, permission)) return { title: t('errors.notFoundTitle') };
    }
    return { title: t(key) };
  };
}
