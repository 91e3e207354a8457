import { getLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PageIntlProvider } from '@/components/i18n-provider';
import { browserMessages } from '@/lib/i18n/browser-messages';
import type { Language } from '@/lib/mail/services';

/**
 * The messages a page's client components show beyond the layouts' (lib/i18n/browser-messages.ts): the
 * page's content gets a provider with both, the layouts' taken from the root layout's provider.
 * tests/unit/browser-messages.test.ts says which scopes a page needs when one is missing.
 */
export async function PageMessages({ scopes, children }: { scopes: readonly string[]; children: ReactNode }) {
  const language = (await getLocale()) as Language;
  return <PageIntlProvider messagesJson={browserMessages(language, scopes)}>{children}</PageIntlProvider>;
}

/** A page with its messages: `export default withPageMessages(SomePage, ['plans'])`. */
export function withPageMessages<P extends object>(Page: (props: P) => Promise<ReactNode>, scopes: readonly string[]) {
  return async function PageWithMessages(props: P) {
    return (
      <PageMessages scopes={scopes}>
        <Page {...props} />
      </PageMessages>
    );
  };
}
