'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import { buttonClasses, fieldClasses } from '@/components/ui/classes';
import { ACCOUNT_STATUSES, IDLE_DAY_CHOICES } from '@/lib/accounts/list-filter-choices';
import type { AccountFilterParam } from '@/lib/accounts/list-filters';
import type { Translate } from '@/lib/i18n/keys';
import { SERVICES, type Service } from '@/lib/mail/services';
import { hrefWith } from '@/components/list/list-controls';

type Params = Record<string, string | number | undefined>;
type FilterParams = Partial<Record<AccountFilterParam, string>>;

/** Each active filter's words, by its URL parameter (for its removable chip). */
export function activeFilterLabels(params: FilterParams, t: Translate): { param: AccountFilterParam; label: string }[] {
  const out: { param: AccountFilterParam; label: string }[] = [];
  if (params.status) out.push({ param: 'status', label: t('accountsList.filters.statusIs', { status: t(`accountsList.status.${params.status as (typeof ACCOUNT_STATUSES)[number]}`) }) });
  if (params.full) out.push({ param: 'full', label: t('accountsList.filters.full') });
  if (params.never) out.push({ param: 'never', label: t('accountsList.filters.never') });
  if (params.idle) out.push({ param: 'idle', label: t('accountsList.filters.idleOver', { days: Number(params.idle) }) });
  if (params.otp) out.push({ param: 'otp', label: t(params.otp === 'on' ? 'accountsList.filters.otpOn' : 'accountsList.filters.otpOff') });
  if (params.fwd) out.push({ param: 'fwd', label: t('accountsList.filters.forwarding') });
  if (params.svc) {
    const [name, state] = params.svc.split('-') as [Service, string];
    const service = t(`plans.servicesShort.${name}`);
    out.push({ param: 'svc', label: t(state === 'on' ? 'accountsList.filters.serviceOn' : 'accountsList.filters.serviceOff', { service }) });
  }
  return out;
}

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    // Labelled by `for`, not by wrapping: a wrapping label's name took in every option's text.
    <div className="flex min-w-0 flex-col gap-1 text-sm font-medium text-slate-900">
      <label htmlFor={`account-filter-${name}`}>{label}</label>
      <select id={`account-filter-${name}`} name={name} defaultValue={value} className={fieldClasses}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Check({ name, value, label, checked }: { name: string; value: string; label: string; checked: boolean }) {
  return (
    <label className="flex min-h-10 items-center gap-2 text-sm text-slate-900">
      <input type="checkbox" name={name} value={value} defaultChecked={checked} className="size-4 rounded border-slate-500 accent-indigo-700" />
      {label}
    </label>
  );
}

/**
 * The account list's filters: a plain GET form (works without JavaScript; the URL is the state, so a filtered
 * view is a link) inside a disclosure whose button says how many are on, and the active ones as removable
 * links. Applying or removing a filter keeps the search, the sort and the page size, and goes back to page 1.
 * A client component although it needs no state: as a server component its markup travelled twice, in the
 * HTML and in the page's React payload, and cost the list a measurable share of its server time.
 */
export function AccountFiltersPanel({
  path,
  params,
  keep,
}: {
  path: string;
  /** The filters in use, as the URL names them (lib/accounts/list-filters.ts). */
  params: FilterParams;
  /** What the list's links keep besides the filters (q, sort, dir, size). */
  keep: Params;
}) {
  const t = useT();
  const active = activeFilterLabels(params, t);
  const any = t('accountsList.filters.any');
  const idleChoices: number[] = [...IDLE_DAY_CHOICES];
  if (params.idle && !idleChoices.includes(Number(params.idle))) idleChoices.push(Number(params.idle));
  // Each select offers "any" first: no filter of that kind.
  const selects: { name: AccountFilterParam; label: string; choices: { value: string; label: string }[] }[] = [
    { name: 'status', label: t('accountsList.filters.status'), choices: ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`accountsList.status.${s}`) })) },
    {
      name: 'idle',
      label: t('accountsList.filters.idle'),
      choices: idleChoices.map((days) => ({ value: String(days), label: t('accountsList.filters.idleDays', { days }) })),
    },
    {
      name: 'otp',
      label: t('accountsList.filters.otp'),
      choices: [
        { value: 'on', label: t('accountsList.filters.on') },
        { value: 'off', label: t('accountsList.filters.off') },
      ],
    },
    {
      name: 'svc',
      label: t('accountsList.filters.service'),
      choices: SERVICES.flatMap((name) => {
        const service = t(`plans.servicesShort.${name}`);
        return [
          { value: `${name}-on`, label: t('accountsList.filters.serviceOn', { service }) },
          { value: `${name}-off`, label: t('accountsList.filters.serviceOff', { service }) },
        ];
      }),
    },
  ];
  const keepEntries = Object.entries(keep).filter(([, value]) => value !== undefined && value !== '');

  return (
    <section aria-label={t('accountsList.filters.button')} className="space-y-3">
      <details className="group">
        <summary
          className={buttonClasses('secondary', 'md', 'cursor-pointer list-none [&::-webkit-details-marker]:hidden')}
          data-testid="filters-toggle"
        >
          {active.length > 0 ? t('accountsList.filters.buttonActive', { count: active.length }) : t('accountsList.filters.button')}
          <span aria-hidden="true" className="text-xs text-slate-500 group-open:rotate-180">
            ▾
          </span>
        </summary>
        <form action={path} method="get" className="mt-2 space-y-4 rounded-md border border-slate-200 bg-white p-4">
          {keepEntries.map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={String(value)} />
          ))}
          <fieldset className="min-w-0">
            <legend className="mb-3 text-sm text-slate-700">{t('accountsList.filters.legend')}</legend>
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
              {selects.map(({ name, label, choices }) => (
                <Select key={name} name={name} label={label} value={params[name] ?? ''} options={[{ value: '', label: any }, ...choices]} />
              ))}
              <Check name="full" value="1" label={t('accountsList.filters.full')} checked={params.full === '1'} />
              <Check name="never" value="1" label={t('accountsList.filters.never')} checked={params.never === '1'} />
              <Check name="fwd" value="on" label={t('accountsList.filters.forwarding')} checked={params.fwd === 'on'} />
            </div>
          </fieldset>
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonClasses('primary')}>
              {t('accountsList.filters.apply')}
            </button>
            {active.length > 0 && (
              <Link href={hrefWith(path, keep)} className={buttonClasses('ghost')}>
                {t('accountsList.filters.clear')}
              </Link>
            )}
          </div>
        </form>
      </details>
      {active.length > 0 && (
        <ul aria-label={t('accountsList.filters.active')} className="flex flex-wrap gap-2">
          {active.map(({ param, label }) => (
            <li key={param}>
              <Link
                href={hrefWith(path, { ...keep, ...params, [param]: undefined })}
                aria-label={t('accountsList.filters.remove', { filter: label })}
                className="inline-flex min-h-8 max-w-full items-center gap-1.5 rounded-full border border-indigo-200 bg-indigo-50 px-3 py-1 text-sm font-medium text-indigo-900 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                <span className="wrap-anywhere">{label}</span>
                <span aria-hidden="true">×</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
