'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { buttonClasses } from '@/components/ui/classes';

type Problem = { detail?: string; errors?: { field: string; detail: string }[] };

/** "Export CSV" and the CSV import of a domain's aliases (issue 17, point 8): all or nothing, each problem by row and column. */
export function AliasCsvCard({ domainId, canImport }: { domainId: number; canImport: boolean }) {
  const t = useT();
  const router = useRouter();
  const base = `/domains/${domainId}/aliases`;
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string; lines: string[] } | null>(null);

  // rows[N].column → "Row N, column"; the messages come translated from the server.
  const where = (field: string) => {
    const match = /^rows\[(\d+)\](?:\.(.+))?$/.exec(field);
    if (!match) return t('aliases.csv.whereFile');
    return match[2] ? t('aliases.csv.where', { row: match[1]!, column: match[2] }) : t('aliases.csv.whereRow', { row: match[1]! });
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return setResult({ tone: 'error', text: t('aliases.csv.noFile'), lines: [] });
    setPending(true);
    setResult(null);
    try {
      const response = await fetch(`${base}/import.csv`, { method: 'POST', body: file, headers: { 'Content-Type': 'text/csv' } });
      const body = (await response.json().catch(() => ({}))) as Problem & { created?: unknown[] };
      if (response.ok) {
        setResult({ tone: 'success', text: t('aliases.csv.imported', { count: body.created?.length ?? 0 }), lines: [] });
        router.refresh();
      } else {
        setResult({ tone: 'error', text: body.detail ?? t('errors.generic'), lines: (body.errors ?? []).map((e) => `${where(e.field)}: ${e.detail}`) });
      }
    } catch {
      setResult({ tone: 'error', text: t('errors.generic'), lines: [] });
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <CardTitle>{t('aliases.csv.importTitle')}</CardTitle>
        <a href={`${base}/export.csv`} className={buttonClasses('secondary')} download>
          {t('aliases.csv.export')}
        </a>
      </div>
      {canImport && (
        <form onSubmit={(event) => void submit(event)} noValidate className="mt-3 space-y-3">
          <p className="text-sm text-slate-600">{t('aliases.csv.importIntro')}</p>
          <label className="block text-sm font-medium text-slate-900">
            {t('aliases.csv.file')}
            <input type="file" accept=".csv,text/csv" className="mt-1 block text-sm" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
          </label>
          {result && (
            <Alert tone={result.tone}>
              <p>{result.text}</p>
              {result.lines.length > 0 && (
                <ul className="mt-2 list-disc space-y-1 pl-5">
                  {result.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
          <Button type="submit" pending={pending}>
            {t('aliases.csv.import')}
          </Button>
        </form>
      )}
    </Card>
  );
}
