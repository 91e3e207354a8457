import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/tests/unit/support/i18n';
import type { MailboxSettings as Settings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { GB, MB } from '@/lib/mail/services';
import { MailboxSettings, type MailboxSettingsActions } from './mailbox-settings';

const noop = async () => ({ ok: true as const, data: { version: 2 } });
const actions: MailboxSettingsActions = { masterData: noop, general: noop, security: noop, autoresponder: noop, webmail: noop };
const services = { pop: true, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false };

function settings(overrides: { isPostmaster?: boolean; active?: boolean; canChangeStorage?: boolean; allowSpamToInbox?: boolean } = {}): Settings {
  const isPostmaster = overrides.isPostmaster ?? false;
  return {
    mailbox: {
      id: 7,
      address: 'postmaster@xn--bcher-kva.de',
      isPostmaster,
      active: overrides.active ?? true,
      status: (overrides.active ?? true) ? 'online' : 'offline',
      version: 3,
      quotaBytes: isPostmaster ? 50 * MB : GB,
      usedBytes: 10 * MB,
      timeZone: 'Europe/Rome',
      otpEnrolled: false,
      passwordChangedAt: new Date('2025-01-02T10:00:00Z'),
    },
    domain: { id: 2, name: 'xn--bcher-kva.de', active: true },
    plan: { id: 1, name: 'Basic' },
    options: {
      userDetailFields: ['phone'],
      canChangeStorage: overrides.canChangeStorage ?? !isPostmaster,
      canChangeSendLimit: true,
      storage: [
        { bytes: GB, note: null, disabled: false },
        { bytes: 5 * GB, note: 'beyondDomain', disabled: true },
      ],
      freeBytes: 2 * GB,
      defaultDailySendLimit: 500,
      maxDailySendLimit: 2000,
      services: { ...services, dav: true },
      allowSpamToInbox: overrides.allowSpamToInbox ?? false,
      maxMessageBytes: 25 * 1024 * 1024,
    },
    initial: {
      masterData: { version: 3, firstName: 'Ada', lastName: '', description: '', phone: '', language: 'en', timeZone: 'Europe/Rome' },
      general: {
        version: 3,
        quotaBytes: GB,
        dailySendLimit: 800,
        services,
        forwards: 'a@example.org',
        forwardKeepCopy: true,
        spamToInbox: false,
        rejectAll: false,
        rejectMessage: '',
      },
      security: {
        version: 3,
        newPassword: '',
        confirmPassword: '',
        passwordExpiryMonths: 0,
        blockPasswordReuse: false,
        passwordChangeDisabled: false,
        passwordRecoveryDisabled: false,
        forcePasswordChange: false,
        otpRequired: false,
        allowedIps: '10.0.0.0/8',
        apiAccess: false,
      },
      autoresponder: { version: 3, enabled: false, subject: '', body: '', startsAt: '2025-08-01T09:00', endsAt: '' },
      webmail: { version: 3, language: 'it', timeZone: 'Europe/Rome', dateFormat: 'dd/MM/yyyy', timeFormat: 'HH:mm', inAddressBook: true },
    },
  };
}

function render(s: Settings, language: 'en' | 'it' = 'en') {
  return renderToStaticMarkup(
    <I18nProvider language={language}>
      <MailboxSettings settings={s} language={language} timeZone="UTC" actions={actions} />
    </I18nProvider>,
  );
}

describe('MailboxSettings', () => {
  it('renders the five sections with in-page links, and only the plan’s extra fields', () => {
    const html = render(settings());
    for (const id of ['settings-master-data', 'settings-general', 'settings-security', 'settings-autoresponder', 'settings-webmail']) {
      expect(html).toContain(`id="${id}"`);
      expect(html).toContain(`href="#${id}"`);
    }
    expect(html).toContain('>Phone<');
    expect(html).not.toContain('>Job title<');
    expect(html).toContain('Europe/Rome');
    // Storage options say why they cannot be picked; the sending limit is above the default.
    expect(html).toMatch(/<option value="5368709120" disabled="">5 GB — more than the domain has left<\/option>/);
    expect(html).toContain('sending may cost more');
    // Spam to Inbox is not offered by this plan; services the domain does not enable are disabled.
    expect(html).not.toContain('Deliver spam to Inbox');
    expect(html).toContain('XMPP');
    expect(html).toContain('Date and time in the account’s time zone (Europe/Rome)');
    // The plan's message size limit, shown to whoever sees the account (its user too).
    expect(html).toMatch(/Largest message<\/[^>]+>.*?25 MB/s);
  });

  it('shows a postmaster’s storage as fixed, and an inactive mailbox as not editable', () => {
    const pm = render(settings({ isPostmaster: true, active: false, allowSpamToInbox: true }));
    expect(pm).toContain('A postmaster has a fixed 50 MB.');
    expect(pm).not.toContain('name="quotaBytes"');
    expect(pm).toContain('cannot be changed until it is reactivated');
    expect(pm.match(/<fieldset disabled=""/g)).toHaveLength(5);
    expect(pm).toContain('Deliver spam to Inbox');
  });

  it('warns in Security when two-step sign-in is required and Webmail is off: no way in but app passwords', () => {
    const s = settings();
    expect(render(s)).not.toContain('cannot sign in to the panel');
    const locked = { ...s, initial: { ...s.initial, general: { ...s.initial.general, services: { ...services, webmail: false } }, security: { ...s.initial.security, otpRequired: true } } };
    expect(render(locked)).toContain('cannot sign in to the panel');
    expect(render(locked, 'it')).toContain('non può accedere al pannello');
    // Webmail off alone, or OTP required alone, leaves a way in.
    expect(render({ ...locked, initial: { ...locked.initial, security: s.initial.security } })).not.toContain('cannot sign in to the panel');
  });

  it('speaks Italian', () => {
    const html = render(settings({ canChangeStorage: false }), 'it');
    expect(html).toContain('Anagrafica');
    expect(html).toContain('Risposta automatica');
    expect(html).toContain("Solo l&#x27;amministratore del dominio può modificare questo limite.");
    expect(html).toMatch(/Messaggio più grande<\/[^>]+>.*?25 MB/s);
  });
});
