'use client';

import { useEffect } from 'react';

/** Marks the document once React has hydrated it (SubmitQueueScript stops holding submits then). */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.setAttribute('data-hydrated', '');
  }, []);
  return null;
}
