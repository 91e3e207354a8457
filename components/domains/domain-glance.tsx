import { Card, CardDescription, CardTitle } from '@/components/ui/card';
import { glanceFigures, glanceRights } from '@/lib/domains/domain-glance-text';
import type { DomainGlance as Glance } from '@/lib/domains/domain-glance';
import { translator } from '@/lib/i18n/translate';
import type { Language } from '@/lib/mail/services';

/** The domain's figures at a glance; a figure that needs attention (a limit reached, failures) in amber. */
export function DomainGlance({ glance, language }: { glance: Glance; language: Language }) {
  const t = translator(language);
  return (
    <Card>
      <CardTitle>{t('domains.glance.title')}</CardTitle>
      <dl className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {glanceFigures(glance, language).map((figure) => (
          <div
            key={figure.key}
            data-figure={figure.key}
            className={['rounded-md border p-3', figure.warn ? 'border-amber-300 bg-amber-50' : 'border-slate-200 bg-slate-50'].join(' ')}
          >
            <dt className="text-sm text-slate-700">{figure.label}</dt>
            <dd className="mt-1 text-lg font-semibold text-slate-900 wrap-anywhere">{figure.value}</dd>
            {figure.hint && <dd className="text-xs text-slate-600">{figure.hint}</dd>}
          </div>
        ))}
      </dl>
    </Card>
  );
}

/** What the postmaster may do here, in plain words (the switches the domain's admin set, the plan's limits). */
export function PostmasterRights({ glance, language }: { glance: Glance; language: Language }) {
  const t = translator(language);
  return (
    <Card>
      <CardTitle>{t('domains.glance.rightsTitle')}</CardTitle>
      <CardDescription>{t('domains.glance.rightsIntro')}</CardDescription>
      <ul className="mt-4 space-y-2 text-sm">
        {glanceRights(glance, language).map((right) => (
          <li key={right.text} className="flex items-start gap-2">
            <span aria-hidden="true" className={right.allowed ? 'text-green-700' : 'text-slate-500'}>
              {right.allowed ? '✓' : '✕'}
            </span>
            <span className="text-slate-900">{right.text}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
