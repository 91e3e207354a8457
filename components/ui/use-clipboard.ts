'use client';

import { useState } from 'react';

export type CopyState = 'idle' | 'copied' | 'failed';

/** Copies a text to the clipboard; says whether it worked (no clipboard on plain http, say). */
export function useClipboard() {
  const [state, setState] = useState<CopyState>('idle');
  async function copy(value: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
      return true;
    } catch {
      setState('failed');
      return false;
    }
  }
  return { state, copy };
}
