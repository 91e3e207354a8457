import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import { artifactPath, serverInfo } from './helpers/server';
import { LOGIN_URL, signIn, signInAs, superadmin } from './helpers/session';

// Each test builds on the one before (the server is shared): the first run, then signing in.
test.describe.serial('first run', () => {
  test('the printed setup link creates the superadmin, once', async ({ page, request }) => {
    const { setupPath } = serverInfo();

    const login = await page.goto('/login');
    expect(login?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    const setup = await page.goto(setupPath);
    expect(setup?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Set up mailpanel' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('setup.png'), fullPage: true });

    await page.getByLabel('Full name').fill(superadmin.name);
    await page.getByLabel('Email address').fill(superadmin.email);
    await page.getByLabel('Password', { exact: true }).fill(superadmin.password);
    const repeat = page.getByLabel('Repeat the password');
    await repeat.fill(`${superadmin.password}!`);
    await page.getByRole('button', { name: 'Create superadmin' }).click();

    // The message is shown under the field and tied to it for screen readers; nothing is created.
    await expect(page.getByText('The two passwords are different.')).toBeVisible();
    await expect(repeat).toHaveAttribute('aria-invalid', 'true');
    await expect(repeat).toHaveAccessibleDescription(/The two passwords are different\./);
    await expect(page).toHaveURL(setupPath);
    await expectNoSeriousA11yViolations(page);

    await repeat.fill(superadmin.password);
    await page.getByRole('button', { name: 'Create superadmin' }).click();
    await expect(page).toHaveURL(LOGIN_URL);
    await expect(page.getByText('The superadmin has been created. Sign in to continue.')).toBeVisible();

    // The link dies with its first use, and there is no setup page without one.
    const reused = await page.goto(setupPath);
    expect(reused?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Set up mailpanel' })).toHaveCount(0);
    expect((await request.get(setupPath)).status()).toBe(404);
    expect((await request.get('/setup')).status()).toBe(404);
  });

  test('a wrong password is refused and starts no session', async ({ page }) => {
    await page.goto('/login');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('login.png'), fullPage: true });

    await signIn(page, superadmin.email, 'not the right password');
    await expect(page.getByText('The email address or password is not correct.')).toBeVisible();
    await expect(page).toHaveURL(LOGIN_URL);

    await page.goto('/domains');
    await expect(page).toHaveURL(LOGIN_URL);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  test('the superadmin signs in, lands on Domains, and signs out', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await expect(page).toHaveURL(/\/domains(\?.*)?$/);
    await expect(page.getByRole('heading', { name: 'Domains', exact: true })).toBeVisible();
    await expect(page.getByText(superadmin.email).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('domains-desktop.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole('heading', { name: 'Domains', exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('domains-mobile.png'), fullPage: true });
    // On a phone the navigation is behind the menu button; it opens, leads on, and closes after.
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);
    const menuButton = page.getByRole('button', { name: 'Open menu' });
    await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
    await menuButton.click();
    await expect(page.getByRole('button', { name: 'Close menu' })).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Domains' })).toHaveAttribute('aria-current', 'page');
    await page.screenshot({ path: artifactPath('domains-mobile-menu.png') });
    await page.getByRole('link', { name: 'Plans' }).click();
    await expect(page).toHaveURL(/\/plans$/);
    await expect(page.getByRole('button', { name: 'Open menu' })).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(LOGIN_URL);
    await expect(page.getByText('You have been signed out.')).toBeVisible();

    await page.goto('/domains');
    await expect(page).toHaveURL(LOGIN_URL);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });
});
