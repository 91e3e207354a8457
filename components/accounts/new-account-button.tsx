import Link from 'next/link';
import { buttonClasses } from '@/components/ui/classes';
import type { AccountListDomain } from '@/db/queries/accounts';
import { displayDomain } from '@/lib/domains/display-name';
import type { Translate } from '@/lib/i18n/translate';

export function newAccountHref(domainId: number): string {
  return `/domains/${domainId}/accounts/new`;
}

/**
 * "+ Email account": straight to the wizard when there is one domain to create in; with several, a
 * disclosure listing them (the wizard belongs to one domain). Nothing when the caller may create nowhere.
 */
export function NewAccountButton({ domains, t }: { domains: AccountListDomain[]; t: Translate }) {
  if (domains.length === 0) return null;
  if (domains.length === 1) {
    const [only] = domains;
    return (
      <Link href={newAccountHref(only!.id)} className={buttonClasses('primary')}>
        + {t('accountsList.add')}
      </Link>
    );
  }
  return (
    <details className="group relative">
      <summary className={buttonClasses('primary', 'md', 'cursor-pointer list-none select-none [&::-webkit-details-marker]:hidden')}>
        + {t('accountsList.addIn')}
        <span aria-hidden="true" className="text-xs group-open:rotate-180">
          ▾
        </span>
      </summary>
      <ul className="absolute right-0 z-10 mt-1 max-h-80 w-max min-w-48 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        {domains.map((domain) => (
          <li key={domain.id}>
            <Link
              href={newAccountHref(domain.id)}
              aria-label={t('accountsList.addInDomain', { domain: displayDomain(domain.name) })}
              className="block px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
            >
              {displayDomain(domain.name)}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
