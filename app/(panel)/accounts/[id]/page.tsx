import { notFound, redirect } from 'next/navigation';
import { createAccountAppPasswordAction, revokeAccountAppPasswordAction } from '@/app/(panel)/app-password-actions';
import { mailboxSettingsActions } from '@/app/(panel)/mailbox-settings-action-map';
import { titleMetadata } from '@/app/title-metadata';
import { ManagedAppPasswords } from '@/components/app-passwords/managed-app-passwords';
import { MailboxPageHeader } from '@/components/mailbox-settings/mailbox-page-header';
import { MailboxSettings } from '@/components/mailbox-settings/mailbox-settings';
import { RefreshWhile } from '@/components/ui/refresh-while';
import { StatusBadge } from '@/components/ui/table';
import { getAccountActions } from '@/lib/accounts/lifecycle/get-account-actions';
import { requirePermission } from '@/lib/auth/session';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';

import { formatBytes } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { AccountStatus } from './account-status';
import { DeleteAccountForm } from './delete-account-form';
import { pageFailure } from '@/lib/page-failure';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.account', 'accounts:update');

/** What the list's "More" menu asks for: ?action=deactivate|reactivate|delete opens that confirmation. */
const REQUESTS = ['deactivate', 'reactivate', 'delete'] as const;
type Requested = (typeof REQUESTS)[number];

function requested(value: string | string[] | undefined): Requested | null {
  const first = Array.isArray(value) ? value[0] : value;
  return (REQUESTS as readonly string[]).includes(first ?? '') ? (first as Requested) : null;
}

async function AccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ action?: string | string[] }>;
}) {
  const caller = await requirePermission('accounts:update');
  const raw = (await params).id;
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) notFound();
  const id = Number(raw);
  const settings = await getMailboxSettings({ caller, id }).catch(pageFailure);
  // The postmaster mailbox has its own page (for admins); a postmaster caller never gets here (not found).
  if (settings.mailbox.isPostmaster) redirect(`/postmasters/${id}`);
  const { canToggle, canDelete } = await getAccountActions({ caller, id }).catch(pageFailure);
  const action = requested((await searchParams).action);

  const { mailbox, domain } = settings;
  const t = translator(caller.language);
  const address = displayAddress(mailbox.address);
  const domainName = displayDomain(domain.name);
  const used = t('accounts.page.usedOf', {
    used: formatBytes(mailbox.usedBytes, caller.language),
    max: formatBytes(mailbox.quotaBytes, caller.language),
  });
  const status = t(`accountsList.status.${mailbox.status}`);
  const openToggle = (action === 'deactivate' && mailbox.active) || (action === 'reactivate' && !mailbox.active);

  return (
    <div className="space-y-6">
      <RefreshWhile active={mailbox.status === 'updating'} />
      <MailboxPageHeader
        back={{ href: `/domains/${domain.id}/accounts`, label: t('accounts.page.backToList', { domain: domainName }) }}
        address={address}
        facts={[
          { label: t('accounts.page.storageUsed'), value: used },
          { label: t('accounts.page.domain'), value: domainName, href: `/domains/${domain.id}` },
        ]}
        badge={<StatusBadge active={mailbox.status === 'online'} pending={mailbox.status === 'updating'} label={status} />}
      />
      <MailboxSettings settings={settings} language={caller.language} timeZone={caller.timeZone} actions={mailboxSettingsActions} />
      <div className="space-y-6 lg:pl-52">
        <ManagedAppPasswords
          caller={caller}
          mailboxId={mailbox.id}
          create={createAccountAppPasswordAction.bind(null, mailbox.id)}
          revoke={revokeAccountAppPasswordAction.bind(null, mailbox.id)}
        />
        <AccountStatus
          id={mailbox.id}
          address={address}
          active={mailbox.active}
          updating={mailbox.status === 'updating'}
          inactiveDomain={domain.active ? null : domainName}
          canToggle={canToggle}
          openConfirmation={openToggle}
        />
        {canDelete && <DeleteAccountForm id={mailbox.id} address={address} focus={action === 'delete'} />}
      </div>
    </div>
  );
}

export default withPageMessages(AccountPage, ['accounts', 'accountsList.status', 'appPasswords', 'domains.services', 'mailboxSettings', 'pageTitles.account', 'recovery.commonPassword', 'recovery.field', 'security.password', 'security.reset', 'selfService.localization']);
