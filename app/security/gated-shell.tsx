import type { ReactNode } from 'react';
import { I18nProvider } from '@/components/language-provider';
import { SignOutButton } from '@/components/shell/sign-out-button';
import type { Caller } from '@/lib/auth/caller';
import { translator } from '@/lib/i18n/translate';

/** The frame of a gate page (a forced password change, forced OTP enrolment): no navigation, only a way out. */
export function GatedShell({ caller, children }: { caller: Caller; children: ReactNode }) {
  const t = translator(caller.language);
  return (
    <I18nProvider language={caller.language}>
      <div className="min-h-screen px-4 py-8 sm:py-12">
        <div className="mx-auto w-full max-w-xl space-y-6">
          <header className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-lg font-semibold tracking-tight text-indigo-700">{t('app.name')}</p>
            <div className="flex items-center gap-3">
              <p className="text-sm text-slate-700 wrap-anywhere">{t('shell.signedInAs', { label: caller.label })}</p>
              <SignOutButton />
            </div>
          </header>
          <main id="content" className="space-y-4">
            <p className="text-sm text-slate-600">{t('security.gate.notice')}</p>
            {children}
          </main>
        </div>
      </div>
    </I18nProvider>
  );
}
