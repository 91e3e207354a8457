import Link from 'next/link';
import type { Translate } from '@/lib/i18n/translate';

type Params = Record<string, string | number | undefined>;

export function hrefWith(path: string, params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A plain GET search form: works without JavaScript and keeps the URL shareable. */
export function SearchForm({ path, q, label, t, hidden = {} }: { path: string; q: string; label: string; t: Translate; hidden?: Params }) {
  return (
    <form action={path} method="get" role="search" className="flex flex-wrap items-end gap-2">
      {Object.entries(hidden).map(([key, value]) =>
        value === undefined || value === '' ? null : <input key={key} type="hidden" name={key} value={String(value)} />,
      )}
      <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium text-slate-900 sm:max-w-sm">
        {label}
        <input
          type="search"
          name="q"
          defaultValue={q}
          placeholder={t('common.searchPlaceholder')}
          className="min-h-10 rounded-md border border-slate-500 bg-white px-3 py-2 text-sm font-normal focus-visible:outline-2 focus-visible:outline-indigo-600"
        />
      </label>
      <button
        type="submit"
        className="min-h-10 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {t('common.search')}
      </button>
    </form>
  );
}

/** `capped`: there are more than `total` rows (a count that stopped there); the pager goes as far as `total`. */
export function Pagination({ path, page, pageSize, total, capped, params, t }: { path: string; page: number; pageSize: number; total: number; capped?: boolean; params: Params; t: Translate }) {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const last = Math.max(1, Math.ceil(total / pageSize));
  const link = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600';
  return (
    <nav aria-label={t('common.pagination')} className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
      <p>{t(capped ? 'common.showingMoreThan' : 'common.showing', { from, to, total })}</p>
      <div className="flex gap-2">
        {page > 1 && (
          <Link className={link} href={hrefWith(path, { ...params, page: page - 1, size: pageSize })}>
            {t('common.previous')}
          </Link>
        )}
        {page < last && (
          <Link className={link} href={hrefWith(path, { ...params, page: page + 1, size: pageSize })}>
            {t('common.nextPage')}
          </Link>
        )}
      </div>
    </nav>
  );
}

/** A column header that sorts by its column; a second click reverses. */
export function SortHeader({
  path,
  column,
  label,
  query,
  params,
  t,
  className,
}: {
  path: string;
  column: string;
  label: string;
  query: { sort: string; dir: 'asc' | 'desc' };
  params: Params;
  t: Translate;
  className?: string;
}) {
  const active = query.sort === column;
  const nextDir = active && query.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th
      scope="col"
      aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={['bg-slate-50 px-4 py-3 text-left font-semibold whitespace-nowrap text-slate-700', className].filter(Boolean).join(' ')}
    >
      <Link
        href={hrefWith(path, { ...params, sort: column, dir: nextDir })}
        className="inline-flex items-center gap-1 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
        title={t('common.sortBy', { column: label })}
      >
        {label}
        <span aria-hidden="true" className="text-xs text-slate-500">
          {active ? (query.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </Link>
    </th>
  );
}
