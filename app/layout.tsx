import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { I18nProvider } from '@/components/i18n-provider';
import { ZodWithoutEval } from '@/components/zod-without-eval';
import { getLanguage } from '@/lib/i18n/server';
import { translator } from '@/lib/i18n/translate';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = translator(await getLanguage());
  return { title: { default: t('app.name'), template: `%s · ${t('app.name')}` }, description: t('app.tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const language = await getLanguage();
  return (
    <html lang={language}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <ZodWithoutEval />
        <I18nProvider language={language}>{children}</I18nProvider>
      </body>
    </html>
  );
}
