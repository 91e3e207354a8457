'use client';

import { useEffect } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

// What was typed in a step but not yet saved (the draft keeps only saved steps), kept in this tab while the
// person goes Back, so the step shows it again on return. Steps 2–4 only: step 1 holds a password, which
// never goes into the browser's storage.
const PREFIX = 'mailpanel:wizard:';

function stashKey(draftId: string, step: number): string {
  return `${PREFIX}${draftId}:${step}`;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage off (a privacy setting): the step shows what the draft saved, as before.
    return null;
  }
}

/** Forgets every step's unsaved values of a draft (it was created, or abandoned). */
export function dropDraftStash(draftId: string): void {
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) if (key.startsWith(`${PREFIX}${draftId}:`)) store.removeItem(key);
}

/**
 * Restores the step's unsaved values on arrival and keeps them on every change. `saving()` before the
 * step is sent (a save leaves the step: its values are in the draft then), `refused()` when it was not.
 */
export function useStepStash<T extends FieldValues>(draftId: string, step: number, form: Pick<UseFormReturn<T>, 'watch' | 'reset' | 'getValues'>) {
  const { watch, reset, getValues } = form;
  useEffect(() => {
    const store = storage();
    if (!store) return;
    const key = stashKey(draftId, step);
    try {
      const kept = store.getItem(key);
      if (kept) reset({ ...getValues(), ...(JSON.parse(kept) as T) }, { keepDefaultValues: true });
    } catch {
      store.removeItem(key);
    }
    const subscription = watch((values) => {
      try {
        store.setItem(key, JSON.stringify(values));
      } catch {
        // Full or refused: nothing is kept, nothing breaks.
      }
    });
    return () => subscription.unsubscribe();
  }, [draftId, step, watch, reset, getValues]);

  return {
    saving: () => storage()?.removeItem(stashKey(draftId, step)),
    refused: () => {
      try {
        storage()?.setItem(stashKey(draftId, step), JSON.stringify(getValues()));
      } catch {
        // As above.
      }
    },
  };
}
