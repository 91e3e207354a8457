'use client';

import { useSyncExternalStore } from 'react';
import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/database-unavailable';
import type { Language } from '@/lib/mail/services';
import { translator } from '@/lib/i18n/translate';
import './globals.css';

const noChanges = () => () => {};
const browserLanguage = (): Language => (navigator.language.toLowerCase().startsWith('it') ? 'it' : 'en');

// The root layout itself failed, so its language and styles are not there: this page brings its own
// and speaks the browser's language once it runs in the browser.
export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const language = useSyncExternalStore(noChanges, browserLanguage, () => 'en' as Language);
  const t = translator(language);
  const unavailable = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  return (
    <html lang={language}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <title>{`${unavailable ? t('errorPage.unavailableTitle') : t('errorPage.genericTitle')} · ${t('app.name')}`}</title>
        <main id="content" className="flex min-h-screen flex-col items-center justify-center gap-4 px-4 text-center">
          <h1 className="text-xl font-semibold">{unavailable ? t('errorPage.unavailableTitle') : t('errorPage.genericTitle')}</h1>
          <p className="max-w-prose text-slate-600">{unavailable ? t('errors.databaseDown') : t('errorPage.genericBody')}</p>
          <button
            type="button"
            onClick={() => retry()}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {t('errors.retry')}
          </button>
        </main>
      </body>
    </html>
  );
}
