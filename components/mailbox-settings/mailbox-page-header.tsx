import Link from 'next/link';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui/page-header';

const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';

/** One fact under the address: shown in bold, or as a link when it has an `href`. */
export type MailboxFact = { label: string; value: string; href?: string };

type Props = {
  back: { href: string; label: string };
  address: string;
  facts: MailboxFact[];
  badge: ReactNode;
};

/** The head of a mailbox's page (an account's or a postmaster's): the way back, the address, its facts and status. */
export function MailboxPageHeader({ back, address, facts, badge }: Props) {
  return (
    <>
      <Link href={back.href} className={`text-sm ${linkClass}`}>
        ← {back.label}
      </Link>
      <PageHeader
        title={address}
        description={
          <dl className="flex flex-wrap gap-x-6 gap-y-1">
            {facts.map(({ label, value, href }) => (
              <div key={label} className="flex gap-1">
                <dt>{label}:</dt>
                {href ? (
                  <dd>
                    <Link href={href} className={linkClass}>
                      {value}
                    </Link>
                  </dd>
                ) : (
                  <dd className="font-medium text-slate-900">{value}</dd>
                )}
              </div>
            ))}
          </dl>
        }
        actions={badge}
      />
    </>
  );
}
