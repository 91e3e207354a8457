import Link from 'next/link';
import { getT } from '@/lib/i18n/server';

export default async function NotFound() {
  const t = await getT();
  return (
    <main id="content" className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">{t('errors.notFound')}</h1>
      <p className="text-slate-600">{t('errors.notFoundIntro')}</p>
      <Link href="/" className="font-medium text-indigo-700 underline underline-offset-4">
        {t('errors.goHome')}
      </Link>
    </main>
  );
}
