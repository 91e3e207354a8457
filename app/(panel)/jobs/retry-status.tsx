'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';

type Status = { tone: 'success' | 'error'; text: string } | null;

const RetryStatusContext = createContext<(status: Status) => void>(() => {});

/**
 * Where a Retry's outcome is said: above the list, not in the job's row, which is gone as soon as the
 * retried job has run (often before the page has even refreshed).
 */
export function RetryStatusProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>(null);
  return (
    <RetryStatusContext.Provider value={setStatus}>
      <div role="status">{status && <Alert tone={status.tone}>{status.text}</Alert>}</div>
      {children}
    </RetryStatusContext.Provider>
  );
}

export function useRetryStatus(): (status: Status) => void {
  return useContext(RetryStatusContext);
}
