'use client';

import { useState, useTransition } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { endSessionAction } from './session-actions';

/** Signs one of one's other sessions out (the list is the page's; it reloads without the row). */
export function EndSessionButton({ id, label }: { id: number; label: string }) {
  const t = useT();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function end() {
    setError(null);
    startTransition(async () => {
      const result = await endSessionAction(id);
      if (!result.ok) setError(t.raw(result.formError ?? 'errors.generic'));
    });
  }

  return (
    <>
      <Button variant="secondary" size="sm" pending={pending} aria-label={label} onClick={end}>
        {t('selfService.sessions.signOut')}
      </Button>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </>
  );
}
