import type { Metadata } from 'next';
import { SectionPlaceholder } from '@/components/shell/section-placeholder';
import { requireRole } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translate';

export const metadata: Metadata = { title: 'Email accounts' };

export default async function Page() {
  const caller = await requireRole('superadmin', 'admin', 'postmaster');
  const t = translator(caller.language);
  return <SectionPlaceholder title={t('shell.nav.accounts')} t={t} />;
}
