import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { serverInfo } from './helpers/server';
import { LOGIN_URL, signInAs, signOut, superadmin } from './helpers/session';

// Sessions end on the server (issue 22): a copy of the session cookie taken before signing out reads
// nothing afterwards, and "My settings" lists one's sessions and signs one of them out. Runs after 01 on
// the shared server, or alone (then it completes the first-run setup itself).

async function ensureSuperadmin(browser: Browser): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const setup = await page.goto(serverInfo().setupPath);
  if (setup?.status() === 200) {
    await page.getByLabel('Full name').fill(superadmin.name);
    await page.getByLabel('Email address').fill(superadmin.email);
    await page.getByLabel('Password', { exact: true }).fill(superadmin.password);
    await page.getByLabel('Repeat the password').fill(superadmin.password);
    await page.getByRole('button', { name: 'Create superadmin' }).click();
    await expect(page).toHaveURL(LOGIN_URL);
  }
  await context.close();
}

/** A second browser holding a copy of `from`'s cookies. */
async function copyOf(browser: Browser, from: BrowserContext): Promise<BrowserContext> {
  const copy = await browser.newContext();
  await copy.addCookies(await from.cookies());
  return copy;
}

test.describe.serial('sessions end on the server', () => {
  test.beforeAll(async ({ browser }) => ensureSuperadmin(browser));

  test('a cookie copied before sign-out reads nothing afterwards, and next-auth does not renew it', async ({ page, browser }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    const thief = await copyOf(browser, page.context());
    const stolen = await thief.newPage();
    await stolen.goto('/me');
    await expect(stolen.getByRole('heading', { name: 'My settings' })).toBeVisible();

    await page.goto('/me');
    await signOut(page);

    await stolen.goto('/me');
    await expect(stolen).toHaveURL(LOGIN_URL);
    const session = await thief.request.get('/api/auth/session');
    expect(await session.json()).toEqual({});
    await thief.close();
  });

  test('a successful sign-in leaves this browser a device cookie (it passes the per-account lockout later)', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    const device = (await page.context().cookies()).find((cookie) => cookie.name === 'mailpanel-device');
    expect(device, 'the device cookie after sign-in').toBeDefined();
    expect(device!.httpOnly).toBe(true);
    expect(device!.sameSite).toBe('Lax');
    // Long-lived (180 days), unlike the session.
    expect(device!.expires * 1000 - Date.now()).toBeGreaterThan(170 * 24 * 3600 * 1000);
    await signOut(page);
    expect((await page.context().cookies()).some((cookie) => cookie.name === 'mailpanel-device')).toBe(true);
  });

  test('My settings lists one’s sessions and signs another one out', async ({ page, browser }) => {
    const other = await browser.newContext({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Version/18.1 Mobile/15E148 Safari/604.1' });
    const phone = await other.newPage();
    await signInAs(phone, superadmin.email, superadmin.password);
    await signInAs(page, superadmin.email, superadmin.password);

    await page.goto('/me');
    const list = page.getByRole('region', { name: 'Where you are signed in' });
    await expect(list.getByText('This browser')).toBeVisible();
    await expect(list.getByText('Safari on iOS')).toBeVisible();
    await list.getByRole('button', { name: /^Sign out the session of Safari on iOS/ }).click();
    await expect(list.getByText('Safari on iOS')).toHaveCount(0);

    await phone.goto('/me');
    await expect(phone).toHaveURL(LOGIN_URL);
    // This browser is still signed in.
    await page.goto('/me');
    await expect(page.getByRole('heading', { name: 'My settings' })).toBeVisible();
    await other.close();
  });
});
