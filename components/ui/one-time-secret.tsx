'use client';

import { useId, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from './button';

/** A secret shown once (a generated password): readable, selectable and copyable. */
export function OneTimeSecret({ label, value }: { label: string; value: string }) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-h-10 min-w-0 flex-1 rounded-md border border-slate-500 bg-slate-50 px-3 font-mono text-sm"
        />
        <Button variant="secondary" onClick={() => void copy()}>
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      </div>
    </div>
  );
}
