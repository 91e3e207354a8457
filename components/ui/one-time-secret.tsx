'use client';

import { useId, useRef } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from './alert';
import { Button } from './button';
import { fieldClasses } from './classes';
import { useClipboard } from './use-clipboard';

/** A secret shown once (a generated password): read-only, selectable, with a copy button. */
export function OneTimeSecret({ label, value }: { label: string; value: string }) {
  const t = useT();
  const inputId = useId();
  const warningId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const clipboard = useClipboard();
  const state = clipboard.state;

  async function copy() {
    // No clipboard (e.g. plain http): leave the text selected for a manual copy.
    if (!(await clipboard.copy(value))) inputRef.current?.select();
  }

  return (
    <div className="space-y-2">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          readOnly
          value={value}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={warningId}
          onFocus={(event) => event.currentTarget.select()}
          className={`${fieldClasses} font-mono tracking-wide`}
        />
        <Button variant="secondary" onClick={() => void copy()} className="shrink-0">
          {state === 'copied' ? t('common.copied') : t('common.copy')}
        </Button>
      </div>
      <p role="status" className="sr-only">
        {state === 'copied' ? t('common.copied') : ''}
      </p>
      {state === 'failed' && <Alert tone="error">{t('common.copyFailed')}</Alert>}
      <Alert tone="warning" id={warningId}>
        {t('common.shownOnce')}
      </Alert>
    </div>
  );
}
