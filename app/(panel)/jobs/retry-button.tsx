'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { retryJobAction } from './actions';

/** Puts a failed job back in the queue; says what happened next to the button. */
export function RetryButton({ id, label }: { id: number; label: string }) {
  const t = useT();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  async function retry() {
    setPending(true);
    setMessage(null);
    try {
      const result = await retryJobAction(id);
      if (result.ok) {
        setMessage({ tone: 'ok', text: t('jobs.retried', { id }) });
        router.refresh();
      } else {
        setMessage({ tone: 'error', text: t.raw(result.formError ?? 'errors.generic') });
      }
    } catch {
      setMessage({ tone: 'error', text: t('errors.generic') });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="secondary" size="sm" pending={pending} onClick={() => void retry()} aria-label={label}>
        {t('jobs.retry')}
      </Button>
      <p role="status" className={message?.tone === 'error' ? 'text-xs text-red-800' : 'text-xs text-slate-700'}>
        {message?.text ?? ''}
      </p>
    </div>
  );
}
