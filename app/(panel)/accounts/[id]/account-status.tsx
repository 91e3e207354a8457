'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { setAccountActiveAction } from '../actions';

type Props = {
  id: number;
  /** As shown (Unicode domain). */
  address: string;
  active: boolean;
  /** The mail servers still have work for it (the list reads Updating). */
  updating: boolean;
  /** The domain's name when the domain is deactivated (the account is then offline whatever `active` says). */
  inactiveDomain: string | null;
  /** The caller may deactivate / reactivate (otherwise only the status is shown). */
  canToggle: boolean;
  /** Open the confirmation at once (the list's "More" menu links here with ?action=…). */
  openConfirmation: boolean;
};

/** Online / Offline, and deactivating or reactivating the account after a confirmation step. */
export function AccountStatus({ id, address, active, updating, inactiveDomain, canToggle, openConfirmation }: Props) {
  const t = useT();
  const router = useRouter();
  const [confirming, setConfirming] = useState(canToggle && openConfirmation);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const confirmation = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const noticeBox = useRef<HTMLDivElement>(null);

  // Focus follows the step: into the confirmation when it opens (also when the page opened it).
  useEffect(() => {
    if (!confirming) return;
    confirmation.current?.focus();
    confirmation.current?.scrollIntoView({ block: 'center' });
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    // The button is back after this render.
    requestAnimationFrame(() => toggle.current?.focus());
  };

  const apply = async (next: boolean) => {
    setPending(true);
    setError(null);
    setNotice(null);
    const result = await setAccountActiveAction(id, next).catch(() => null);
    setPending(false);
    setConfirming(false);
    if (!result) return setError(t('errors.generic'));
    if (!result.ok) return setError(t.raw(result.formError ?? 'errors.generic'));
    setNotice(next ? t('accounts.reactivated') : t('accounts.deactivated'));
    requestAnimationFrame(() => noticeBox.current?.focus());
    router.refresh();
  };

  const label = active ? t('accounts.deactivate') : t('accounts.reactivate');

  return (
    <Card id="account-status" aria-labelledby="account-status-title" role="region" className="scroll-mt-6">
      <CardTitle id="account-status-title">{t('accounts.statusTitle')}</CardTitle>
      <p className="mt-1 text-sm text-slate-700">{active ? t('accounts.onlineText') : t('accounts.offlineText')}</p>
      {inactiveDomain !== null && <p className="mt-1 text-sm text-slate-700">{t('accounts.domainOfflineText', { domain: inactiveDomain })}</p>}
      {updating && <p className="mt-1 text-sm text-slate-700">{t('accounts.updatingText')}</p>}
      {notice && (
        <div ref={noticeBox} tabIndex={-1} className="mt-3 outline-none">
          <Alert tone="success">{notice}</Alert>
        </div>
      )}
      {error && <Alert tone="error" className="mt-3">{error}</Alert>}
      {canToggle && (
        <div className="mt-4 flex flex-wrap items-center gap-3">
          {!confirming && (
            <Button ref={toggle} variant={active ? 'secondary' : 'primary'} onClick={() => setConfirming(true)}>
              {label}
            </Button>
          )}
          {confirming && (
            <div
              ref={confirmation}
              role="group"
              aria-label={label}
              tabIndex={-1}
              className="flex flex-wrap items-center gap-3 rounded-md focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600"
            >
              <p className="text-sm text-slate-900">
                {active ? t('accounts.confirmDeactivate', { address }) : t('accounts.confirmReactivate', { address })}
              </p>
              <Button variant={active ? 'danger' : 'primary'} pending={pending} onClick={() => void apply(!active)}>
                {active ? t('accounts.confirmDeactivateButton') : t('accounts.confirmReactivateButton')}
              </Button>
              <Button variant="ghost" disabled={pending} onClick={cancel}>
                {t('common.cancel')}
              </Button>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
