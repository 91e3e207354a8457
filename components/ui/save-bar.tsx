'use client';

import type { ReactNode } from 'react';
import { Button } from './button';
import { StrokeIcon } from './stroke-icon';

export type SaveStatus = { tone: 'success' | 'error'; text: string } | null;

const ICONS = {
  success: 'M22 11.1V12a10 10 0 1 1-5.9-9.1M22 4 12 14l-3-3',
  error: 'M12 9v4m0 4h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z',
};

/**
 * A form's save button with its outcome beside it, where the eye already is after the click. The live
 * region is always in the page (empty until a save), so a screen reader announces each new outcome.
 */
export function SaveBar({ status, pending, children }: { status: SaveStatus; pending: boolean; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <Button type="submit" pending={pending}>
        {children}
      </Button>
      <p role="status" aria-live="polite" className="min-w-0 text-sm font-medium wrap-anywhere">
        {status && (
          <span className={['inline-flex items-start gap-1.5', status.tone === 'success' ? 'text-green-800' : 'text-red-800'].join(' ')}>
            <StrokeIcon className="mt-0.5 size-4 shrink-0">
              <path d={ICONS[status.tone]} />
            </StrokeIcon>
            <span>{status.text}</span>
          </span>
        )}
      </p>
    </div>
  );
}
