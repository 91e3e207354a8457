import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import type { Translate } from '@/lib/i18n/translate';

/** A section whose screens are still to come: its heading and an honest note, nothing fake. */
export function SectionPlaceholder({ title, t }: { title: string; t: Translate }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title={t('common.comingSoon')} />
    </>
  );
}
