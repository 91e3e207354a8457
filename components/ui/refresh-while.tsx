'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Re-reads the page from the server every `everyMs` while `active` (a status that changes by itself,
 * such as Updating while the mail servers apply a change), for at most `forMs`. Typed input in client
 * components survives a refresh.
 */
export function RefreshWhile({ active, everyMs = 2_000, forMs = 120_000 }: { active: boolean; everyMs?: number; forMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > forMs) clearInterval(timer);
      else router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, forMs, router]);
  return null;
}
