'use client';

import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';

export type ActionStatus = { tone: 'success' | 'error'; text: string };

/**
 * Runs a server action from a button: pending while it runs, then one line for `say` on how it went. A
 * refusal says its own message; a throw (the network, the server gone) only the generic one.
 */
export function useActionStatus(say: (status: ActionStatus | null) => void) {
  const t = useT();
  const [pending, setPending] = useState(false);

  /** The action's answer, or undefined when it threw. */
  async function run<T>(action: () => Promise<ActionResult<T>>, done: (data: T) => string): Promise<ActionResult<T> | undefined> {
    setPending(true);
    say(null);
    try {
      const result = await action();
      say(result.ok ? { tone: 'success', text: done(result.data) } : { tone: 'error', text: t.raw(result.formError ?? 'errors.generic') });
      return result;
    } catch {
      say({ tone: 'error', text: t('errors.generic') });
      return undefined;
    } finally {
      setPending(false);
    }
  }

  return { pending, run };
}
