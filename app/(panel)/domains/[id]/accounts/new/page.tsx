import { titleMetadata } from '@/app/title-metadata';
import { accountsPath } from '@/lib/accounts/wizard/paths';
import { requirePermission } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translate';
import { AccountStepForm } from './account-step-form';
import { loadWizard } from './load';
import { WizardFrame } from './wizard-frame';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.newAccount', 'accounts:create');

/** Step 1 of a new account. Nothing is stored until it is submitted: that starts the draft. */
async function NewAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePermission('accounts:create');
  const wizard = await loadWizard(caller, (await params).id, null);
  const t = translator(caller.language);
  return (
    <WizardFrame t={t} wizard={wizard} current={1}>
      <AccountStepForm
        domainId={wizard.domain.id}
        draftId={null}
        domainName={wizard.domain.displayName}
        defaults={wizard.defaults.account}
        passwordSet={false}
        passwordGenerated={false}
        cancelHref={accountsPath(wizard.domain.id)}
      />
    </WizardFrame>
  );
}

export default withPageMessages(NewAccountPage, ['jobs.errors', 'mailboxSettings.errors', 'pageTitles.newAccount', 'recovery.commonPassword', 'security.password', 'wizard']);
