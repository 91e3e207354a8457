'use client';

import { useRouter } from 'next/navigation';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { useActionStatus } from '@/components/ui/use-action-status';
import { retryJobAction } from './actions';
import { useRetryStatus } from './retry-status';

/** Puts a failed job back in the queue; the outcome is said above the list (RetryStatusProvider). */
export function RetryButton({ id, label }: { id: number; label: string }) {
  const t = useT();
  const router = useRouter();
  const say = useRetryStatus();
  const { pending, run } = useActionStatus(say);

  async function retry() {
    const result = await run(() => retryJobAction(id), () => t('jobs.retried', { id }));
    if (result?.ok) router.refresh();
  }

  return (
    <Button variant="secondary" size="sm" pending={pending} onClick={() => void retry()} aria-label={label}>
      {t('jobs.retry')}
    </Button>
  );
}
