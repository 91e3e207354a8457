'use client';

import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';

// Whatever failed, the user sees a plain message and a way to retry, never a stack trace.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useT();
  return (
    <main id="content" className="flex min-h-[60vh] flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-xl font-semibold">{t('errors.generic')}</h1>
      <Button variant="secondary" onClick={() => reset()}>
        {t('errors.retry')}
      </Button>
    </main>
  );
}
