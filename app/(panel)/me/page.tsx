import Link from 'next/link';
import type { ReactNode } from 'react';
import { titleMetadata } from '@/app/title-metadata';
import { AppPasswordList } from '@/components/app-passwords/app-password-list';
import { CreateAppPasswordForm } from '@/components/app-passwords/create-app-password-form';
import { appPasswordRows } from '@/components/app-passwords/rows';
import { AutoresponderForm } from '@/components/mailbox-settings/autoresponder-form';
import { MailboxVersionProvider } from '@/components/mailbox-settings/version-context';
import { WebmailForm } from '@/components/mailbox-settings/webmail-form';
import { OwnLocalizationForm } from '@/components/self-service/own-localization-form';
import { DataList, type Column } from '@/components/list/data-list';
import { Card, CardDescription, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { listOwnSessions, type OwnSession } from '@/lib/auth/sessions/own-sessions';
import { sessionPolicy } from '@/lib/auth/sessions/policy';
import { formatDateTime } from '@/lib/format';
import { inEveryLanguage, translator } from '@/lib/i18n/translate';
import { listOwnAppPasswords } from '@/lib/app-passwords/own';
import { getOwnSettings } from '@/lib/self-service/own-settings';
import { timeZoneNames } from '@/lib/time/zoned';
import { updateOwnAutoresponderAction, updateOwnLocalizationAction, updateOwnWebmailAction } from './actions';
import { createOwnAppPasswordAction, revokeOwnAppPasswordAction } from './app-password-actions';
import { EndOtherSessionsButton } from './end-other-sessions-button';
import { EndSessionButton } from './end-session-button';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('selfService.title', 'self:read');

const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';

function Section({ id, title, intro, children }: { id: string; title: string; intro: string; children: ReactNode }) {
  return (
    <Card id={id} role="region" aria-labelledby={`${id}-title`} className="max-w-3xl">
      <CardTitle id={`${id}-title`}>{title}</CardTitle>
      <CardDescription className="mb-5">{intro}</CardDescription>
      {children}
    </Card>
  );
}

async function MySettingsPage() {
  const caller = await requirePermission('self:read');
  const t = translator(caller.language);
  const own = await getOwnSettings(caller);
  const timeZones = timeZoneNames();
  const mailbox = own.kind === 'mailbox' ? own : null;
  const appPasswords = mailbox ? await listOwnAppPasswords({ caller }) : null;
  const sessions = await listOwnSessions({ caller });
  const policy = sessionPolicy();
  const when = (value: Date) => formatDateTime(value, caller.language, caller.timeZone);
  const device = (session: OwnSession) =>
    t('selfService.sessions.device', { browser: session.browser ?? t('selfService.sessions.unknownBrowser'), os: session.os ?? t('selfService.sessions.unknownOs') });
  const sessionColumns: Column<OwnSession>[] = [
    {
      key: 'device',
      label: t('selfService.sessions.columns.device'),
      cell: (session) => (
        <>
          <div className="font-medium">{device(session)}</div>
          {session.current && <div className="text-xs text-emerald-800">{t('selfService.sessions.current')}</div>}
        </>
      ),
    },
    { key: 'ip', label: t('selfService.sessions.columns.ip'), className: 'font-mono text-xs', cell: (session) => session.ip ?? t('selfService.sessions.unknownIp') },
    { key: 'signedIn', label: t('selfService.sessions.columns.signedIn'), className: 'whitespace-nowrap', cell: (session) => when(session.createdAt) },
    { key: 'lastSeen', label: t('selfService.sessions.columns.lastSeen'), className: 'whitespace-nowrap', cell: (session) => when(session.lastSeenAt) },
    {
      key: 'actions',
      label: t('common.actions'),
      hideLabel: true,
      className: 'text-right',
      cell: (session) =>
        !session.current && <EndSessionButton id={session.id} label={t('selfService.sessions.signOutLabel', { device: device(session), ip: session.ip ?? t('selfService.sessions.unknownIp') })} />,
    },
  ];

  return (
    <MailboxVersionProvider initial={own.version}>
      <div className="space-y-6">
        <PageHeader title={t('selfService.title')} description={t('selfService.intro', { address: own.address })} />
        <Section id="my-localization" title={t('selfService.localization.title')} intro={t('selfService.localization.intro')}>
          <OwnLocalizationForm initial={own.initial.localization} timeZones={timeZones} action={updateOwnLocalizationAction} savedIn={inEveryLanguage('common.saved')} />
        </Section>
        {mailbox && (
          <>
            <Section id="my-webmail" title={t('selfService.webmail.title')} intro={t('selfService.webmail.intro')}>
              <WebmailForm id={0} ownOnly initial={mailbox.initial.webmail} timeZones={timeZones} action={updateOwnWebmailAction} />
            </Section>
            <Section id="my-autoresponder" title={t('selfService.autoresponder.title')} intro={t('selfService.autoresponder.intro')}>
              <AutoresponderForm id={0} initial={mailbox.initial.autoresponder} timeZone={mailbox.initial.localization.timeZone} action={updateOwnAutoresponderAction} />
            </Section>
          </>
        )}
        <Section id="my-security" title={t('selfService.security.title')} intro={t('selfService.security.intro')}>
          <ul className="space-y-2 text-sm">
            <li>
              {mailbox?.passwordChangeDisabled ? (
                <span className="text-slate-700">{t('selfService.security.passwordDisabled')}</span>
              ) : (
                <Link href="/security/password" className={linkClass}>
                  {t('selfService.security.password')}
                </Link>
              )}
            </li>
            <li>
              <Link href="/security/otp" className={linkClass}>
                {t('selfService.security.otp')}
              </Link>
              {mailbox && <span className="text-slate-600"> · {mailbox.otpEnabled ? t('selfService.security.otpOn') : t('selfService.security.otpOff')}</span>}
            </li>
            <li>
              <Link href="/me/tokens" className={linkClass}>
                {t('api.tokens.title')}
              </Link>
            </li>
          </ul>
        </Section>
        <Section
          id="my-sessions"
          title={t('selfService.sessions.title')}
          intro={t('selfService.sessions.intro', { idle: policy.idleMs / 60_000, max: policy.maxMs / 3_600_000 })}
        >
          <div className="space-y-4">
            <DataList caption={t('selfService.sessions.title')} columns={sessionColumns} rows={sessions} t={t} empty={{ title: t('selfService.sessions.empty') }} />
            {sessions.some((session) => !session.current) && <EndOtherSessionsButton />}
          </div>
        </Section>
        {mailbox && appPasswords && (
          <Section id="my-app-passwords" title={t('appPasswords.title')} intro={t('appPasswords.intro')}>
            <div className="space-y-6">
              <p className="text-sm text-slate-700">
                {appPasswords.otpOn ? t('appPasswords.otpOn') : t('appPasswords.otpOff')}{' '}
                {t('appPasswords.limit', { count: appPasswords.rows.length, max: appPasswords.max })}
              </p>
              <CreateAppPasswordForm address={own.address} create={createOwnAppPasswordAction} full={appPasswords.rows.length >= appPasswords.max} />
              <AppPasswordList rows={appPasswordRows(appPasswords.rows, caller.language, caller.timeZone)} revoke={revokeOwnAppPasswordAction} />
            </div>
          </Section>
        )}
      </div>
    </MailboxVersionProvider>
  );
}

export default withPageMessages(MySettingsPage, ['api.tokens', 'appPasswords', 'mailboxSettings.autoresponder', 'mailboxSettings.errors', 'mailboxSettings.masterData', 'mailboxSettings.languages', 'mailboxSettings.webmail', 'recovery.commonPassword', 'security.password', 'selfService.autoresponder', 'selfService.intro', 'selfService.localization', 'selfService.security', 'selfService.sessions', 'selfService.title', 'selfService.webmail']);
