import type { ReactNode } from 'react';
import { I18nProvider } from '@/components/language-provider';
import { StrokeIcon } from '@/components/ui/stroke-icon';
import type { Caller } from '@/lib/auth/caller';
import { translator } from '@/lib/i18n/translate';
import { MobileMenu } from './mobile-menu';
import { navItemsFor } from './nav-items';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';

export type AppShellProps = {
  caller: Caller;
  children: ReactNode;
};

export function AppShell({ caller, children }: AppShellProps) {
  const t = translator(caller.language);

  const brand = (
    <p className="flex items-center gap-2 text-lg font-semibold tracking-tight text-slate-900">
      <StrokeIcon className="size-6 text-indigo-700">
        <rect x="2" y="4" width="20" height="16" rx="2" />
        <path d="m22 7-10 6L2 7" />
      </StrokeIcon>
      {t('app.name')}
    </p>
  );

  const nav = (
    <nav aria-label={t('shell.mainNav')} className="px-3 py-4">
      <NavLinks items={navItemsFor(caller.role)} />
    </nav>
  );

  const account = (
    <div className="space-y-3 border-t border-slate-200 p-4">
      <div className="min-w-0">
        <p className="text-sm text-slate-700 wrap-anywhere">{t('shell.signedInAs', { label: caller.label })}</p>
        <p className="mt-0.5 text-xs font-medium text-slate-600">{t(`shell.roles.${caller.role}`)}</p>
      </div>
      <SignOutButton className="w-full" />
    </div>
  );

  // The shell speaks the caller's language even if an outer provider was set from the browser's.
  return (
    <I18nProvider language={caller.language}>
      <div className="min-h-screen">
        <a
          href="#content"
          className="fixed top-2 left-2 z-50 -translate-y-[200%] rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white shadow-lg focus:translate-y-0 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {t('shell.skipToContent')}
        </a>

        <header className="hidden border-r border-slate-200 bg-white md:fixed md:inset-y-0 md:left-0 md:z-20 md:flex md:w-64 md:flex-col">
          <div className="flex h-16 shrink-0 items-center border-b border-slate-200 px-5">{brand}</div>
          <div className="flex-1 overflow-y-auto">{nav}</div>
          {account}
        </header>

        <MobileMenu brand={brand}>
          {nav}
          {account}
        </MobileMenu>

        <div className="md:pl-64">
          <main id="content" tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 py-6 outline-none sm:px-6 lg:px-8 lg:py-8">
            {children}
          </main>
        </div>
      </div>
    </I18nProvider>
  );
}
