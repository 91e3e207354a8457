import type { Metadata } from 'next';
import { SectionPlaceholder } from '@/components/shell/section-placeholder';
import { requireRole } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translate';

export const metadata: Metadata = { title: 'Admins' };

export default async function Page() {
  const caller = await requireRole('superadmin');
  const t = translator(caller.language);
  return <SectionPlaceholder title={t('shell.nav.admins')} t={t} />;
}
