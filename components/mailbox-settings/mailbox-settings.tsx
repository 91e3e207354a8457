import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card, CardDescription, CardTitle } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
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

const anchor = (section: Section) => `settings-${section.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The five settings sections of one mailbox, each a card with its own form and save button. */
export function MailboxSettings({ settings, language, timeZone, actions }: Props) {
  const t = translator(language);
  const { mailbox, options, initial } = settings;
  const disabled = !mailbox.active;
  const timeZones = timeZoneNames();

  const forms: Record<Section, ReactNode> = {
    masterData: (
      <MasterDataForm
        id={mailbox.id}
        initial={initial.masterData}
        userDetailFields={options.userDetailFields}
        timeZones={timeZones}
        action={actions.masterData}
        disabled={disabled}
      />
    ),
    general: (
      <GeneralForm
        id={mailbox.id}
        initial={initial.general}
        options={options}
        isPostmaster={mailbox.isPostmaster}
        quotaBytes={mailbox.quotaBytes}
        usedBytes={mailbox.usedBytes}
        action={actions.general}
        disabled={disabled}
      />
    ),
    security: (
      <SecurityForm
        id={mailbox.id}
        initial={initial.security}
        otpEnrolled={mailbox.otpEnrolled}
        passwordChangedAt={formatDateTime(mailbox.passwordChangedAt, language, timeZone)}
        action={actions.security}
        resetOtp={actions.resetOtp}
        disabled={disabled}
      />
    ),
    autoresponder: (
      <AutoresponderForm id={mailbox.id} initial={initial.autoresponder} timeZone={mailbox.timeZone} action={actions.autoresponder} disabled={disabled} />
    ),
    webmail: <WebmailForm id={mailbox.id} initial={initial.webmail} timeZones={timeZones} action={actions.webmail} disabled={disabled} />,
  };

  return (
    <MailboxVersionProvider key={mailbox.id} initial={mailbox.version}>
      <div className="lg:grid lg:grid-cols-[11rem_minmax(0,1fr)] lg:gap-8">
        <nav aria-label={t('mailboxSettings.sectionsNav')} className="hidden lg:block">
          <ul className="sticky top-8 space-y-1 text-sm">
            {SECTIONS.map((section) => (
              <li key={section}>
                <a
                  href={`#${anchor(section)}`}
                  className="block rounded-md px-3 py-2 font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  {t(`mailboxSettings.sections.${section}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
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
