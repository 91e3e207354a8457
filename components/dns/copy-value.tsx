'use client';

import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { useClipboard } from '@/components/ui/use-clipboard';

/** A small copy button for a value shown beside it (a DNS record); says "Copied" when it worked. */
export function CopyValue({ value, label }: { value: string; label: string }) {
  const t = useT();
  const { state, copy } = useClipboard();

  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" size="sm" aria-label={label} onClick={() => void copy(value)}>
        {state === 'copied' ? t('common.copied') : t('common.copy')}
      </Button>
      <span role="status" className="text-xs text-slate-700">
        {state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}
