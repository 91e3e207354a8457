'use client';

import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/database-unavailable';

// Whatever failed, the user sees a plain message and a way to retry, never a stack trace. Next passes
// only the digest of a server error: ours says the database is unreachable.
export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const t = useT();
  const unavailable = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  return (
    <main id="content" className="flex min-h-[60vh] flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-xl font-semibold">{unavailable ? t('errorPage.unavailableTitle') : t('errorPage.genericTitle')}</h1>
      <p className="max-w-prose text-slate-600">{unavailable ? t('errors.databaseDown') : t('errorPage.genericBody')}</p>
      <Button variant="secondary" onClick={() => retry()}>
        {t('errors.retry')}
      </Button>
    </main>
  );
}
