import type { Metadata } from 'next';
import Link from 'next/link';
import { SectionPlaceholder } from '@/components/shell/section-placeholder';
import { Card, CardTitle } from '@/components/ui/card';
import { requireRole } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translate';

export const metadata: Metadata = { title: 'My settings' };

const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';

export default async function Page() {
  const caller = await requireRole('superadmin', 'admin', 'postmaster', 'user');
  const t = translator(caller.language);
  return (
    <div className="space-y-6">
      <SectionPlaceholder title={t('shell.nav.mySettings')} t={t} />
      <Card className="max-w-xl">
        <CardTitle>{t('security.links.title')}</CardTitle>
        <ul className="mt-3 space-y-2 text-sm">
          <li>
            <Link href="/security/password" className={linkClass}>
              {t('security.links.password')}
            </Link>
          </li>
          <li>
            <Link href="/security/otp" className={linkClass}>
              {t('security.links.otp')}
            </Link>
          </li>
        </ul>
      </Card>
    </div>
  );
}
