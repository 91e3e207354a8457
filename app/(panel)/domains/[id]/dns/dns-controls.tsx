'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useActionStatus, type ActionStatus } from '@/components/ui/use-action-status';
import { activateDkimKeyAction, checkDomainDnsAction, createDkimKeyAction, stopEd25519SigningAction } from './actions';

/** The outcome of the last button (the Alert is its own live region: status, or alert for an error). */
function StatusLine({ status }: { status: ActionStatus | null }) {
  return status && <Alert tone={status.tone} className="mt-3">{status.text}</Alert>;
}

/** "Check now": the live check, then the page again with its outcome. */
export function DnsCheckButton({ id }: { id: number }) {
  const t = useT();
  const router = useRouter();
  const [status, setStatus] = useState<ActionStatus | null>(null);
  const { pending, run } = useActionStatus(setStatus);
  return (
    <div className="mt-4">
      <Button
        pending={pending}
        onClick={() =>
          void run(() => checkDomainDnsAction(id), () => t('dns.checkDone')).then((result) => {
            if (result?.ok) router.refresh();
          })
        }
      >
        {t('dns.checkNow')}
      </Button>
      <StatusLine status={status} />
    </div>
  );
}

/** Creating a key (or the next one: rotation) and switching signing to a published pending key. */
export function DkimKeyControls({ id, hasKey, hasPending }: { id: number; hasKey: boolean; hasPending: boolean }) {
  const t = useT();
  const router = useRouter();
  const [status, setStatus] = useState<ActionStatus | null>(null);
  const create = useActionStatus(setStatus);
  const activate = useActionStatus(setStatus);
  const refresh = (result: { ok: boolean } | undefined) => {
    if (result?.ok) router.refresh();
  };
  return (
    <div className="mt-4">
      <div className="flex flex-wrap gap-3">
        {hasPending && (
          <Button pending={activate.pending} onClick={() => void activate.run(() => activateDkimKeyAction(id), ({ selector }) => t('dns.dkim.activated', { selector })).then(refresh)}>
            {t('dns.dkim.activate')}
          </Button>
        )}
        <Button
          variant={hasPending ? 'secondary' : 'primary'}
          pending={create.pending}
          onClick={() => void create.run(() => createDkimKeyAction(id), ({ selector }) => t('dns.dkim.created_', { selector })).then(refresh)}
        >
          {hasKey ? t('dns.dkim.rotate') : t('dns.dkim.create')}
        </Button>
      </div>
      <StatusLine status={status} />
    </div>
  );
}

/**
 * The second signature: off until an ed25519 key is made ("Also sign with ed25519"); then its own pending →
 * active → rotation, like the RSA key's, and a way to turn it off again.
 */
export function Ed25519KeyControls({ id, hasKey, hasPending, hasActive }: { id: number; hasKey: boolean; hasPending: boolean; hasActive: boolean }) {
  const t = useT();
  const router = useRouter();
  const [status, setStatus] = useState<ActionStatus | null>(null);
  const create = useActionStatus(setStatus);
  const activate = useActionStatus(setStatus);
  const stop = useActionStatus(setStatus);
  const refresh = (result: { ok: boolean } | undefined) => {
    if (result?.ok) router.refresh();
  };
  return (
    <div className="mt-4">
      <div className="flex flex-wrap gap-3">
        {hasPending && (
          <Button pending={activate.pending} onClick={() => void activate.run(() => activateDkimKeyAction(id, 'ed25519'), ({ selector }) => t('dns.dkim.ed25519.activated', { selector })).then(refresh)}>
            {t('dns.dkim.ed25519.activate')}
          </Button>
        )}
        <Button
          variant={hasPending || hasKey ? 'secondary' : 'primary'}
          pending={create.pending}
          onClick={() => void create.run(() => createDkimKeyAction(id, 'ed25519'), ({ selector }) => t('dns.dkim.created_', { selector })).then(refresh)}
        >
          {hasActive ? t('dns.dkim.ed25519.rotate') : t('dns.dkim.ed25519.create')}
        </Button>
        {(hasActive || hasPending) && (
          <Button variant="secondary" pending={stop.pending} onClick={() => void stop.run(() => stopEd25519SigningAction(id), () => t('dns.dkim.ed25519.stopped')).then(refresh)}>
            {t('dns.dkim.ed25519.stop')}
          </Button>
        )}
      </div>
      <StatusLine status={status} />
    </div>
  );
}
