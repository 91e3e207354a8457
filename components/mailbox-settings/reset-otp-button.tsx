'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useActionStatus, type ActionStatus } from '@/components/ui/use-action-status';
import type { ActionResult } from '@/lib/action-result';
import { useMailboxVersion } from './version-context';

export type ResetOtpAction = (id: number) => Promise<ActionResult<{ version: number }>>;

/** Resets the account's OTP (a lost phone): the account's sessions end; it enrols again if OTP is required. */
export function ResetOtpButton({ id, action, disabled }: { id: number; action: ResetOtpAction; disabled?: boolean }) {
  const t = useT();
  const router = useRouter();
  const { setVersion } = useMailboxVersion();
  const [status, setStatus] = useState<ActionStatus | null>(null);
  const { pending, run } = useActionStatus(setStatus);

  async function reset() {
    const result = await run(() => action(id), () => t('security.reset.done'));
    if (!result?.ok) return;
    setVersion(result.data.version);
    router.refresh();
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
