import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import { artifactPath } from './helpers/server';
import { signInAs, signOut, superadmin } from './helpers/session';

// Runs after 01-first-run and 02-admin-side on the same server: the superadmin exists.
// The account list (/domains/[id]/accounts) and the creation wizard are built alongside this spec: the
// selectors for them are the labels we expect, marked where they may need aligning.

const domain = 'accounts.example';
const account = { firstName: 'Grace', lastName: 'Hopper', localPart: 'grace', address: `grace@${domain}` };
const rowOf = (page: Page) => page.getByRole('row', { name: new RegExp(account.address.replace(/\./g, '\\.')) });
const urls: { list?: string; account?: string } = {};

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(`accounts-${name}.png`), fullPage: true });
}

/**
 * "Next" on the first step. A generated password may be shown once right after it, before the next step
 * (with a "Continue to Services" button): it is screenshotted (as `shownOnce`) and passed.
 */
async function nextFromAccountStep(page: Page, shownOnce?: string): Promise<void> {
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  // wizard labels: adjust if the wizard names them differently
  const services = page.getByRole('heading', { name: /Services/ }).first();
  const proceed = page.getByRole('button', { name: 'Continue to Services' }).or(page.getByRole('link', { name: 'Continue to Services' }));
  await expect(services.or(proceed)).toBeVisible();
  if (await proceed.isVisible()) {
    if (shownOnce) await shot(page, shownOnce);
    await proceed.click();
  }
}

test.describe.serial('email accounts', () => {
  test('the superadmin adds a domain and creates an account through the four-step wizard', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await expect(page.getByRole('heading', { name: 'Domains', exact: true })).toBeVisible();
    await page.getByRole('link', { name: /Add domain/ }).click();
    await expect(page.getByRole('heading', { name: 'Add a domain' })).toBeVisible();
    await page.getByLabel('Domain name').fill(domain);
    await page.getByLabel('Plan').selectOption({ label: 'Starter' });
    await page.getByRole('button', { name: 'Add domain' }).click();
    await expect(page.getByText(`Domain ${domain} added.`)).toBeVisible();
    await page.getByRole('link', { name: 'Open the domain' }).click();
    await expect(page.getByRole('heading', { name: domain })).toBeVisible();

    // list labels: adjust if the domain page / the list name them differently
    await page.getByRole('main').getByRole('link', { name: /Email accounts/ }).first().click();
    await expect(page).toHaveURL(/\/domains\/\d+\/accounts(\?.*)?$/);
    urls.list = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/Email accounts/);
    await expectNoSeriousA11yViolations(page);
    await shot(page, '01-list-empty');
    await page.getByRole('link', { name: /^\+?\s*Email account$/ }).click();

    // wizard labels: adjust if the wizard names them differently
    // Step 1: New account.
    await expect(page.getByRole('heading', { name: /New account/ }).first()).toBeVisible();
    await page.getByLabel('First name', { exact: true }).fill(account.firstName);
    await page.getByLabel('Last name', { exact: true }).fill(account.lastName);
    await page.getByLabel('Address', { exact: true }).fill(account.localPart);
    await page.getByLabel('Generate a strong password').check();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '02-wizard-new-account');
    await nextFromAccountStep(page, '03-wizard-password-shown');

    // Step 2: Services. Going Back keeps what was typed.
    // wizard labels: adjust if the wizard names them differently
    await expect(page.getByRole('heading', { name: /Services/ }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '04-wizard-services');
    await page.getByRole('button', { name: 'Back', exact: true }).or(page.getByRole('link', { name: 'Back', exact: true })).click();
    await expect(page.getByRole('heading', { name: /New account/ }).first()).toBeVisible();
    await expect(page.getByLabel('First name', { exact: true })).toHaveValue(account.firstName);
    await expect(page.getByLabel('Last name', { exact: true })).toHaveValue(account.lastName);
    await expect(page.getByLabel('Address', { exact: true })).toHaveValue(account.localPart);
    await shot(page, '05-wizard-back-kept');
    await nextFromAccountStep(page);

    // wizard labels: adjust if the wizard names them differently
    await expect(page.getByRole('heading', { name: /Services/ }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    // Step 3: Security.
    // wizard labels: adjust if the wizard names them differently
    await expect(page.getByRole('heading', { name: /Security/ }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '06-wizard-security');
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    // Step 4: Options, then Create.
    // wizard labels: adjust if the wizard names them differently
    await expect(page.getByRole('heading', { name: /Options/ }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '07-wizard-options');
    await page.getByRole('button', { name: /^Create( account)?$/ }).click();
    await expect(page.getByText(account.address).first()).toBeVisible();
    await shot(page, '08-wizard-created');

    // The account is in the domain's list.
    await page.goto(urls.list!);
    await expect(rowOf(page)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '09-list-with-account');
    await signOut(page);
  });

  test('the account’s page: a setting saved, deactivated and reactivated with a confirmation', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(urls.list!);
    await rowOf(page).getByRole('link', { name: account.address }).click();
    await expect(page).toHaveURL(/\/accounts\/\d+$/);
    urls.account = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { name: account.address, level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: domain, exact: true })).toBeVisible();
    await expect(page.getByText('Online', { exact: true }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '10-account');

    // Master data: the first name, saved on its own.
    const firstName = page.getByLabel('First name', { exact: true });
    await expect(firstName).toHaveValue(account.firstName);
    await firstName.fill('Grace B.');
    await page.getByRole('button', { name: 'Save master data' }).click();
    await expect(page.getByText('Saved.').first()).toBeVisible();
    await shot(page, '11-account-saved');
    await page.reload();
    await expect(page.getByLabel('First name', { exact: true })).toHaveValue('Grace B.');

    // Deactivate: asks first; Cancel changes nothing.
    await page.getByRole('button', { name: 'Deactivate account' }).click();
    const confirmOff = page.getByRole('group', { name: 'Deactivate account' });
    await expect(confirmOff).toBeFocused();
    await expect(confirmOff).toContainText(`Deactivate ${account.address}?`);
    await shot(page, '12-deactivate-confirm');
    await confirmOff.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirmOff).toHaveCount(0);
    await expect(page.getByText('Online', { exact: true }).first()).toBeVisible();

    await page.getByRole('button', { name: 'Deactivate account' }).click();
    await page.getByRole('button', { name: 'Yes, deactivate' }).click();
    await expect(page.getByText('The account is now offline.')).toBeVisible();
    await expect(page.getByText('Offline', { exact: true }).first()).toBeVisible();
    await expect(page.getByText('This account is deactivated: its settings cannot be changed until it is reactivated.')).toBeVisible();
    await expect(page.getByLabel('First name', { exact: true })).toBeDisabled();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '13-deactivated');

    // Reactivate, also after a confirmation.
    await page.getByRole('button', { name: 'Reactivate account' }).click();
    await expect(page.getByRole('group', { name: 'Reactivate account' })).toBeFocused();
    await page.getByRole('button', { name: 'Yes, reactivate' }).click();
    await expect(page.getByText('The account is online again.')).toBeVisible();
    await expect(page.getByText('Online', { exact: true }).first()).toBeVisible();
    await expect(page.getByLabel('First name', { exact: true })).toBeEnabled();
    await shot(page, '14-reactivated');

    // The list's "More" menu links here with ?action=…: the confirmation is open and focused at once.
    await page.goto(`${urls.account}?action=deactivate`);
    const deepLinked = page.getByRole('group', { name: 'Deactivate account' });
    await expect(deepLinked).toBeFocused();
    await deepLinked.getByRole('button', { name: 'Cancel' }).click();
    await page.goto(`${urls.account}?action=delete`);
    await expect(page.getByLabel(`Type ${account.address} to confirm`)).toBeFocused();
    await shot(page, '15-delete-deep-link');
    await signOut(page);
  });

  test('deleting the account asks for its address, then it is gone from the list', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(urls.account!);
    await expect(page.getByRole('heading', { name: account.address, level: 1 })).toBeVisible();
    const confirm = page.getByLabel(`Type ${account.address} to confirm`);
    const button = page.getByRole('button', { name: 'Delete account permanently' });
    await expect(button).toBeDisabled();
    await confirm.fill(`grace@${domain}x`);
    await button.click();
    await expect(page.getByText('The address you typed does not match the account.')).toBeVisible();
    await expect(confirm).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousA11yViolations(page);
    await shot(page, '16-delete-mismatch');

    await confirm.fill(account.address);
    await button.click();
    await expect(page).toHaveURL(/\/domains\/\d+\/accounts(\?.*)?$/);
    // list labels: adjust if the list names them differently
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/Email accounts/);
    await expect(rowOf(page)).toHaveCount(0);
    await shot(page, '17-deleted');

    // Its page is gone too.
    expect((await page.goto(urls.account!))?.status()).toBe(404);
    await page.goto('/domains');
    await signOut(page);
  });
});
