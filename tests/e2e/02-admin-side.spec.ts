import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import { artifactPath } from './helpers/server';
import { signInAs, signOut, superadmin } from './helpers/session';

const admin = { email: 'reseller@example.net', name: 'Reseller Ltd' };
const secrets: { admin?: string; postmaster?: string } = {};

// Runs after the first-run spec (same server): the superadmin exists.
test.describe.serial('the admin side', () => {
  test('the superadmin creates an admin with a generated password', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.getByRole('link', { name: 'Admins' }).first().click();
    await expect(page.getByRole('heading', { name: 'Admins', exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'New admin' }).click();
    await expect(page.getByRole('heading', { name: 'New admin' })).toBeVisible();
    await page.getByLabel('Email address', { exact: true }).fill(admin.email);
    await page.getByLabel('Name', { exact: true }).fill(admin.name);
    await page.getByLabel('Generate a strong password').check();
    await page.getByRole('button', { name: 'Create admin' }).click();
    const shown = page.getByLabel('Generated password');
    await expect(shown).toBeVisible();
    secrets.admin = await shown.inputValue();
    expect(secrets.admin.length).toBeGreaterThanOrEqual(16);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('admin-created.png'), fullPage: true });
    await page.goto('/admins');
    await expect(page.getByRole('row', { name: new RegExp(admin.email.replace('.', '\\.')) })).toBeVisible();
    await page.screenshot({ path: artifactPath('admins-list.png'), fullPage: true });
    await signOut(page);
  });

  test('the superadmin finds the seeded plans and opens one', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.getByRole('link', { name: 'Plans' }).first().click();
    await expect(page.getByRole('heading', { name: 'Plans', exact: true })).toBeVisible();
    for (const name of ['Starter', 'Business', 'Enterprise']) await expect(page.getByRole('link', { name })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('plans.png'), fullPage: true });
    await page.getByRole('link', { name: 'Business' }).click();
    await expect(page.getByRole('heading', { name: 'Plan Business' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('plan-edit.png'), fullPage: true });
    await page.goto('/plans/new');
    await page.getByRole('button', { name: /Create plan|Save/ }).click();
    await expect(page.getByText('This field is required.').first()).toBeVisible();
    await page.screenshot({ path: artifactPath('plan-new-errors.png'), fullPage: true });
    await signOut(page);
  });

  test('the admin adds a domain and sees its 50 MB postmaster', async ({ page }) => {
    await signInAs(page, admin.email, secrets.admin!);
    await expect(page.getByRole('heading', { name: 'Domains', exact: true })).toBeVisible();
    await page.getByRole('link', { name: /Add domain/ }).click();
    await expect(page.getByRole('heading', { name: 'Add a domain' })).toBeVisible();

    // A bad name is answered at the field and creates nothing.
    await page.getByLabel('Domain name').fill('-bad.example');
    await page.getByLabel('Plan').selectOption({ label: 'Starter' });
    await page.getByRole('button', { name: 'Add domain' }).click();
    await expect(page.getByText('A part of a domain name cannot start or end with a dash.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('domain-add-error.png'), fullPage: true });

    await page.getByLabel('Domain name').fill('Shop.Example');
    await page.getByRole('button', { name: 'Add domain' }).click();
    await expect(page.getByText('Domain shop.example added.')).toBeVisible();
    const shown = page.getByLabel('Postmaster password');
    secrets.postmaster = await shown.inputValue();
    expect(secrets.postmaster.length).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: artifactPath('domain-added.png'), fullPage: true });

    await page.getByRole('link', { name: 'Open the domain' }).click();
    await expect(page.getByRole('heading', { name: 'shop.example' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('domain-settings.png'), fullPage: true });

    await page.getByRole('link', { name: 'Postmasters' }).first().click();
    const row = page.getByRole('row', { name: /postmaster@shop\.example/ });
    await expect(row).toBeVisible();
    await expect(row).toContainText('of 50 MB');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('postmasters.png'), fullPage: true });

    // Its settings: the same sections as any account, storage fixed at 50 MB.
    await row.getByRole('link', { name: 'postmaster@shop.example' }).click();
    await expect(page.getByRole('heading', { name: 'postmaster@shop.example' })).toBeVisible();
    await expect(page.getByText('A postmaster has a fixed 50 MB.')).toBeVisible();
    await page.getByLabel('First name').fill('Paula');
    await page.getByRole('button', { name: 'Save master data' }).click();
    await expect(page.getByText('Saved.').first()).toBeVisible();
    await page.getByLabel('Allowed IP addresses').fill('10.0.0.1/8');
    await page.getByRole('button', { name: 'Save security settings' }).click();
    await expect(page.getByText('10.0.0.1/8 is not the start of its class: did you mean 10.0.0.0/8?')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('postmaster-settings.png'), fullPage: true });
    await signOut(page);
  });

  test('the postmaster signs in with the shown password and sees only its domain', async ({ page }) => {
    await signInAs(page, 'postmaster@shop.example', secrets.postmaster!);
    await expect(page.getByRole('heading', { name: 'My domain: shop.example' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Postmasters' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Delete domain/ })).toHaveCount(0);
    await page.goto('/domains');
    await expect(page.getByRole('heading', { name: 'My domain: shop.example' })).toBeVisible();
    const other = await page.goto('/postmasters');
    expect(other?.status()).toBe(404);
    await page.goto('/domains');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('postmaster-domain.png'), fullPage: true });
    // Pages of other roles do not exist for the postmaster.
    for (const path of ['/admins', '/plans/new', '/audit']) expect((await page.goto(path))?.status(), path).toBe(404);
    await signOut(page);
  });

  test('deleting the domain asks for its name, then removes it', async ({ page }) => {
    await signInAs(page, admin.email, secrets.admin!);
    await page.getByRole('link', { name: 'shop.example' }).click();
    const confirm = page.getByLabel('Type shop.example to confirm');
    await confirm.fill('shop.exampel');
    await page.getByRole('button', { name: 'Delete domain permanently' }).click();
    await expect(page.getByText('The name you typed does not match the domain.')).toBeVisible();
    await confirm.fill('shop.example');
    await page.getByRole('button', { name: 'Delete domain permanently' }).click();
    await expect(page.getByText('Domain shop.example deleted.')).toBeVisible();
    await expect(page.getByText('No domains yet.')).toBeVisible();
    await signOut(page);
  });
});
