import type { ComponentPropsWithoutRef, ReactNode } from 'react';

/** A responsive table: scrolls sideways on narrow screens instead of breaking the layout. */
export function Table({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    // `relative`: the scroll box is the containing block of what is positioned inside it (the sr-only labels of
    // the sort headers), or those escape it and widen the whole page on a phone.
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ComponentPropsWithoutRef<'th'>) {
  return (
    <th
      scope="col"
      // One line unless the column says otherwise (`whitespace-normal`: a long header wraps instead of widening the table).
      className={['bg-slate-50 px-4 py-3 text-left font-semibold text-slate-700', className?.includes('whitespace-') ? '' : 'whitespace-nowrap', className]
        .filter(Boolean)
        .join(' ')}
      {...props}
    />
  );
}

export function Td({ className, ...props }: ComponentPropsWithoutRef<'td'>) {
  return <td className={['px-4 py-3 align-middle text-slate-800', className].filter(Boolean).join(' ')} {...props} />;
}

/** Active (green) or not (grey); `pending`: a change is still being applied (amber), whatever `active` says. */
export function StatusBadge({ active, pending = false, label }: { active: boolean; pending?: boolean; label: string }) {
  const tone = pending ? 'pending' : active ? 'on' : 'off';
  return (
    <span
      className={[
        'inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium',
        { on: 'bg-emerald-50 text-emerald-800', off: 'bg-slate-100 text-slate-700', pending: 'bg-amber-50 text-amber-900' }[tone],
      ].join(' ')}
    >
      <span aria-hidden="true" className={['size-1.5 rounded-full', { on: 'bg-emerald-600', off: 'bg-slate-500', pending: 'bg-amber-600' }[tone]].join(' ')} />
      {label}
    </span>
  );
}
