'use client';

import { useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { usePathname } from 'next/navigation';
import { useT } from '@/components/i18n-provider';

export type MobileMenuProps = {
  brand: ReactNode;
  children: ReactNode;
};

const panelId = 'mobile-menu';

export function MobileMenu({ brand, children }: MobileMenuProps) {
  const t = useT();
  const pathname = usePathname() ?? '';
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Remembering where the menu was opened closes it by itself after any navigation.
  const [openedAt, setOpenedAt] = useState<string | null>(null);
  const open = openedAt !== null && openedAt === pathname;

  function close(returnFocus: boolean) {
    setOpenedAt(null);
    if (returnFocus) buttonRef.current?.focus();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close(true);
    }
  }

  function handlePanelClick(event: MouseEvent<HTMLDivElement>) {
    if (event.target instanceof Element && event.target.closest('a')) close(false);
  }

  return (
    <header
      className="sticky top-0 z-30 border-b border-slate-200 bg-white md:hidden"
      onKeyDown={handleKeyDown}
    >
      <div className="flex h-14 items-center justify-between px-4">
        {brand}
        <button
          ref={buttonRef}
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => (open ? close(false) : setOpenedAt(pathname))}
          className="-mr-2 inline-flex size-10 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          <span className="sr-only">{open ? t('shell.closeMenu') : t('shell.openMenu')}</span>
          <svg
            className="size-6"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            aria-hidden="true"
          >
            <path d={open ? 'M6 6l12 12M18 6 6 18' : 'M4 6h16M4 12h16M4 18h16'} />
          </svg>
        </button>
      </div>
      <div
        id={panelId}
        hidden={!open}
        onClick={handlePanelClick}
        className="absolute inset-x-0 top-full max-h-[calc(100dvh-3.5rem)] overflow-y-auto border-b border-slate-200 bg-white shadow-lg"
      >
        {/* Only once opened: the button needs JavaScript anyway, and every page would otherwise render the
            whole navigation a second time, hidden. */}
        {open && children}
      </div>
    </header>
  );
}
