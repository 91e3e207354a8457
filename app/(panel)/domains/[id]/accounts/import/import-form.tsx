'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLanguage, useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/classes';
import { TextField } from '@/components/ui/text-field';
import type { GeneratedPassword } from '@/lib/accounts/import/import-accounts';
import type { ImportEvent } from '@/lib/accounts/import/present';
import type { ImportPreview, ImportReport } from '@/lib/accounts/import/preview-import';
import { formatBytes, formatNumber } from '@/lib/format';
import { IMPORT_MAX_BYTES, passwordsCsv } from '@/lib/validations/account-import-file';
import { IssuesTable, SampleTable } from './import-tables';

type State =
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'checked'; preview: ImportPreview }
  | { phase: 'importing'; preview: ImportPreview; done: number; total: number; writing: boolean }
  | { phase: 'done'; created: number; generated: GeneratedPassword[] }
  | { phase: 'refused'; report: ImportReport };

/** Reads the import's answer, one JSON line at a time. */
async function* events(response: Response): AsyncGenerator<ImportEvent> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield JSON.parse(line) as ImportEvent;
    }
  }
}

/** The file chosen, checked (preview), then imported; the generated passwords shown once at the end. */
export function ImportForm({ domainId, domainName, listHref }: { domainId: number; domainName: string; listHref: string }) {
  const t = useT();
  const language = useLanguage();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const progressId = useId();
  const base = `/domains/${domainId}/accounts/import`;

  useEffect(() => {
    if (state.phase === 'checked' || state.phase === 'done' || state.phase === 'refused') resultHeading.current?.focus();
  }, [state.phase]);

  function upload(path: string, body: File): Promise<Response> {
    return fetch(`${base}/${path}`, { method: 'POST', body, headers: { 'Content-Type': 'text/csv' } });
  }

  async function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (!file) {
      setError(t('accountImport.upload.chooseFile'));
      return;
    }
    // The server refuses it too, but only after the upload: say it at once.
    if (file.size > IMPORT_MAX_BYTES) {
      setError(t('accountImport.errors.tooLarge', { max: formatBytes(IMPORT_MAX_BYTES, language) }));
      return;
    }
    setState({ phase: 'checking' });
    try {
      const response = await upload('check', file);
      if (!response.ok) throw new Error(String(response.status));
      setState({ phase: 'checked', preview: (await response.json()) as ImportPreview });
    } catch {
      setState({ phase: 'idle' });
      setError(t('accountImport.upload.failed'));
    }
  }

  async function runImport(preview: ImportPreview) {
    if (!file) return;
    setError(null);
    setState({ phase: 'importing', preview, done: 0, total: preview.accounts, writing: false });
    try {
      const response = await upload('run', file);
      if (!response.ok || !response.body) throw new Error(String(response.status));
      for await (const event of events(response)) {
        if (event.type === 'progress') {
          setState((s) =>
            s.phase !== 'importing' ? s : event.phase === 'hashing' ? { ...s, done: event.done, total: event.total } : { ...s, writing: true },
          );
        } else if (event.type === 'error') {
          setState({ phase: 'checked', preview });
          setError(event.message);
        } else if (event.ok) {
          setState({ phase: 'done', created: event.created.length, generated: event.generated });
          // The room left, as the page shows it above, has changed.
          router.refresh();
        } else {
          setState({ phase: 'refused', report: event });
        }
      }
    } catch {
      setState({ phase: 'checked', preview });
      setError(t('accountImport.upload.failed'));
    }
  }

  function downloadPasswords(generated: GeneratedPassword[]) {
    const url = URL.createObjectURL(new Blob([passwordsCsv(generated)], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'generated-passwords.csv';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }

  function reset() {
    setFile(null);
    setError(null);
    setState({ phase: 'idle' });
  }

  const busy = state.phase === 'checking' || state.phase === 'importing';
  const heading = (text: string) => (
    <h3 ref={resultHeading} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
      {text}
    </h3>
  );

  if (state.phase === 'done') {
    return (
      <div className="space-y-5">
        {heading(t('accountImport.result.title'))}
        <Alert tone="success">{t('accountImport.result.created', { count: formatNumber(state.created, language), domain: domainName })}</Alert>
        {state.generated.length > 0 && (
          <section className="space-y-3" aria-labelledby={`${progressId}-passwords`}>
            <h4 id={`${progressId}-passwords`} className="text-sm font-semibold text-slate-900">
              {t('accountImport.result.passwordsTitle')}
            </h4>
            <Alert tone="warning">{t('accountImport.result.passwordsIntro')}</Alert>
            <Button variant="primary" onClick={() => downloadPasswords(state.generated)}>
              {t('accountImport.result.download')}
            </Button>
            <details className="rounded-md border border-slate-200 p-3">
              <summary className="cursor-pointer text-sm font-medium text-slate-900">
                {t('accountImport.result.show', { count: formatNumber(state.generated.length, language) })}
              </summary>
              <div className="relative mt-3 max-h-96 overflow-auto">
                <table className="min-w-full text-sm">
                  <caption className="sr-only">{t('accountImport.result.passwordsTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="py-1 pr-4 text-left font-semibold text-slate-700">
                        {t('accountImport.result.address')}
                      </th>
                      <th scope="col" className="py-1 text-left font-semibold text-slate-700">
                        {t('accountImport.result.password')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {state.generated.map((row) => (
                      <tr key={row.address}>
                        <td className="py-1 pr-4 wrap-anywhere">{row.address}</td>
                        <td className="py-1 font-mono">{row.password}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </section>
        )}
        <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-5">
          <Link href={listHref} className={buttonClasses('primary')}>
            {t('accountImport.result.toList')}
          </Link>
          <Button variant="secondary" onClick={reset}>
            {t('accountImport.result.another')}
          </Button>
        </div>
      </div>
    );
  }

  const report: ImportReport | null = state.phase === 'checked' || state.phase === 'importing' ? state.preview : state.phase === 'refused' ? state.report : null;
  const preview = state.phase === 'checked' || state.phase === 'importing' ? state.preview : null;
  const ready = report !== null && report.issueCount === 0 && state.phase !== 'refused';

  return (
    <div className="space-y-6">
      <form onSubmit={(event) => void check(event)} noValidate className="space-y-4">
        <TextField
          label={t('accountImport.upload.file')}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          error={error ?? undefined}
          onChange={(event) => {
            setFile(event.currentTarget.files?.[0] ?? null);
            setError(null);
            // A file changed after its check must be checked again.
            setState({ phase: 'idle' });
          }}
        />
        <Button type="submit" variant={ready ? 'secondary' : 'primary'} pending={state.phase === 'checking'} disabled={busy}>
          {t('accountImport.upload.check')}
        </Button>
      </form>

      {report && (
        <section className="space-y-4 border-t border-slate-200 pt-5">
          {heading(t('accountImport.preview.title'))}
          <p className="text-sm text-slate-700" role="status">
            {t('accountImport.preview.summary', { rows: formatNumber(report.rows, language), accounts: formatNumber(report.accounts, language) })}
          </p>
          {report.skipped.length > 0 && <Alert tone="info">{t('accountImport.preview.skipped', { rows: report.skipped.join(', ') })}</Alert>}
          {report.issueCount > 0 ? (
            <>
              <Alert tone="error" title={state.phase === 'refused' ? t('accountImport.result.refused') : undefined}>
                {t('accountImport.preview.problems', { count: formatNumber(report.issueCount, language) })}
                {report.issueCount > report.issues.length &&
                  ` ${t('accountImport.preview.problemsMore', { shown: report.issues.length, count: formatNumber(report.issueCount, language) })}`}
              </Alert>
              <IssuesTable issues={report.issues} />
            </>
          ) : (
            preview && (
              <>
                <Alert tone="success">{t('accountImport.preview.ready', { count: formatNumber(preview.accounts, language) })}</Alert>
                <SampleTable sample={preview.sample} total={preview.accounts} format={(bytes) => formatBytes(bytes, language)} />
                {state.phase === 'importing' ? (
                  <div className="space-y-2" role="status">
                    <label htmlFor={progressId} className="block text-sm font-medium text-slate-900">
                      {state.writing
                        ? t('accountImport.preview.writing')
                        : t('accountImport.preview.hashing', { done: formatNumber(state.done, language), total: formatNumber(state.total, language) })}
                    </label>
                    <progress id={progressId} max={state.total || 1} value={state.writing ? state.total : state.done} className="h-2 w-full accent-indigo-700" />
                  </div>
                ) : (
                  <Button onClick={() => void runImport(preview)}>{t('accountImport.preview.import')}</Button>
                )}
              </>
            )
          )}
        </section>
      )}
    </div>
  );
}
