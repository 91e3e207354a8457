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

/** The history entry's position (Navigation API); undefined where the browser lacks it. */
const entryIndex = (): number | undefined => (window as { navigation?: { currentEntry?: { index: number } | null } }).navigation?.currentEntry?.index;

const samePage = (href: string) => {
  const a = new URL(href);
  return a.pathname === location.pathname && a.search === location.search;
};

/**
 * Back and Forward within the app are history traversals Next handles on `popstate`, after the fact: nothing
 * can stop them. So while a form is unsaved, a guard entry (this page's address again) is pushed on top of
 * the page's own. Back then lands on the page's own entry, still this page, and asks: cancelled, the guard is
 * pushed again and nothing else happens (the edits stay); accepted, or nothing unsaved any more, it goes on
 * back. Traversals between this page's own entries (the guard, the section jumps' #anchors) are hidden from
 * Next: there is nothing for it to do, and an entry it did not write would make it reload the page.
 */
function guardHistory(message: string): () => void {
  const key = Math.random().toString(36).slice(2);
  const here = location.href;
  /** The guard entry's index while it is in history (the Navigation API's; -1 without it). */
  let guard: number | null = null;
  /** A guard was pushed while this page was open: its entries are then this page's business. */
  let pushed = false;
  let leaving = false;
  const push = () => {
    history.pushState({ ...(history.state as object | null), mailpanelGuard: key }, '', location.href);
    guard = entryIndex() ?? -1;
    pushed = true;
  };
  // data-unsaved is set by React after an edit (SectionForm): push the guard then, once.
  const watch = new MutationObserver(() => {
    if (guard === null && unsaved()) push();
  });
  watch.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-unsaved'] });
  const onPopState = (event: PopStateEvent) => {
    if (leaving || !pushed || !samePage(here)) return;
    event.stopImmediatePropagation();
    if (guard === null) return;
    const index = entryIndex();
    const behindGuard = index === undefined || guard < 0 ? (event.state as { mailpanelGuard?: string } | null)?.mailpanelGuard !== key : index < guard;
    if (!behindGuard) return;
    guard = null;
    if (unsaved() && !window.confirm(message)) return push();
    leaving = true;
    history.back();
  };
  // Capture, on window: before Next's own listener (added later, without capture).
  window.addEventListener('popstate', onPopState, true);
  return () => {
    watch.disconnect();
    window.removeEventListener('popstate', onPopState, true);
  };
}

/**
 * Warns before leaving a page with unsaved changes (issue 23, 13): the browser's own prompt on reload,
 * close or an address typed; a confirmation on a link click, and on Back (guardHistory). Next's App Router
 * has no navigation events, so link clicks are caught on the way down (capture phase) before Next's Link
 * handles them.
 */
export function UnsavedChangesGuard({ message }: { message: string }) {
  useEffect(() => guardHistory(message), [message]);
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
