'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { setDomainActiveAction } from '../actions';

export function DomainStatus({ id, name, active }: { id: number; name: string; active: boolean }) {
  const t = useT();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const apply = async (next: boolean) => {
    setPending(true);
    setError(null);
    const result = await setDomainActiveAction(id, next);
    setPending(false);
    setConfirming(false);
    if (!result.ok) return setError(t.raw(result.formError ?? 'errors.generic'));
    router.refresh();
  };

  return (
    <Card>
      <CardTitle>{t('domains.statusTitle')}</CardTitle>
      <p className="mt-1 text-sm text-slate-700">{active ? t('domains.activeText') : t('domains.inactiveText')}</p>
      {error && <Alert tone="error" className="mt-3">{error}</Alert>}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        {active && !confirming && (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            {t('domains.deactivate')}
          </Button>
        )}
        {active && confirming && (
          <div role="group" aria-label={t('domains.deactivate')} className="flex flex-wrap items-center gap-3">
            <p className="text-sm text-slate-900">{t('domains.confirmDeactivate', { name })}</p>
            <Button variant="danger" pending={pending} onClick={() => void apply(false)}>
              {t('domains.confirm')}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        )}
        {!active && (
          <Button pending={pending} onClick={() => void apply(true)}>
            {t('domains.reactivate')}
          </Button>
        )}
      </div>
    </Card>
  );
}
