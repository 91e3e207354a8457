'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/classes';

/**
 * Back and the step's submit. Back is a link: the earlier step shows what it saved (the draft keeps it);
 * only the submit saves this step.
 */
export function StepButtons({ backHref, pending, submitLabel }: { backHref: string; pending: boolean; submitLabel?: string }) {
  const t = useT();
  return (
    <div className="flex flex-col-reverse gap-3 border-t border-slate-200 pt-5 sm:flex-row sm:justify-between">
      <Link href={backHref} className={buttonClasses('secondary')}>
        <span aria-hidden="true">←</span> {t('wizard.back')}
      </Link>
      <Button type="submit" pending={pending}>
        {submitLabel ?? (
          <>
            {t('wizard.next')} <span aria-hidden="true">→</span>
          </>
        )}
      </Button>
    </div>
  );
}
