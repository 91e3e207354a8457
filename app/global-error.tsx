'use client';

import { useSyncExternalStore } from 'react';
import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/database-unavailable';
import type { Language } from '@/lib/mail/services';
import { errorPageEn, errorPageIt } from '@/lib/i18n/messages/error-page';
import './globals.css';

const noChanges = () => () => {};
const browserLanguage = (): Language => (navigator.language.toLowerCase().startsWith('it') ? 'it' : 'en');
// Only this page's few texts, in both languages: the root layout that hands one language over is not there.
const texts = { en: errorPageEn, it: errorPageIt } satisfies Record<Language, typeof errorPageEn>;
const APP_NAME = 'mailpanel';

// The root layout itself failed, so its language and styles are not there: this page brings its own
// and speaks the browser's language once it runs in the browser.
export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const language = useSyncExternalStore(noChanges, browserLanguage, () => 'en' as Language);
  const t = texts[language];
  const unavailable = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  return (
    <html lang={language}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <title>{`${unavailable ? t.unavailableTitle : t.genericTitle} · ${APP_NAME}`}</title>
        <main id="content" className="flex min-h-screen flex-col items-center justify-center gap-4 px-4 text-center">
          <h1 className="text-xl font-semibold">{unavailable ? t.unavailableTitle : t.genericTitle}</h1>
          <p className="max-w-prose text-slate-600">{unavailable ? t.databaseDown : t.genericBody}</p>
          <button
            type="button"
            onClick={() => retry()}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {t.retry}
          </button>
        </main>
      </body>
    </html>
  );
}
