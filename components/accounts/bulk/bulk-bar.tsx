'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n-provider';
import { BULK_ACTIONS, BULK_IDS_MAX, type BulkAction, type BulkEvent, type BulkSummary } from '@/lib/validations/account-bulk-constants';
import { SERVICES } from '@/lib/mail/services';
import { BULK_FORM } from './bulk-form';
import { readBulkStream } from './read-bulk-stream';


const boxes = () => [...document.querySelectorAll<HTMLInputElement>(`input[form="${BULK_FORM}"][name="id"]`)];

type Props = {
  domainId: number;
  /** Accounts the list's current search matches (all pages). */
  total: number;
  /** `total` is a lower bound (the list counts a search or filter only up to a cap): more match. */
  totalCapped?: boolean;
  q: string;
  /** The list's filters as its URL names them: "all that match" is what the list shows. */
  filters: Record<string, string>;
  /** Rows on this page (each with its checkbox). */
  onPage: number;
  storageOptions: { value: number; label: string }[];
};

/**
 * Selection and bulk actions above the account list: the ticked rows of this page, or "all N that match"
 * the search (read on the server), then one action. The work runs on the server in groups of accounts;
 * its progress and then what was done and refused are shown here.
 */
export function BulkBar({ domainId, total, totalCapped = false, q, filters, onPage, storageOptions }: Props) {
  const t = useT();
  const router = useRouter();
  const [ticked, setTicked] = useState(0);
  const [allMatching, setAllMatching] = useState(false);
  const [action, setAction] = useState<BulkAction>('deactivate');
  const [quota, setQuota] = useState(String(storageOptions[0]?.value ?? ''));
  const [service, setService] = useState<string>(SERVICES[0]);
  const [confirm, setConfirm] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<BulkSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  const recount = useCallback(() => setTicked(boxes().filter((box) => box.checked).length), []);

  useEffect(() => {
    const onChange = (event: Event) => {
      const target = event.target as HTMLInputElement | null;
      if (target?.getAttribute('form') !== BULK_FORM) return;
      setAllMatching(false);
      recount();
    };
    document.addEventListener('change', onChange);
    return () => document.removeEventListener('change', onChange);
  }, [recount]);

  const count = allMatching ? total : ticked;
  const tickPage = (checked: boolean) => {
    for (const box of boxes()) box.checked = checked;
    setAllMatching(false);
    recount();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSummary(null);
    const body: Record<string, unknown> = allMatching ? { action, match: { ...filters, q } } : { action, ids: boxes().filter((b) => b.checked).map((b) => Number(b.value)) };
    if (action === 'storage') body.quotaBytes = Number(quota);
    if (action === 'serviceOn' || action === 'serviceOff') body.service = service;
    if (action === 'delete') body.confirmCount = /^\d+$/.test(confirm.trim()) ? Number(confirm.trim()) : -1;
    setProgress({ done: 0, total: count });
    try {
      const response = await fetch(`/domains/${domainId}/accounts/bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok || !response.body) {
        const problem = (await response.json().catch(() => null)) as { detail?: string; errors?: { detail: string }[] } | null;
        setError(problem?.errors?.[0]?.detail ?? problem?.detail ?? t('errors.generic'));
        return;
      }
      await readBulkStream(response.body, (line: BulkEvent) => {
        if (line.type === 'progress') setProgress({ done: line.done, total: line.total });
        else if (line.type === 'result') setSummary(line.summary);
        else setError(line.message);
      });
      tickPage(false);
      setConfirm('');
      router.refresh();
    } catch {
      setError(t('errors.generic'));
    } finally {
      setProgress(null);
    }
  }

  const pageAll = onPage > 0 && ticked === onPage;
  const busy = progress !== null;
  const field = 'block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm sm:w-auto';
  const refusedTotal = summary?.refused.reduce((sum, r) => sum + r.count, 0) ?? 0;

  return (
    <section aria-label={t('accounts.bulk.actionLabel')} className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      <form id={BULK_FORM} onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={pageAll} onChange={(e) => tickPage(e.target.checked)} disabled={onPage === 0 || busy} />
          {t('accounts.bulk.selectPage')}
        </label>
        <p aria-live="polite" className="font-medium">
          {allMatching ? t(totalCapped ? 'accounts.bulk.allMatchingMore' : 'accounts.bulk.allMatching', { count: total }) : t('accounts.bulk.selected', { count: ticked })}
        </p>
        {pageAll && !allMatching && total > onPage && (
          <button type="button" className="text-indigo-700 underline underline-offset-2" onClick={() => setAllMatching(true)}>
            {t(totalCapped ? 'accounts.bulk.selectAllMatchingMore' : 'accounts.bulk.selectAllMatching', { count: total })}
          </button>
        )}
        {(ticked > 0 || allMatching) && (
          <button type="button" className="text-indigo-700 underline underline-offset-2" onClick={() => tickPage(false)}>
            {t('accounts.bulk.clear')}
          </button>
        )}
        <div className="flex w-full flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor="bulk-action">{t('accounts.bulk.actionLabel')}</label>
            <select id="bulk-action" className={field} value={action} onChange={(e) => setAction(e.target.value as BulkAction)}>
              {BULK_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`accounts.bulk.actions.${a}`)}
                </option>
              ))}
            </select>
          </div>
          {action === 'storage' && (
            <div className="flex flex-col gap-1">
              <label htmlFor="bulk-storage">{t('accounts.bulk.storageLabel')}</label>
              <select id="bulk-storage" className={field} value={quota} onChange={(e) => setQuota(e.target.value)}>
                {storageOptions.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          {(action === 'serviceOn' || action === 'serviceOff') && (
            <div className="flex flex-col gap-1">
              <label htmlFor="bulk-service">{t('accounts.bulk.serviceLabel')}</label>
              <select id="bulk-service" className={field} value={service} onChange={(e) => setService(e.target.value)}>
                {SERVICES.map((s) => (
                  <option key={s} value={s}>
                    {t(`plans.servicesShort.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {action === 'delete' && count > 0 && (
            <label className="flex flex-col gap-1">
              <span>
                <strong>{allMatching && totalCapped ? t('accounts.bulk.deleteTitleMore', { count }) : t('accounts.bulk.deleteTitle', { count })}</strong> {t('accounts.bulk.deleteText')}
              </span>
              <span>{t('accounts.bulk.confirmCountLabel')}</span>
              <input className={field} inputMode="numeric" autoComplete="off" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
            </label>
          )}
          <button
            type="submit"
            disabled={busy || count === 0 || (!allMatching && ticked > BULK_IDS_MAX)}
            className="rounded-md bg-indigo-700 px-3 py-1.5 font-medium text-white disabled:opacity-50"
          >
            {t('accounts.bulk.apply')}
          </button>
        </div>
      </form>
      {progress && (
        <div>
          <progress className="w-full" value={progress.done} max={Math.max(1, progress.total)} aria-label={t('accounts.bulk.working', progress)} />
          <p aria-live="polite">{t('accounts.bulk.working', progress)}</p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
      {summary && (
        <div role="status">
          <p>{t('accounts.bulk.summary', { changed: summary.changed, unchanged: summary.unchanged, refused: refusedTotal })}</p>
          {summary.refused.length > 0 && (
            <ul className="list-disc pl-5">
              {summary.refused.map((r) => (
                <li key={r.reason}>
                  {t(`accounts.bulk.reasons.${r.reason}`)}: {r.count}
                  {r.addresses.length > 0 && <span className="break-all text-slate-600"> ({r.addresses.join(', ')})</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
