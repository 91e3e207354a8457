'use client';

import { useEffect } from 'react';

/** A form holding changes not yet saved marks itself so (SectionForm sets it while edited after its last save). */
export const UNSAVED_SELECTOR = 'form[data-unsaved]';

const unsaved = () => document.querySelector(UNSAVED_SELECTOR) !== null;

/** A click that would leave this page: a plain left click on a link to another page of this site or another. */
function leavingLink(event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== '_self') || link.hasAttribute('download')) return false;
  const to = new URL(link.href, location.href);
  // A jump within the page (the section navigation) leaves nothing behind.
  return !(to.origin === location.origin && to.pathname === location.pathname && to.search === location.search && to.hash !== '');
}

/**
 * Warns before leaving a page with unsaved changes (issue 23, 13): the browser's own prompt on reload,
 * close or an address typed; a confirmation on a link click. Next's App Router has no navigation events,
 * so link clicks are caught on the way down (capture phase) before Next's Link handles them.
 */
export function UnsavedChangesGuard({ message }: { message: string }) {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!unsaved()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (!unsaved() || !leavingLink(event) || window.confirm(message)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [message]);
  return null;
}
