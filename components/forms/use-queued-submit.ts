'use client';

import { useEffect, useRef } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';

/**
 * A form's props so that a submit made before the page's JavaScript arrived is not lost: until React has
 * hydrated, the form carries data-queue-submit (SubmitQueueScript holds such a submit and marks the form
 * data-queued); once hydrated, a held submit is sent again, through the form's own onSubmit.
 */
export function useQueuedSubmit() {
  const hydrated = useHydrated();
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const form = ref.current;
    if (!hydrated || !form?.hasAttribute('data-queued')) return;
    form.removeAttribute('data-queued');
    form.requestSubmit();
  }, [hydrated]);
  return { ref, 'data-queue-submit': hydrated ? undefined : '' };
}
