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

const KEY_TEXTS = {
  rsa: { activate: 'dns.dkim.activate', activated: 'dns.dkim.activated', create: 'dns.dkim.create', rotate: 'dns.dkim.rotate' },
  ed25519: { activate: 'dns.dkim.ed25519.activate', activated: 'dns.dkim.ed25519.activated', create: 'dns.dkim.ed25519.create', rotate: 'dns.dkim.ed25519.rotate' },
} as const;

/**
 * Creating a key of one algorithm (or the next one: rotation) and switching signing to a published pending
 * key. The RSA key is the domain's signature; ed25519 is the second one, off until a key is made, with a way
 * to turn it off again.
 */
function KeyControls({ id, algorithm, rotates, quiet, hasPending, canStop }: { id: number; algorithm: 'rsa' | 'ed25519'; rotates: boolean; quiet: boolean; hasPending: boolean; canStop: boolean }) {
  const t = useT();
  const router = useRouter();
  const [status, setStatus] = useState<ActionStatus | null>(null);
  const create = useActionStatus(setStatus);
  const activate = useActionStatus(setStatus);
  const stop = useActionStatus(setStatus);
  const texts = KEY_TEXTS[algorithm];
  const refresh = (result: { ok: boolean } | undefined) => {
    if (result?.ok) router.refresh();
  };
  return (
    <div className="mt-4">
      <div className="flex flex-wrap gap-3">
        {hasPending && (
          <Button pending={activate.pending} onClick={() => void activate.run(() => activateDkimKeyAction(id, algorithm), ({ selector }) => t(texts.activated, { selector })).then(refresh)}>
            {t(texts.activate)}
          </Button>
        )}
        <Button
          variant={quiet ? 'secondary' : 'primary'}
          pending={create.pending}
          onClick={() => void create.run(() => createDkimKeyAction(id, algorithm), ({ selector }) => t('dns.dkim.created_', { selector })).then(refresh)}
        >
          {t(rotates ? texts.rotate : texts.create)}
        </Button>
        {canStop && (
          <Button variant="secondary" pending={stop.pending} onClick={() => void stop.run(() => stopEd25519SigningAction(id), () => t('dns.dkim.ed25519.stopped')).then(refresh)}>
            {t('dns.dkim.ed25519.stop')}
          </Button>
        )}
      </div>
      <StatusLine status={status} />
    </div>
  );
}

/** The domain's RSA key: create, rotate, activate. */
export function DkimKeyControls({ id, hasKey, hasPending }: { id: number; hasKey: boolean; hasPending: boolean }) {
  return <KeyControls id={id} algorithm="rsa" rotates={hasKey} quiet={hasPending} hasPending={hasPending} canStop={false} />;
}

/** The second signature (ed25519): its own pending → active → rotation, like the RSA key's, and off again. */
export function Ed25519KeyControls({ id, hasKey, hasPending, hasActive }: { id: number; hasKey: boolean; hasPending: boolean; hasActive: boolean }) {
  return <KeyControls id={id} algorithm="ed25519" rotates={hasActive} quiet={hasPending || hasKey} hasPending={hasPending} canStop={hasActive || hasPending} />;
}
