'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/action-result';
import { useMailboxVersion } from './version-context';

export type ResetOtpAction = (id: number) => Promise<ActionResult<{ version: number }>>;

/** Resets the account's OTP (a lost phone): the account's sessions end; it enrols again if OTP is required. */
export function ResetOtpButton({ id, action, disabled }: { id: number; action: ResetOtpAction; disabled?: boolean }) {
  const t = useT();
  const router = useRouter();
  const { setVersion } = useMailboxVersion();
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function reset() {
    setPending(true);
    setStatus(null);
    try {
      const result = await action(id);
      if (result.ok) {
        setVersion(result.data.version);
        setStatus({ tone: 'success', text: t('security.reset.done') });
        router.refresh();
      } else {
        setStatus({ tone: 'error', text: t.raw(result.formError ?? 'errors.generic') });
      }
    } catch {
      setStatus({ tone: 'error', text: t('errors.generic') });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-2">
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      <Button variant="secondary" size="sm" pending={pending} disabled={disabled} onClick={() => void reset()}>
        {t('security.reset.button')}
      </Button>
    </div>
  );
}
