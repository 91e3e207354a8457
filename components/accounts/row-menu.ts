/**
 * A row's "More" menu is a disclosure: a native <details>, so it opens with Enter or Space from the
 * keyboard, needs no JavaScript, and reads as "collapsed / expanded" to screen readers; its links follow
 * in tab order. It opens in place (the table scrolls sideways on narrow screens, which would clip a
 * floating menu). Bare elements without classes of their own (account-rows.ts writes them):
 * ROW_MENU_STYLES on an ancestor styles them.
 */
export type RowMenuItem = { href: string; label: string; danger?: boolean };

/** The look of every row menu below the element carrying these classes. */
export const ROW_MENU_STYLES = [
  '[&_details]:relative',
  '[&_summary]:inline-flex [&_summary]:min-h-8 [&_summary]:cursor-pointer [&_summary]:list-none [&_summary]:items-center [&_summary]:gap-1',
  '[&_summary]:rounded-md [&_summary]:border [&_summary]:border-slate-300 [&_summary]:bg-white [&_summary]:px-3 [&_summary]:py-1',
  '[&_summary]:text-sm [&_summary]:font-medium [&_summary]:text-slate-900 [&_summary]:shadow-sm [&_summary]:select-none',
  '[&_summary:hover]:bg-slate-50 [&_summary::-webkit-details-marker]:hidden',
  "[&_summary]:after:text-xs [&_summary]:after:text-slate-500 [&_summary]:after:content-['▾'] [&_details[open]_summary]:after:content-['▴']",
  // The open menu: its links stacked in one bordered panel (first and last round its corners).
  '[&_details>a]:block [&_details>a]:w-max [&_details>a]:min-w-36 [&_details>a]:border-x [&_details>a]:border-slate-200 [&_details>a]:bg-white',
  '[&_details>a]:px-3 [&_details>a]:py-1.5 [&_details>a]:text-sm [&_details>a]:text-slate-800 [&_details>a]:no-underline',
  '[&_summary+a]:mt-1 [&_summary+a]:rounded-t-md [&_summary+a]:border-t [&_summary+a]:pt-2',
  '[&_details>a:last-child]:rounded-b-md [&_details>a:last-child]:border-b [&_details>a:last-child]:pb-2 [&_details>a:last-child]:shadow-md',
  '[&_details>a:hover]:bg-slate-50 [&_details>a:focus-visible]:bg-slate-50 [&_details>a:focus-visible]:-outline-offset-2 [&_details>a[data-danger]]:text-red-700',
].join(' ');
