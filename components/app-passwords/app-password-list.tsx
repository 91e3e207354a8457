'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Table, Td, Th } from '@/components/ui/table';
import { useActionStatus, type ActionStatus } from '@/components/ui/use-action-status';
import type { ActionResult } from '@/lib/action-result';

/** One live app password, dates already formatted for the reader. */
export type AppPasswordRow = { id: number; name: string; protocol: 'imap' | 'pop3' | 'smtp'; created: string; lastUsed: string | null };

export type RevokeAppPassword = (id: number) => Promise<ActionResult<{ name: string }>>;

/** The live app passwords with a Revoke each (asked once more inline before it happens). */
export function AppPasswordList({ rows, revoke }: { rows: AppPasswordRow[]; revoke: RevokeAppPassword }) {
  const t = useT();
  const router = useRouter();
  const [asking, setAsking] = useState<number | null>(null);
  const [status, setStatus] = useState<ActionStatus | null>(null);
  const { pending, run } = useActionStatus(setStatus);

  async function confirm(row: AppPasswordRow) {
    // Refused or done, the question closes and the list is read again; only a throw leaves it open.
    if (!(await run(() => revoke(row.id), ({ name }) => t('appPasswords.revoked', { name })))) return;
    setAsking(null);
    router.refresh();
  }

  return (
    <div className="space-y-3">
      <div role="status">{status && <Alert tone={status.tone}>{status.text}</Alert>}</div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t('appPasswords.empty')}</p>
      ) : (
        <Table caption={t('appPasswords.listCaption')}>
          <thead>
            <tr>
              <Th>{t('appPasswords.columns.name')}</Th>
              <Th>{t('appPasswords.columns.protocol')}</Th>
              <Th>{t('appPasswords.columns.created')}</Th>
              <Th>{t('appPasswords.columns.lastUsed')}</Th>
              <Th>
                <span className="sr-only">{t('appPasswords.columns.actions')}</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} className="align-top">
                <Td className="min-w-32 font-medium wrap-anywhere text-slate-900">{row.name}</Td>
                <Td className="whitespace-nowrap">{t(`appPasswords.protocols.${row.protocol}`)}</Td>
                <Td className="whitespace-nowrap">{row.created}</Td>
                <Td className="whitespace-nowrap">{row.lastUsed ?? t('appPasswords.neverUsed')}</Td>
                <Td>
                  {asking === row.id ? (
                    <div className="flex flex-col gap-2" role="group" aria-label={t('appPasswords.revokeLabel', { name: row.name })}>
                      <p className="text-sm text-slate-800">{t('appPasswords.confirmRevoke', { name: row.name })}</p>
                      <div className="flex flex-wrap gap-2">
                        <Button variant="danger" size="sm" pending={pending} onClick={() => void confirm(row)}>
                          {t('appPasswords.confirm')}
                        </Button>
                        <Button variant="secondary" size="sm" disabled={pending} onClick={() => setAsking(null)}>
                          {t('common.cancel')}
                        </Button>
                      </div>
                    </div>
                  ) : (
                    <Button variant="secondary" size="sm" aria-label={t('appPasswords.revokeLabel', { name: row.name })} onClick={() => setAsking(row.id)}>
                      {t('appPasswords.revoke')}
                    </Button>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
