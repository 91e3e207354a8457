'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { retryJobAction } from './actions';
import { useRetryStatus } from './retry-status';

/** Puts a failed job back in the queue; the outcome is said above the list (RetryStatusProvider). */
export function RetryButton({ id, label }: { id: number; label: string }) {
  const t = useT();
  const router = useRouter();
  const say = useRetryStatus();
  const [pending, setPending] = useState(false);

  async function retry() {
    setPending(true);
    say(null);
    try {
      const result = await retryJobAction(id);
      if (result.ok) {
        say({ tone: 'success', text: t('jobs.retried', { id }) });
        router.refresh();
      } else {
        say({ tone: 'error', text: t.raw(result.formError ?? 'errors.generic') });
      }
    } catch {
      say({ tone: 'error', text: t('errors.generic') });
    } finally {
      setPending(false);
    }
  }

  return (
    <Button variant="secondary" size="sm" pending={pending} onClick={() => void retry()} aria-label={label}>
      {t('jobs.retry')}
    </Button>
  );
}
