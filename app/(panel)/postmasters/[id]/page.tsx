import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { revokeAccountAppPasswordAction } from '@/app/(panel)/app-password-actions';
import { ManagedAppPasswords } from '@/components/app-passwords/managed-app-passwords';
import { MailboxSettings } from '@/components/mailbox-settings/mailbox-settings';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/table';
import { requirePermission } from '@/lib/auth/session';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';

import { formatBytes } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import {
  resetMailboxOtpAction,
  updateAutoresponderAction,
  updateGeneralAction,
  updateMasterDataAction,
  updateSecurityAction,
  updateWebmailAction,
} from '../../mailbox-settings-actions';
import { getT } from '@/lib/i18n/server';
import { pageFailure } from '@/lib/page-failure';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('pageTitles.postmaster') };
}

const actions = {
  masterData: updateMasterDataAction,
  general: updateGeneralAction,
  security: updateSecurityAction,
  autoresponder: updateAutoresponderAction,
  webmail: updateWebmailAction,
  resetOtp: resetMailboxOtpAction,
};

export default async function PostmasterPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePermission('postmasters:update');
  const id = Number((await params).id);
  const settings = await getMailboxSettings({ caller, id }).catch(pageFailure);
  if (!settings.mailbox.isPostmaster) notFound();
  const { mailbox, domain } = settings;
  const t = translator(caller.language);
  const used = t('mailboxSettings.page.usedOf', {
    used: formatBytes(mailbox.usedBytes, caller.language),
    max: formatBytes(mailbox.quotaBytes, caller.language),
  });
  const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';

  return (
    <div className="space-y-6">
      <Link href="/postmasters" className={`text-sm ${linkClass}`}>
        ← {t('mailboxSettings.page.backToPostmasters')}
      </Link>
      <PageHeader
        title={displayAddress(mailbox.address)}
        description={
          <dl className="flex flex-wrap gap-x-6 gap-y-1">
            <div className="flex gap-1">
              <dt>{t('mailboxSettings.page.domain')}:</dt>
              <dd>
                <Link href={`/domains/${domain.id}`} className={linkClass}>
                  {displayDomain(domain.name)}
                </Link>
              </dd>
            </div>
            <div className="flex gap-1">
              <dt>{t('mailboxSettings.page.storageUsed')}:</dt>
              <dd className="font-medium text-slate-900">{used}</dd>
            </div>
          </dl>
        }
        actions={<StatusBadge active={mailbox.active} label={mailbox.active ? t('common.active') : t('common.inactive')} />}
      />
      <MailboxSettings settings={settings} language={caller.language} timeZone={caller.timeZone} actions={actions} />
      <div className="lg:pl-52">
        <ManagedAppPasswords caller={caller} mailboxId={mailbox.id} revoke={revokeAccountAppPasswordAction.bind(null, mailbox.id)} />
      </div>
    </div>
  );
}
