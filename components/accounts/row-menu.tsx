export type RowMenuItem = { href: string; label: string; danger?: boolean };

/**
 * A row's "More" menu as a disclosure: a native <details>, so it opens with Enter or Space from the
 * keyboard, needs no JavaScript, and reads as "collapsed / expanded" to screen readers. It opens in
 * place (the table scrolls sideways on narrow screens, which would clip a floating menu).
 *
 * Bare elements on purpose: the list renders up to 100 of these, so they carry no classes of their own
 * and are styled once, by ROW_MENU_STYLES on an ancestor (see AccountsTable).
 */
export function RowMenu({ label, accessibleLabel, items }: { label: string; accessibleLabel: string; items: RowMenuItem[] }) {
  return (
    <details>
      <summary aria-label={accessibleLabel}>{label}</summary>
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <a href={item.href} data-danger={item.danger ? '' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The look of every RowMenu below the element carrying these classes. */
export const ROW_MENU_STYLES = [
  '[&_details]:relative',
  '[&_summary]:inline-flex [&_summary]:min-h-8 [&_summary]:cursor-pointer [&_summary]:list-none [&_summary]:items-center [&_summary]:gap-1',
  '[&_summary]:rounded-md [&_summary]:border [&_summary]:border-slate-300 [&_summary]:bg-white [&_summary]:px-3 [&_summary]:py-1',
  '[&_summary]:text-sm [&_summary]:font-medium [&_summary]:text-slate-900 [&_summary]:shadow-sm [&_summary]:select-none',
  '[&_summary:hover]:bg-slate-50 [&_summary::-webkit-details-marker]:hidden',
  "[&_summary]:after:text-xs [&_summary]:after:text-slate-500 [&_summary]:after:content-['▾'] [&_details[open]_summary]:after:content-['▴']",
  '[&_details_ul]:mt-1 [&_details_ul]:w-max [&_details_ul]:min-w-36 [&_details_ul]:rounded-md [&_details_ul]:border',
  '[&_details_ul]:border-slate-200 [&_details_ul]:bg-white [&_details_ul]:py-1 [&_details_ul]:shadow-md',
  '[&_li>a]:block [&_li>a]:px-3 [&_li>a]:py-1.5 [&_li>a]:text-sm [&_li>a]:text-slate-800 [&_li>a]:no-underline',
  '[&_li>a:hover]:bg-slate-50 [&_li>a:focus-visible]:bg-slate-50 [&_li>a:focus-visible]:-outline-offset-2 [&_li>a[data-danger]]:text-red-700',
].join(' ');
