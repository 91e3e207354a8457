import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import { hydrated, LOGIN_URL, signInAs, signOut, superadmin } from './helpers/session';
import { checkBothWidths, expectNoSidewaysScroll, PHONE } from './helpers/widths';

// Issue 23, points 13-15, on the shared server after 01-first-run (the superadmin exists); adds its own
// domain. 13: the account page's section navigation (sticky beside the sections at 1280 px, a jump menu
// at 390 px) and the warning before leaving with unsaved changes. 14: the postmaster lands on its domain
// at a glance, with what it may do. 15: forms usable before the page's JavaScript has arrived.

const domain = 'glance.example';
const user = { localPart: 'noa', address: `noa@${domain}`, password: 'a long enough passphrase 23b' };
const SHOTS = process.env.MAILPANEL_SHOTS_DIR ?? path.join('tests', 'e2e', '.artifacts', 'issue-23b');
const state: { postmaster?: string; accountId?: string; domainPath?: string } = {};

const checkBoth = (page: Page, name: string) => checkBothWidths(page, SHOTS, name);

/** The page's JavaScript (not its styles, which would hold back the whole page). */
const SCRIPT_CHUNKS = (url: URL) => url.pathname.startsWith('/_next/static/') && url.pathname.endsWith('.js');

const masterData = (page: Page) => page.getByRole('region', { name: 'Master data' });

test.describe.serial('issue 23, 13-15: the account page, the postmaster home, forms before JavaScript', () => {
  test('setup: a domain with one account', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto('/domains/new');
    await page.getByLabel('Domain name').fill(domain);
    await page.getByLabel('Plan').selectOption({ label: 'Starter' });
    await page.getByRole('button', { name: 'Add domain' }).click();
    await expect(page.getByText(`Domain ${domain} added.`)).toBeVisible();
    state.postmaster = await page.getByLabel('Postmaster password').inputValue();
    await page.getByRole('link', { name: 'Open the domain' }).click();
    await expect(page).toHaveURL(/\/domains\/\d+$/);
    state.domainPath = new URL(page.url()).pathname;
    await page.goto(`${state.domainPath}/accounts/new`);
    await page.getByLabel('First name', { exact: true }).fill('Noa');
    await page.getByLabel('Address', { exact: true }).fill(user.localPart);
    await page.getByRole('radio', { name: /^Set a password/ }).check();
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByLabel('Repeat the password').fill(user.password);
    for (const heading of [/Services/, /Security/, /Options/]) {
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await expect(page.getByRole('heading', { name: heading }).first()).toBeVisible();
    }
    await page.getByRole('button', { name: /^Create( account)?$/ }).click();
    const open = page.getByRole('status').getByRole('link', { name: `Open ${user.address}` });
    state.accountId = (await open.getAttribute('href'))?.split('/').pop();
    expect(state.accountId).toMatch(/^\d+$/);
  });

  test('13: at 1280 px the section navigation stays beside the sections and marks the one being read', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(`/accounts/${state.accountId}`);
    await hydrated(page);
    const nav = page.getByRole('navigation', { name: 'Settings sections' });
    await expect(nav).toBeVisible();
    await expect(page.getByText('Jump to a section')).toBeHidden();
    await nav.getByRole('link', { name: 'Webmail' }).click();
    await expect(page).toHaveURL(/#settings-webmail$/);
    await expect(page.getByRole('region', { name: 'Webmail' })).toBeInViewport();
    // Sticky: still in view far down the page, with the section being read marked.
    await expect(nav.getByRole('link', { name: 'Webmail' })).toBeInViewport();
    await expect(nav.getByRole('link', { name: 'Webmail' })).toHaveAttribute('aria-current', 'true');
    await expect(nav.getByRole('link', { name: 'Master data' })).not.toHaveAttribute('aria-current', 'true');
    await checkBoth(page, 'account-page');
  });

  test('13: at 390 px a jump menu takes the reader to a section', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(`/accounts/${state.accountId}`);
    await hydrated(page);
    await expect(page.locator('#settings-nav')).toBeHidden(); // the sidebar is for wide windows
    await page.getByText('Jump to a section').click();
    const menu = page.getByRole('navigation', { name: 'Settings sections' });
    await expect(menu).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: path.join(SHOTS, 'account-page-jump-menu-390.png') });
    await menu.getByRole('link', { name: 'Security' }).click();
    await expect(page).toHaveURL(/#settings-security$/);
    await expect(page.getByRole('region', { name: 'Security' })).toBeInViewport();
  });

  test('13: leaving with unsaved changes asks first (a link: a confirmation; closing: the browser prompt); once saved, it does not', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(`/accounts/${state.accountId}`);
    await hydrated(page);
    const accountUrl = page.url();
    await masterData(page).getByLabel('Last name').fill('Levi');

    // A link inside the panel (Next's Link): dismissed, the page stays with what was typed.
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.getByRole('main').getByRole('link', { name: domain, exact: true }).click();
    await expect.poll(() => dialogs).toEqual(['confirm: You have changes that are not saved. Leave this page and lose them?']);
    expect(page.url()).toBe(accountUrl);
    await expect(masterData(page).getByLabel('Last name')).toHaveValue('Levi');

    // A jump within the page asks nothing.
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Security' }).click();
    await expect(page).toHaveURL(/#settings-security$/);
    expect(dialogs).toHaveLength(1);

    // Closing the tab: the browser's own prompt.
    const beforeUnload = new Promise<string>((resolve) => page.once('dialog', (dialog) => (resolve(dialog.type()), void dialog.dismiss())));
    await page.close({ runBeforeUnload: true });
    expect(await beforeUnload).toBe('beforeunload');
  });

  test('13: after saving, links leave without asking; accepting the confirmation leaves', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(`/accounts/${state.accountId}`);
    await hydrated(page);
    let asked = 0;
    page.on('dialog', (dialog) => {
      asked++;
      void dialog.accept();
    });
    await masterData(page).getByLabel('Last name').fill('Levi');
    await masterData(page).getByRole('button', { name: 'Save master data' }).click();
    await expect(masterData(page).getByRole('status')).toHaveText('Saved.');
    await page.getByRole('main').getByRole('link', { name: domain, exact: true }).click();
    await expect(page).toHaveURL(/\/domains\/\d+$/);
    expect(asked).toBe(0);

    await page.goBack();
    await hydrated(page);
    await masterData(page).getByLabel('Last name').fill('Levi-Montalcini');
    await page.getByRole('main').getByRole('link', { name: domain, exact: true }).click();
    await expect(page).toHaveURL(/\/domains\/\d+$/);
    expect(asked).toBe(1);
  });

  test("14: the postmaster lands on its domain at a glance, with what it may do, in both widths", async ({ page }) => {
    await signInAs(page, `postmaster@${domain}`, state.postmaster!);
    await expect(page).toHaveURL(new RegExp(`${state.domainPath}$`));
    await expect(page.getByRole('heading', { name: 'At a glance' })).toBeVisible();
    const figure = (key: string) => page.locator(`[data-figure="${key}"] dd`).first();
    await expect(figure('accounts')).toHaveText(/^2 of [\d,]+$/);
    await expect(figure('storage')).toHaveText(/ of /);
    await expect(figure('sentToday')).toHaveText('0');
    await expect(figure('nearlyFull')).toHaveText('0');
    await expect(figure('failedJobs')).toHaveText(/^\d+$/);
    await expect(page.getByRole('heading', { name: 'What you may do' })).toBeVisible();
    await expect(page.getByText('You can create accounts.')).toBeVisible();
    await expect(page.getByText('You cannot delete accounts.')).toBeVisible();
    await expect(page.getByText(/^Your plan allows up to [\d,]+ accounts/)).toBeVisible();
    await checkBoth(page, 'postmaster-home');
    await signOut(page);
  });

  test('15: with the JavaScript held back, the sign-in form is usable and a submit waits for it, then signs in', async ({ page }) => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route(SCRIPT_CHUNKS, async (route) => {
      await gate;
      await route.continue();
    });
    await page.goto('/login', { waitUntil: 'commit' });
    const identifier = page.getByLabel('Email address');
    const password = page.getByLabel('Password', { exact: true });
    await expect(identifier).toBeEnabled();
    await expect(password).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    expect(await page.locator('html[data-hydrated]').count()).toBe(0);
    await identifier.pressSequentially(superadmin.email);
    await password.pressSequentially(superadmin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Held, not sent as a navigation (no fields in the address): the form waits for the page's JavaScript.
    await expect(page.locator('form[data-queued]')).toHaveCount(1);
    expect(page.url()).not.toContain('password');
    await page.screenshot({ path: path.join(SHOTS, 'sign-in-before-js-1280.png') });
    release();
    await expect(page).not.toHaveURL(LOGIN_URL, { timeout: 30_000 });
    await expect(page).toHaveURL(/\/domains/);
  });

  test('15: on the account page, what is typed before the JavaScript arrives survives it and is saved', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route(SCRIPT_CHUNKS, async (route) => {
      await gate;
      await route.continue();
    });
    await page.setViewportSize(PHONE);
    await page.goto(`/accounts/${state.accountId}`, { waitUntil: 'commit' });
    const lastName = masterData(page).getByLabel('Last name');
    await expect(lastName).toBeEnabled();
    // What is saved shows at once (rendered by the server), not blanks.
    await expect(masterData(page).getByLabel('First name')).toHaveValue('Noa');
    expect(await page.locator('html[data-hydrated]').count()).toBe(0);
    await lastName.fill('Early');
    await expect(masterData(page).getByRole('button', { name: 'Save master data' })).toBeEnabled();
    release();
    await hydrated(page);
    await expect(lastName).toHaveValue('Early');
    await masterData(page).getByRole('button', { name: 'Save master data' }).click();
    await expect(masterData(page).getByRole('status')).toHaveText('Saved.');
    await page.reload();
    await expect(masterData(page).getByLabel('Last name')).toHaveValue('Early');
  });

  test('15: with no JavaScript at all, the fields are usable and a submit never puts the password in the address', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL, viewport: PHONE });
    const page = await context.newPage();
    await page.goto('/login');
    await expect(page.getByLabel('Email address')).toBeEnabled();
    await page.getByLabel('Email address').fill(superadmin.email);
    await page.getByLabel('Password', { exact: true }).fill('typed without javascript');
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('typed without javascript');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    expect(page.url()).not.toContain('typed');
    await context.close();
  });
});
