import Link from 'next/link';
import { titleMetadata } from '@/app/title-metadata';
import { getT } from '@/lib/i18n/server';

// Its own tab title, rather than the layout's default or the title of the page that answered 404.
export const generateMetadata = titleMetadata('errors.notFoundTitle');

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
