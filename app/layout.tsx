import type { Metadata, Viewport } from 'next';
import { getLocale, getTimeZone } from 'next-intl/server';
import type { ReactNode } from 'react';
import { HydrationMark } from '@/components/forms/hydration-mark';
import { SubmitQueueScript } from '@/components/forms/submit-queue-script';
import { IntlClientProvider } from '@/components/i18n-provider';
import { browserMessages } from '@/lib/i18n/browser-messages';
import { getT } from '@/lib/i18n/server';
import type { Language } from '@/lib/mail/services';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  // The process's translator (lib/i18n/shared-translator.ts): next-intl's getTranslations parses again per request.
  const t = await getT();
  return { title: { default: t('app.name'), template: `%s · ${t('app.name')}` }, description: t('app.tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const language = (await getLocale()) as Language;
  return (
    <html lang={language}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <SubmitQueueScript />
        {/* Only the request's language reaches the browser. */}
        <IntlClientProvider locale={language} messagesJson={browserMessages(language)} timeZone={await getTimeZone()}>
          {children}
        </IntlClientProvider>
        <HydrationMark />
      </body>
    </html>
  );
}
