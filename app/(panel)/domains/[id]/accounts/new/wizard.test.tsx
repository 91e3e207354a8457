import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '@/tests/unit/support/i18n';
import type { WizardOptions } from '@/lib/accounts/wizard/get-wizard';
import { translator } from '@/lib/i18n/translate';
import { GB } from '@/lib/mail/services';
import { SECURITY_STEP_DEFAULTS } from '@/lib/validations/account-wizard';
import { AccountStepForm } from './account-step-form';
import { OptionsStepForm } from './options-step-form';
import { SecurityStepForm } from './security-step-form';
import { ServicesStepForm } from './services-step-form';
import { StepIndicator } from './step-indicator';

// The forms call their server actions only on submit; rendering needs none of them.
vi.mock('./actions', () => ({
  saveAccountStepAction: vi.fn(),
  saveServicesStepAction: vi.fn(),
  saveSecurityStepAction: vi.fn(),
  createAccountAction: vi.fn(),
}));

const DRAFT = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';
const OFF = { pop: false, imap: false, smtp: false, webmail: false, activesync: false, dav: false, xmpp: false };
const options: WizardOptions = {
  storage: [
    { bytes: GB, disabled: false },
    { bytes: 5 * GB, disabled: true },
  ],
  freeBytes: 2 * GB,
  domainStorageBytes: 100 * GB,
  services: { ...OFF, imap: true, smtp: true, webmail: true },
  defaultDailySendLimit: 500,
  allowSpamToInbox: false,
  accounts: 2,
  maxAccounts: 100,
};

const render = (node: React.ReactNode, language: 'en' | 'it' = 'en') => renderToStaticMarkup(<I18nProvider language={language}>{node}</I18nProvider>);

describe('the step indicator', () => {
  it('marks the current step with aria-current="step" and links only the steps reached', () => {
    const html = renderToStaticMarkup(
      <StepIndicator
        t={translator('en')}
        domainId={3}
        draftId={DRAFT}
        current={2}
        reached={3}
        saved={{ account: true, services: true, security: false, options: false }}
      />,
    );
    expect(html.match(/aria-current="step"/g)).toHaveLength(1);
    expect(html).toMatch(/<li aria-current="step"[^>]*>.*?Services/);
    expect(html).toContain(`href="/domains/3/accounts/new/${DRAFT}/1"`);
    expect(html).toContain(`href="/domains/3/accounts/new/${DRAFT}/3"`);
    expect(html).not.toContain(`/${DRAFT}/2"`);
    expect(html).not.toContain(`/${DRAFT}/4"`);
    expect(html).toContain('Step 1 of 4');
  });
});

describe('the step forms', () => {
  it('step 1 shows the fixed domain, and with a saved password offers to keep it', () => {
    const html = render(
      <AccountStepForm
        domainId={3}
        draftId={DRAFT}
        domainName="bücher.de"
        defaults={{ firstName: 'Ada', lastName: '', description: '', localPart: 'ada', passwordMode: 'set', password: '', confirmPassword: '' }}
        passwordSet
        passwordGenerated
        cancelHref="/domains/3/accounts"
      />,
    );
    expect(html).toContain('ada@bücher.de');
    expect(html).toContain('A generated password is set for this account.');
    expect(html).toContain('Password set — leave empty to keep it');
  });

  it('step 2 offers only the services the domain enables, and storage beyond the domain’s is disabled', () => {
    const html = render(
      <ServicesStepForm domainId={3} draftId={DRAFT} defaults={{ quotaBytes: GB, services: { ...OFF, imap: true } }} options={options} backHref="/back" />,
    );
    expect(html).toContain('IMAP');
    expect(html).not.toContain('>POP<');
    expect(html).toContain('Not enabled for this domain: POP, Exchange ActiveSync, DAV, XMPP.');
    expect(html).toMatch(/<option value="5368709120" disabled="">5 GB — more than the domain has left<\/option>/);
    expect(html).toContain('500 messages a day');
    expect(html).toContain('href="/back"');
  });

  it('steps 3 and 4 render their fields; spam to Inbox only when the plan allows it', () => {
    const security = render(
      <SecurityStepForm
        domainId={3}
        draftId={DRAFT}
        defaults={{ ...SECURITY_STEP_DEFAULTS, allowedIps: '10.0.0.0/8' }}
        backHref="/back"
      />,
      'it',
    );
    expect(security).toContain('Obbliga a cambiare la password al primo accesso');
    expect(security).toContain('10.0.0.0/8');
    const props = { domainId: 3, draftId: DRAFT, defaults: { forwards: '', forwardKeepCopy: true, spamToInbox: false }, summary: [['Address', 'ada@bücher.de']] as [string, string][], backHref: '/back' };
    expect(render(<OptionsStepForm {...props} allowSpamToInbox={false} />)).not.toContain('Deliver spam to Inbox');
    const options4 = render(<OptionsStepForm {...props} allowSpamToInbox />);
    expect(options4).toContain('Deliver spam to Inbox');
    expect(options4).toContain('Create account');
    expect(options4).toContain('ada@bücher.de');
    expect(options4).toContain('Summary');
  });
});
