import { notFound } from 'next/navigation';
import { createAccountAppPasswordAction, revokeAccountAppPasswordAction } from '@/app/(panel)/app-password-actions';
import { mailboxSettingsActions } from '@/app/(panel)/mailbox-settings-action-map';
import { resetMailboxOtpAction } from '@/app/(panel)/mailbox-settings-actions';
import { titleMetadata } from '@/app/title-metadata';
import { ManagedAppPasswords } from '@/components/app-passwords/managed-app-passwords';
import { MailboxPageHeader } from '@/components/mailbox-settings/mailbox-page-header';
import { MailboxSettings } from '@/components/mailbox-settings/mailbox-settings';
import { StatusBadge } from '@/components/ui/table';
import { requirePermission } from '@/lib/auth/session';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';

import { formatBytes } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { pageFailure } from '@/lib/page-failure';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.postmaster', 'postmasters:update');

async function PostmasterPage({ params }: { params: Promise<{ id: string }> }) {
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

  return (
    <div className="space-y-6">
      <MailboxPageHeader
        back={{ href: '/postmasters', label: t('mailboxSettings.page.backToPostmasters') }}
        address={displayAddress(mailbox.address)}
        facts={[
          { label: t('mailboxSettings.page.domain'), value: displayDomain(domain.name), href: `/domains/${domain.id}` },
          { label: t('mailboxSettings.page.storageUsed'), value: used },
        ]}
        badge={<StatusBadge active={mailbox.active} label={mailbox.active ? t('common.active') : t('common.inactive')} />}
      />
      <MailboxSettings settings={settings} language={caller.language} timeZone={caller.timeZone} actions={{ ...mailboxSettingsActions, resetOtp: resetMailboxOtpAction }} />
      <div className="lg:pl-52">
        <ManagedAppPasswords
          caller={caller}
          mailboxId={mailbox.id}
          create={createAccountAppPasswordAction.bind(null, mailbox.id)}
          revoke={revokeAccountAppPasswordAction.bind(null, mailbox.id)}
        />
      </div>
    </div>
  );
}

export default withPageMessages(PostmasterPage, ['appPasswords', 'domains.services', 'mailboxSettings', 'pageTitles.postmaster', 'recovery.commonPassword', 'recovery.field', 'security.password', 'security.reset', 'selfService.localization']);
