import type { Metadata } from 'next';
import { SectionPlaceholder } from '@/components/shell/section-placeholder';
import { requireRole } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translate';

export const metadata: Metadata = { title: 'Plans' };

export default async function Page() {
  const caller = await requireRole('superadmin', 'admin');
  const t = translator(caller.language);
  return <SectionPlaceholder title={t('shell.nav.plans')} t={t} />;
}
