import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import { artifactPath, serverInfo } from './helpers/server';
import { LOGIN_URL, signInAs, signOut, superadmin } from './helpers/session';
import { addStarterDomainAndOpenAccounts } from './helpers/domains';

// Runs after 00–04 on the shared server (the superadmin exists). A user made through the wizard signs
// in, switches the panel to Italian, sets an autoresponder; then "Forgot password" answers neutrally,
// and the link it sends (written to DATA_DIR/outbox: the shared server has no SMTP) sets a new password.
// No failed sign-in here: the shared server throttles failures from 127.0.0.1.

const domain = 'self.example';
const user = { firstName: 'Linda', lastName: 'Lovelace', localPart: 'linda', address: `linda@${domain}`, recovery: 'linda.home@elsewhere.example' };
const state: { password?: string } = {};

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(`self-${name}.png`), fullPage: true });
}

/** Quoted-printable back to text (the .eml's body is QP: it has accented letters). */
function decodeQp(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function outboxMessagesTo(address: string): string[] {
  const dir = path.join(serverInfo().dataDir, 'outbox');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .filter((raw) => raw.includes(`To: ${address}`));
}

test.describe.serial('self-service and password recovery', () => {
  test('the superadmin creates a user with Webmail and a recovery address', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    const list = await addStarterDomainAndOpenAccounts(page, domain);
    await page.getByRole('link', { name: /^\+?\s*Email account$/ }).click();

    await page.getByLabel('First name', { exact: true }).fill(user.firstName);
    await page.getByLabel('Last name', { exact: true }).fill(user.lastName);
    await page.getByLabel('Address', { exact: true }).fill(user.localPart);
    await page.getByLabel('Generate a strong password').check();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    const secret = page.getByLabel(`Password of ${user.address}`);
    await expect(secret).toBeVisible();
    state.password = await secret.inputValue();
    expect(state.password).toMatch(/^\S{20}$/);
    await page.getByRole('button', { name: 'Continue to Services' }).or(page.getByRole('link', { name: 'Continue to Services' })).click();
    await expect(page.getByRole('heading', { name: /Services/ }).first()).toBeVisible();
    await expect(page.getByLabel('Webmail', { exact: true })).toBeChecked();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.getByRole('heading', { name: /Security/ }).first()).toBeVisible();
    await page.getByLabel('Force password change at first login').uncheck();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.getByRole('heading', { name: /Options/ }).first()).toBeVisible();
    await page.getByRole('button', { name: /^Create( account)?$/ }).click();
    await expect(page.getByText(user.address).first()).toBeVisible();

    // The recovery address is the administrators' to set, in Master data.
    await page.goto(list);
    await page.getByRole('row', { name: new RegExp(user.address.replace(/\./g, '\\.')) }).getByRole('link', { name: user.address }).click();
    await expect(page.getByRole('heading', { name: user.address, level: 1 })).toBeVisible();
    await page.getByLabel('Recovery address').fill(user.recovery);
    await page.getByRole('button', { name: 'Save master data' }).click();
    await expect(page.getByText('Saved.').first()).toBeVisible();
    await signOut(page);
  });

  test('the user switches to Italian: the panel speaks Italian; it sets its webmail and an autoresponder', async ({ page }) => {
    await signInAs(page, user.address, state.password!);
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole('heading', { name: 'My settings', level: 1 })).toBeVisible();
    // Nothing of an administrator's: no quota, services or security flags here.
    await expect(page.getByLabel('Storage')).toHaveCount(0);
    await expect(page.getByText('Require a one-time code at sign-in')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await shot(page, '01-my-settings');

    const localization = page.getByRole('region', { name: 'Panel language and time zone' });
    await localization.getByLabel('Language').selectOption('it');
    await localization.getByLabel('Time zone').fill('Europe/Rome');
    await localization.getByRole('button', { name: 'Save language and time zone' }).click();

    // The whole panel now speaks Italian: heading, navigation, buttons, messages.
    await expect(page.getByRole('heading', { name: 'Le mie impostazioni', level: 1 })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Le mie impostazioni' }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Esci' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(page).toHaveTitle(/Le mie impostazioni/);

    // Webmail: its own localization.
    const webmail = page.getByRole('region', { name: 'Webmail' });
    await webmail.getByLabel('Formato della data').selectOption('dd/MM/yyyy');
    await webmail.getByRole('button', { name: /Salva/ }).click();
    await expect(webmail.getByText('Salvato.')).toBeVisible();

    // Autoresponder: a refusal in Italian beside the field, then saved.
    const auto = page.getByRole('region', { name: 'Risposta automatica' });
    await auto.getByLabel('Invia una risposta automatica').check();
    await auto.getByRole('button', { name: 'Salva risposta automatica' }).click();
    await expect(auto.getByText('Campo obbligatorio.').first()).toBeVisible();
    await shot(page, '02-autoresponder-refused-it');
    await auto.getByLabel('Oggetto', { exact: true }).fill('Fuori ufficio');
    await auto.getByLabel('Messaggio', { exact: true }).fill('Torno lunedì.');
    await auto.getByLabel('Dal', { exact: true }).fill('2030-07-01T09:00');
    await auto.getByLabel('Al', { exact: true }).fill('2030-07-10T18:00');
    await auto.getByRole('button', { name: 'Salva risposta automatica' }).click();
    await expect(auto.getByText('Salvato.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '03-my-settings-it');

    await page.reload();
    await expect(page.getByRole('region', { name: 'Risposta automatica' }).getByLabel('Oggetto')).toHaveValue('Fuori ufficio');
    await expect(page.getByRole('region', { name: 'Risposta automatica' }).getByLabel('Dal', { exact: true })).toHaveValue('2030-07-01T09:00');
    await expect(page.getByRole('region', { name: 'Webmail' }).getByLabel('Formato della data')).toHaveValue('dd/MM/yyyy');

    // The security pages speak Italian too.
    await page.getByRole('link', { name: 'Cambia password' }).click();
    await expect(page.getByRole('heading', { name: 'Cambia la password' })).toBeVisible();
    await page.getByRole('button', { name: 'Esci' }).click();
    await expect(page).toHaveURL(LOGIN_URL);
  });

  test('"Forgot password" answers the same for any address; the e-mailed link sets a new password once', async ({ page }) => {
    const before = outboxMessagesTo(user.recovery).length;
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '04-forgot');

    const neutral = 'If the address belongs to an account that can recover its password, a link has been sent';
    await page.getByLabel('Email address').fill(`nobody@${domain}`);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByText(neutral)).toBeVisible();
    await page.reload();
    await page.getByLabel('Email address').fill(user.address);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByText(neutral)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '05-forgot-sent');

    // The message went to the recovery address, in the account's language (Italian now).
    await expect.poll(() => outboxMessagesTo(user.recovery).length, { timeout: 10_000 }).toBe(before + 1);
    const mail = decodeQp(outboxMessagesTo(user.recovery).at(-1)!);
    expect(mail).toContain('Il link vale 30 minuti');
    const link = /(https?:\/\/\S+\/login\/reset\?token=[A-Za-z0-9_-]+)/.exec(mail)?.[1];
    expect(link).toBeTruthy();

    await page.goto(link!);
    await expect(page.getByRole('heading', { name: 'Scegli una nuova password' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '06-reset');
    // A very common password is refused by the server, beside the field.
    await page.getByLabel('Nuova password', { exact: true }).fill('password1234');
    await page.getByLabel('Ripeti la nuova password').fill('password1234');
    await page.getByRole('button', { name: 'Imposta la nuova password' }).click();
    await expect(page.getByText('Questa password è tra le più comuni: scegline un’altra.')).toBeVisible();
    const fresh = 'a fresh recovered passphrase 7';
    await page.getByLabel('Nuova password', { exact: true }).fill(fresh);
    await page.getByLabel('Ripeti la nuova password').fill(fresh);
    await page.getByRole('button', { name: 'Imposta la nuova password' }).click();
    await expect(page.getByText('La password è stata cambiata')).toBeVisible();
    await shot(page, '07-reset-done');

    // Once only.
    await page.goto(link!);
    await expect(page.getByText('This link is not valid')).toBeVisible();

    await signInAs(page, user.address, fresh);
    await expect(page.getByRole('heading', { name: 'Le mie impostazioni', level: 1 })).toBeVisible();
  });
});
