import type { ReactNode } from 'react';
import { UnsavedChangesGuard } from '@/components/forms/unsaved-changes-guard';
import { Alert } from '@/components/ui/alert';
import { Card, CardDescription, CardTitle } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { Translate } from '@/lib/i18n/keys';
import { translator } from '@/lib/i18n/translate';
import type { MailboxSettings as Settings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import type { Language } from '@/lib/mail/services';
import { timeZoneNames } from '@/lib/time/zoned';
import { AutoresponderForm } from './autoresponder-form';
import { GeneralForm } from './general-form';
import { MasterDataForm } from './master-data-form';
import type { ResetOtpAction } from './reset-otp-button';
import type { SectionAction } from './section-save';
import { SecurityForm } from './security-form';
import { SectionSpy } from './section-spy';
import { MailboxVersionProvider } from './version-context';
import { WebmailForm } from './webmail-form';

export type MailboxSettingsActions = Record<'masterData' | 'general' | 'security' | 'autoresponder' | 'webmail', SectionAction> & {
  /** Resetting the account's OTP, offered in the security section when the page passes it. */
  resetOtp?: ResetOtpAction;
};

type Props = {
  settings: Settings;
  /** The reader's language and time zone (for dates shown as text). */
  language: Language;
  timeZone: string;
  /** The server actions that save each section (app/(panel)/mailbox-settings-actions.ts). */
  actions: MailboxSettingsActions;
};

const SECTIONS = ['masterData', 'general', 'security', 'autoresponder', 'webmail'] as const;
type Section = (typeof SECTIONS)[number];

const LINK =
  'block rounded-md px-3 py-2 font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600 aria-[current=true]:bg-indigo-50 aria-[current=true]:text-indigo-800';

const anchor = (section: Section) => `settings-${section.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The links to the sections: beside them on desktop, in the jump menu on phones. */
function SectionLinks({ t, className }: { t: Translate; className: string }) {
  return (
    <ul className={className}>
      {SECTIONS.map((section) => (
        <li key={section}>
          <a href={`#${anchor(section)}`} className={LINK}>
            {t(`mailboxSettings.sections.${section}`)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The five settings sections of one mailbox, each a card with its own form and save button. */
export function MailboxSettings({ settings, language, timeZone, actions }: Props) {
  const t = translator(language);
  const { mailbox, options, initial } = settings;
  const disabled = !mailbox.active;
  const timeZones = timeZoneNames();

  // What every section's form takes: the mailbox, the section's saved values, its action, and whether it is editable.
  const common = <S extends Section>(section: S) => ({ id: mailbox.id, initial: initial[section], action: actions[section], disabled });

  const forms: Record<Section, ReactNode> = {
    masterData: <MasterDataForm {...common('masterData')} userDetailFields={options.userDetailFields} timeZones={timeZones} />,
    general: (
      <GeneralForm {...common('general')} options={options} isPostmaster={mailbox.isPostmaster} quotaBytes={mailbox.quotaBytes} usedBytes={mailbox.usedBytes} />
    ),
    security: (
      <SecurityForm
        {...common('security')}
        otpEnrolled={mailbox.otpEnrolled}
        passwordChangedAt={formatDateTime(mailbox.passwordChangedAt, language, timeZone)}
        resetOtp={actions.resetOtp}
        webmailOff={!mailbox.isPostmaster && !initial.general.services.webmail}
      />
    ),
    autoresponder: <AutoresponderForm {...common('autoresponder')} timeZone={mailbox.timeZone} />,
    webmail: <WebmailForm {...common('webmail')} timeZones={timeZones} />,
  };

  return (
    <MailboxVersionProvider key={mailbox.id} initial={mailbox.version}>
      <UnsavedChangesGuard message={t('mailboxSettings.unsavedConfirm')} />
      <SectionSpy navId="settings-nav" />
      <div className="lg:grid lg:grid-cols-[11rem_minmax(0,1fr)] lg:gap-8">
        {/* Desktop: beside the sections, following the reader down the page. */}
        <nav id="settings-nav" aria-label={t('mailboxSettings.sectionsNav')} className="hidden lg:block">
          <SectionLinks t={t} className="sticky top-8 space-y-1 text-sm" />
        </nav>
        {/* Phones: a jump menu above the sections (a disclosure: it works before and without JavaScript). */}
        <details className="group mb-4 rounded-lg border border-slate-200 bg-white shadow-sm lg:hidden">
          <summary className="flex cursor-pointer items-center justify-between rounded-lg px-4 py-3 text-sm font-medium text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600">
            {t('mailboxSettings.jumpTo')}
            <span aria-hidden="true" className="text-slate-500 group-open:rotate-180">▾</span>
          </summary>
          <nav aria-label={t('mailboxSettings.sectionsNav')} className="border-t border-slate-200 p-2">
            <SectionLinks t={t} className="space-y-1 text-sm" />
          </nav>
        </details>
        <div className="min-w-0 space-y-6">
          {disabled && <Alert tone="warning">{t('mailboxSettings.inactiveNotice')}</Alert>}
          {SECTIONS.map((section) => (
            <Card key={section} id={anchor(section)} aria-labelledby={`${anchor(section)}-title`} className="scroll-mt-6" role="region">
              <CardTitle id={`${anchor(section)}-title`}>{t(`mailboxSettings.sections.${section}`)}</CardTitle>
              <CardDescription className="mb-5">{t(`mailboxSettings.${section}.intro`)}</CardDescription>
              {forms[section]}
            </Card>
          ))}
        </div>
      </div>
    </MailboxVersionProvider>
  );
}
