import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ImapFlow } from 'imapflow';
import { createAccountWithGeneratedPassword } from './helpers/accounts';
import { addStarterDomainAndOpenAccounts } from './helpers/domains';
import { startMailHost, webmailUnavailable, type MailHost } from './helpers/mail-host';
import { createSuperadmin, startOwnServer, type OwnServer } from './helpers/own-server';
import { artifactPath, freePort } from './helpers/server';
import { signInAs, signOut } from './helpers/session';

// Roundcube on the panel's accounts (issue 19): a mail host of this spec's own (real Dovecot, Postfix,
// nginx, php-fpm and Roundcube, set up with the project's own commands) and a panel on the same PostgreSQL
// database. A change made in the panel is what the person sees at the next webmail login.

const unavailable = webmailUnavailable();
const ops = { email: 'ops@webmail.example', password: 'a webmail drill passphrase 8' };
const domain = 'webmail.example';
const user = { localPart: 'giulia', address: `giulia@${domain}` };
const state: { password?: string; accountUrl?: string } = {};

let host: MailHost | undefined;
let server: OwnServer | undefined;
let panel: BrowserContext | undefined;

/** Signs in to Roundcube in a fresh browser context (nothing remembered from an earlier login). */
async function roundcube(browser: Browser, password = state.password!): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: host!.webmailUrl });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Username').fill(user.address);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Login' }).click();
  return { page, close: () => context.close() };
}

async function imapWorks(): Promise<boolean> {
  const client = new ImapFlow({ host: '127.0.0.1', port: host!.imapPort, secure: false, auth: { user: user.address, pass: state.password! }, logger: false });
  try {
    await client.connect();
    await client.logout();
    return true;
  } catch {
    return false;
  }
}

test.describe.serial('webmail: Roundcube follows the panel', () => {
  test.skip(Boolean(unavailable) && process.env.MAILPANEL_WEBMAIL_TESTS !== '1', unavailable ?? '');

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(300_000);
    if (unavailable) throw new Error(`MAILPANEL_WEBMAIL_TESTS=1 but ${unavailable}.`);
    // Roundcube changes passwords through this panel's API; the panel trusts Roundcube (loopback) for the person's address.
    const panelPort = await freePort();
    host = await startMailHost({ panelUrl: 'http://panel.e2e.example', panelApiUrl: `http://127.0.0.1:${panelPort}` });
    const env = { DATABASE_URL: host.databaseUrl, AUTH_SECRET: randomBytes(32).toString('base64url'), JOB_POLL_MS: '500', TRUSTED_PROXIES: '127.0.0.1', ...host.workerEnv };
    createSuperadmin(env, { ...ops, name: 'Ops' });
    server = await startOwnServer(env, panelPort);
    panel = await browser.newContext({ baseURL: server.baseURL });
  });

  test.afterAll(async () => {
    await panel?.close();
    await server?.stop();
    await host?.stop();
  });

  // Playwright needs the fixtures argument destructured, even when none is used.
  test.afterEach(async ({}, info) => {
    if (info.status !== info.expectedStatus && host) console.log(host.logs());
  });

  test('the superadmin creates an account with Webmail on', async () => {
    const page = await panel!.newPage();
    await signInAs(page, ops.email, ops.password);
    await addStarterDomainAndOpenAccounts(page, domain);
    Object.assign(state, await createAccountWithGeneratedPassword(page, { firstName: 'Giulia', lastName: 'Rossi', ...user }));
    await signOut(page);
    await page.close();
  });

  test('Italian and New York in the panel: Roundcube speaks Italian and shows New York time', async ({ browser }) => {
    // A message of 15 January 2026, 15:30 UTC: 10:30 in New York (EST).
    const client = new ImapFlow({ host: '127.0.0.1', port: host!.imapPort, secure: false, auth: { user: user.address, pass: state.password! }, logger: false });
    await client.connect();
    await client.append('INBOX', ['Date: Thu, 15 Jan 2026 15:30:00 +0000', 'From: someone@elsewhere.example', `To: ${user.address}`, 'Subject: Orario', '', 'Ciao.', ''].join('\r\n'));
    await client.logout();

    const page = await panel!.newPage();
    await signInAs(page, user.address, state.password!);
    await page.goto('/me');
    const webmail = page.getByRole('region', { name: 'Webmail' });
    await webmail.getByLabel('Language').selectOption('it');
    await webmail.getByLabel('Time zone').fill('America/New_York');
    await webmail.getByLabel('Date format').selectOption('dd/MM/yyyy');
    await webmail.getByRole('button', { name: 'Save webmail settings' }).click();
    await expect(webmail.getByText('Saved.')).toBeVisible();

    const mail = await roundcube(browser);
    // The folder list's names start with an icon: the name is matched, not the whole label.
    await expect(mail.page.getByRole('treeitem', { name: /Posta in arrivo/ })).toBeVisible();
    await expect(mail.page.getByRole('row', { name: /15\/01\/2026 10:30 .*Orario/ })).toBeVisible();
    await mail.page.screenshot({ path: artifactPath('webmail-01-italian.png'), fullPage: true });
    await mail.close();

    // The user switches the webmail to English in the panel: English at the next login.
    await webmail.getByLabel('Language').selectOption('en');
    await webmail.getByRole('button', { name: 'Save webmail settings' }).click();
    await expect(webmail.getByText('Saved.')).toBeVisible();
    await signOut(page);
    await page.close();

    const next = await roundcube(browser);
    await expect(next.page.getByRole('treeitem', { name: /Inbox/ })).toBeVisible();
    await expect(next.page.getByText('Posta in arrivo')).toHaveCount(0);
    await next.close();
  });

  test('Webmail off for the account: Roundcube refuses the login while IMAP keeps working', async ({ browser }) => {
    const page = await panel!.newPage();
    await signInAs(page, ops.email, ops.password);
    await page.goto(state.accountUrl!);
    await page.getByRole('checkbox', { name: 'Webmail', exact: true }).uncheck();
    await page.getByRole('button', { name: 'Save general settings' }).click();
    await expect(page.getByText('Saved.').first()).toBeVisible();

    const refused = await roundcube(browser);
    await expect(refused.page.getByText(/sign in to the panel first/)).toBeVisible();
    await expect(refused.page.getByLabel('Password')).toBeVisible();
    await refused.page.screenshot({ path: artifactPath('webmail-02-refused.png'), fullPage: true });
    await refused.close();
    expect(await imapWorks()).toBe(true);

    // And back on: the webmail opens again.
    await page.getByRole('checkbox', { name: 'Webmail', exact: true }).check();
    await page.getByRole('button', { name: 'Save general settings' }).click();
    await expect(page.getByText('Saved.').first()).toBeVisible();
    await signOut(page);
    await page.close();
    const again = await roundcube(browser);
    await expect(again.page.getByRole('treeitem', { name: /Inbox/ })).toBeVisible();
    await again.close();
  });

  test('the company address book honours the account\'s visibility setting', async ({ browser }) => {
    const open = async () => {
      const mail = await roundcube(browser);
      await expect(mail.page.getByRole('treeitem', { name: /Inbox/ })).toBeVisible();
      await mail.page.goto('/?_task=addressbook&_source=mailpanel');
      return mail;
    };
    const shown = await open();
    await expect(shown.page.getByRole('option', { name: /Giulia Rossi/ })).toBeVisible();
    await shown.close();

    const page = await panel!.newPage();
    await signInAs(page, ops.email, ops.password);
    await page.goto(state.accountUrl!);
    const webmail = page.getByRole('region', { name: 'Webmail' });
    await webmail.getByLabel('Show this account in the company address book').uncheck();
    await webmail.getByRole('button', { name: 'Save webmail settings' }).click();
    await expect(webmail.getByText('Saved.')).toBeVisible();
    await signOut(page);
    await page.close();

    const hidden = await open();
    // The list has loaded (the domain's postmaster is in it) and Giulia is not.
    await expect(hidden.page.getByRole('option', { name: /postmaster@webmail\.example/ })).toBeVisible();
    await expect(hidden.page.getByRole('option', { name: /Giulia Rossi/ })).toHaveCount(0);
    await hidden.close();
  });

  test("a password change in Roundcube goes through the panel's rules: refused with the panel's Italian reason, then accepted", async ({ browser }) => {
    // The account's panel language (the API answers in it) and its webmail language, set by the superadmin.
    const page = await panel!.newPage();
    await signInAs(page, ops.email, ops.password);
    await page.goto(state.accountUrl!);
    await page.getByRole('region', { name: 'Master data' }).getByLabel('Language').selectOption('it');
    await page.getByRole('button', { name: 'Save master data' }).click();
    await expect(page.getByText('Saved.').first()).toBeVisible();
    const webmail = page.getByRole('region', { name: 'Webmail' });
    await webmail.getByLabel('Language').selectOption('it');
    await webmail.getByRole('button', { name: 'Save webmail settings' }).click();
    await expect(webmail.getByText('Saved.')).toBeVisible();
    await signOut(page);
    await page.close();

    const mail = await roundcube(browser);
    await expect(mail.page.getByRole('treeitem', { name: /Posta in arrivo/ })).toBeVisible();
    await mail.page.goto('/?_task=settings&_action=plugin.password');
    // Opened directly (not inside the settings page's frame): the form is the page's content.
    const form = mail.page;
    const change = async (next: string) => {
      await form.getByRole('textbox', { name: 'Password corrente:', exact: true }).fill(state.password!);
      await form.getByRole('textbox', { name: 'Nuova password:', exact: true }).fill(next);
      await form.getByRole('textbox', { name: 'Conferma la nuova Password:', exact: true }).fill(next);
      await form.getByRole('button', { name: 'Salva' }).click();
    };
    await change('corta12');
    await expect(mail.page.getByText(/La password deve contenere almeno 12 caratteri/)).toBeVisible();
    await mail.page.screenshot({ path: artifactPath('webmail-03-password-refused.png'), fullPage: true });
    expect(await imapWorks()).toBe(true);

    const next = 'Una nuova frase segreta 2026';
    await change(next);
    await expect(mail.page.getByText(/Salvato correttamente/)).toBeVisible();
    await mail.close();
    const old = state.password!;
    state.password = next;
    expect(await imapWorks()).toBe(true);
    state.password = old;
    expect(await imapWorks()).toBe(false);
    state.password = next;
  });
});
