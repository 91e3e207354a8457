import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import { addStarterDomain } from './helpers/domains';
import { artifactPath } from './helpers/server';
import { hydrated, signInAs, signOut, superadmin } from './helpers/session';

// Issue 23, 12 and 13, on the shared server after 01-first-run (the superadmin exists). It adds its own domain
// (Starter plan: the postmaster may not delete accounts) and five accounts through the CSV import.
// 12: a row's menu (a popover: the row keeps its height) deactivates, reactivates and deletes through the
// list's dialog, at 1280 and 390 px. 13: Back on the account page with unsaved changes asks first.

const domain = 'row-actions.example';
const NAMES = ['anna', 'bruno', 'carla', 'dario', 'elena'];
const CSV = ['local_part,first_name,password', ...NAMES.map((n) => `${n},${n},a long enough password 25 ${n}`)].join('\n');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const UNSAVED = 'You have changes that are not saved. Leave this page and lose them?';
const state: { list?: string; postmaster?: string } = {};

const rows = (page: Page) => page.getByRole('table', { name: 'Email accounts' }).locator('tbody tr');
const row = (page: Page, local: string) => rows(page).filter({ has: page.getByRole('link', { name: `${local}@${domain}`, exact: true }) });
const menuButton = (page: Page, local: string) => page.getByRole('button', { name: `More actions for ${local}@${domain}` });
const notice = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(`row-actions-${name}.png`) });
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${page.url()} is ${scroll} px wide in a ${client} px window`).toBeLessThanOrEqual(client);
}

/** Opens a row's menu: the row keeps its height, the menu is on screen. */
async function openMenu(page: Page, local: string): Promise<void> {
  const before = (await row(page, local).boundingBox())!;
  await menuButton(page, local).click();
  const menu = page.locator('[popover]:popover-open');
  await expect(menu).toBeVisible();
  expect((await row(page, local).boundingBox())!.height).toBe(before.height);
  const box = (await menu.boundingBox())!;
  const width = page.viewportSize()!.width;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
}

test.describe.serial("issue 23, 12-13: a row's actions in a dialog; Back with unsaved changes", () => {
  test('setup: a domain with five accounts', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await addStarterDomain(page, domain);
    state.postmaster = await page.getByLabel('Postmaster password').inputValue();
    await page.getByRole('link', { name: 'Open the domain' }).click();
    await page.getByRole('main').getByRole('link', { name: /Email accounts/ }).first().click();
    await expect(page).toHaveURL(/\/domains\/\d+\/accounts(\?.*)?$/);
    state.list = new URL(page.url()).pathname;
    const imported = await page.evaluate(async (csv) => {
      const response = await fetch(`${location.pathname}/import/run`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
      return response.text();
    }, CSV);
    expect(imported).toContain('"type":"result"');
  });

  for (const [size, label, who] of [
    [DESKTOP, '1280', 'anna'],
    [PHONE, '390', 'bruno'],
  ] as const) {
    test(`12 at ${label} px: deactivate, reactivate and delete from the row's menu, in the list's dialog`, async ({ page }) => {
      await page.setViewportSize(size);
      await signInAs(page, superadmin.email, superadmin.password);
      await page.goto(state.list!);
      await hydrated(page);
      const address = `${who}@${domain}`;
      const status = row(page, who).locator('[data-s]');
      await expect(status).toHaveText('Online');

      // The menu: Escape closes it and gives focus back to its button.
      await openMenu(page, who);
      await noHorizontalOverflow(page);
      await expectNoSeriousA11yViolations(page);
      await shot(page, `${label}-menu`);
      await page.keyboard.press('Escape');
      await expect(page.locator('[popover]:popover-open')).toHaveCount(0);
      await expect(menuButton(page, who)).toBeFocused();

      // Deactivate: the dialog; Escape closes it and focus is back on the menu button.
      await openMenu(page, who);
      await page.getByRole('link', { name: 'Deactivate', exact: true }).click();
      const deactivate = page.getByRole('dialog', { name: `Deactivate ${address}?` });
      await expect(deactivate).toBeVisible();
      await expect(deactivate.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await expect(page.locator('[popover]:popover-open')).toHaveCount(0);
      await noHorizontalOverflow(page);
      await expectNoSeriousA11yViolations(page);
      await shot(page, `${label}-dialog-deactivate`);
      await page.keyboard.press('Escape');
      await expect(deactivate).toBeHidden();
      await expect(menuButton(page, who)).toBeFocused();
      await expect(status).toHaveText('Online');

      await openMenu(page, who);
      await page.getByRole('link', { name: 'Deactivate', exact: true }).click();
      await deactivate.getByRole('button', { name: 'Yes, deactivate' }).click();
      await expect(notice(page, `Email account ${address} deactivated.`)).toBeVisible();
      await expect(deactivate).toBeHidden();
      await expect(status).toHaveText(/Updating|Offline/);
      await expect(menuButton(page, who)).toBeFocused();
      await expect(page).toHaveURL(new RegExp(`${state.list}$`));

      // Reactivate, offered now in its place.
      await openMenu(page, who);
      await expect(page.getByRole('link', { name: 'Deactivate', exact: true })).toHaveCount(0);
      await page.getByRole('link', { name: 'Reactivate', exact: true }).click();
      const reactivate = page.getByRole('dialog', { name: `Reactivate ${address}?` });
      await reactivate.getByRole('button', { name: 'Yes, reactivate' }).click();
      await expect(notice(page, `Email account ${address} reactivated.`)).toBeVisible();
      await expect(status).toHaveText(/Updating|Online/);

      // Delete, with the address typed; a wrong one is refused beside the field, nothing deleted.
      await openMenu(page, who);
      await page.getByRole('link', { name: 'Delete', exact: true }).click();
      const remove = page.getByRole('dialog', { name: `Delete ${address}?` });
      const typed = remove.getByLabel(`Type ${address} to confirm`);
      await expect(typed).toBeFocused();
      await noHorizontalOverflow(page);
      await expectNoSeriousA11yViolations(page);
      await shot(page, `${label}-dialog-delete`);
      await typed.fill(`x${address}`);
      await remove.getByRole('button', { name: 'Delete account permanently' }).click();
      await expect(typed).toHaveAttribute('aria-invalid', 'true');
      await expect(row(page, who)).toHaveCount(1);
      await typed.fill(address);
      await remove.getByRole('button', { name: 'Delete account permanently' }).click();
      await expect(notice(page, `Email account ${address} deleted.`)).toBeVisible();
      await expect(remove).toBeHidden();
      await expect(row(page, who)).toHaveCount(0);
      await noHorizontalOverflow(page);
      await expectNoSeriousA11yViolations(page);
      await shot(page, `${label}-deleted`);
    });
  }

  test('12: a postmaster that may not delete accounts sees no Delete in the menu', async ({ page }) => {
    await signInAs(page, `postmaster@${domain}`, state.postmaster!);
    await page.goto(state.list!);
    await hydrated(page);
    await openMenu(page, 'carla');
    await expect(page.getByRole('link', { name: 'Settings', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Delete', exact: true })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await signOut(page);
  });

  test('13: Back with unsaved changes asks; cancelled, the page and the edit stay; accepted, it leaves', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(state.list!);
    await page.getByRole('link', { name: `dario@${domain}`, exact: true }).click();
    await expect(page).toHaveURL(/\/accounts\/\d+$/);
    await hydrated(page);
    const accountUrl = page.url();
    const lastName = page.getByRole('region', { name: 'Master data' }).getByLabel('Last name');
    await lastName.fill('Fo');

    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goBack();
    await expect.poll(() => asked).toEqual([`confirm: ${UNSAVED}`]);
    expect(page.url()).toBe(accountUrl);
    await expect(lastName).toHaveValue('Fo');

    // Asked again on the next Back (the guard is back in place); accepted, the list.
    page.once('dialog', (dialog) => {
      asked.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.accept();
    });
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`${state.list}$`));
    expect(asked).toHaveLength(2);
  });
});
