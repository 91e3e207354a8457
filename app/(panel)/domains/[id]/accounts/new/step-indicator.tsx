import Link from 'next/link';
import { wizardPath } from '@/lib/accounts/wizard/paths';
import type { Translate } from '@/lib/i18n/translate';
import { WIZARD_STEPS, type WizardSection, type WizardStep } from '@/lib/validations/account-wizard';

/**
 * The four steps, the current one marked `aria-current="step"`. Steps already reached are links (going
 * back and forth keeps what each step saved); steps not reached yet are plain text.
 */
export function StepIndicator({
  t,
  domainId,
  draftId,
  current,
  reached,
  saved,
}: {
  t: Translate;
  domainId: number;
  draftId: string | null;
  current: WizardStep;
  reached: WizardStep;
  saved: Record<WizardSection, boolean>;
}) {
  return (
    <nav aria-label={t('wizard.stepsNav')}>
      <ol className="grid grid-cols-4 gap-2">
        {WIZARD_STEPS.map((section, index) => {
          const step = (index + 1) as WizardStep;
          const isCurrent = step === current;
          const done = saved[section] && !isCurrent;
          const href = draftId !== null && !isCurrent && step <= reached ? wizardPath(domainId, { id: draftId, step }) : null;
          const body = (
            <>
              <span
                aria-hidden="true"
                className={[
                  'flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold',
                  isCurrent ? 'bg-indigo-700 text-white' : done ? 'bg-emerald-700 text-white' : 'border border-slate-400 bg-white text-slate-700',
                ].join(' ')}
              >
                {done ? '✓' : step}
              </span>
              <span className="min-w-0 text-xs leading-tight wrap-break-word sm:text-sm">
                <span className="sr-only">{t('wizard.stepOf', { current: step, total: WIZARD_STEPS.length })}: </span>
                {t(`wizard.steps.${section}`)}
                {done && <span className="sr-only"> ({t('wizard.stepDone')})</span>}
              </span>
            </>
          );
          const box = 'flex h-full flex-col items-center gap-1 rounded-md px-1 py-2 text-center sm:flex-row sm:gap-2 sm:px-3 sm:text-left';
          return (
            <li
              key={section}
              aria-current={isCurrent ? 'step' : undefined}
              className={['border-b-4', isCurrent ? 'border-indigo-700 font-semibold text-slate-900' : 'border-slate-200 text-slate-700'].join(' ')}
            >
              {href ? (
                <Link href={href} className={`${box} hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600`}>
                  {body}
                </Link>
              ) : (
                <span className={box}>{body}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
