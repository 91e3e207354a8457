import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import { addStarterDomainAndOpenAccounts } from './helpers/domains';
import { artifactPath } from './helpers/server';
import { signInAs, superadmin } from './helpers/session';

// Runs after 01-first-run on the same server: the superadmin exists. It adds its own domain (Starter plan),
// four accounts through the panel's CSV import, then uses the list's bulk bar at 1280 and 390 px.

const domain = 'bulk-actions.example';
const CSV = ['local_part,first_name,password', ...['anna', 'bruno', 'carla', 'dario'].map((n) => `${n},${n},a long enough password 7 ${n}`)].join('\n');

const listRows = (page: Page) => page.getByRole('table', { name: 'Email accounts' }).locator('tbody tr');
const bar = (page: Page) => page.getByRole('region', { name: 'Bulk action' });

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: artifactPath(`bulk-${name}.png`), fullPage: true });
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

test.describe.serial('bulk actions on the account list', () => {
  let listUrl = '';

  test('ticks rows, deactivates them, forces a password change on the page (the postmaster refused) and deletes one with its count typed', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    listUrl = await addStarterDomainAndOpenAccounts(page, domain);
    const imported = await page.evaluate(async (csv) => {
      const response = await fetch(`${location.pathname}/import/run`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
      return response.text();
    }, CSV);
    expect(imported).toContain('"type":"result"');
    await page.goto(listUrl);
    await expect(listRows(page)).toHaveCount(5);
    await expect(bar(page)).toContainText('0 accounts selected');
    await expectNoSeriousA11yViolations(page);
    await noHorizontalOverflow(page);
    await shot(page, '1280-01-list');

    await page.getByRole('checkbox', { name: `Select anna@${domain}` }).check();
    await page.getByRole('checkbox', { name: `Select bruno@${domain}` }).check();
    await expect(bar(page)).toContainText('2 accounts selected');
    await bar(page).getByLabel('Bulk action').selectOption('deactivate');
    await bar(page).getByRole('button', { name: 'Apply' }).click();
    await expect(bar(page).getByRole('status')).toContainText('2 accounts changed, 0 already as asked, 0 refused.');
    await expect(listRows(page).filter({ hasText: `anna@${domain}` })).toContainText(/Updating|Offline/);
    await expectNoSeriousA11yViolations(page);
    await shot(page, '1280-02-deactivated');

    // The whole page: the postmaster is refused and said why; anna and bruno are Offline (settings frozen).
    await bar(page).getByRole('checkbox', { name: 'Select all accounts on this page' }).check();
    await expect(bar(page)).toContainText('5 accounts selected');
    await bar(page).getByLabel('Bulk action').selectOption('forcePasswordChange');
    await bar(page).getByRole('button', { name: 'Apply' }).click();
    const summary = bar(page).getByRole('status');
    // The imported accounts were made with "force a password change" on already (the import's default).
    await expect(summary).toContainText('0 accounts changed, 2 already as asked, 3 refused.');
    await expect(summary).toContainText('The postmaster mailbox goes with its domain: 1');
    await expect(summary).toContainText('The account is deactivated: its settings cannot be changed: 2');
    await expectNoSeriousA11yViolations(page);
    await shot(page, '1280-03-refusals');

    await page.getByRole('checkbox', { name: `Select dario@${domain}` }).check();
    await bar(page).getByLabel('Bulk action').selectOption('delete');
    await expect(bar(page)).toContainText('Delete 1 account');
    await bar(page).getByLabel('Number of accounts').fill('2');
    await bar(page).getByRole('button', { name: 'Apply' }).click();
    // The refusal names the number to type: the server's count (the list may only know "more than 10,000").
    await expect(bar(page).getByRole('alert')).toContainText('Type 1: the number of accounts that will be deleted.');
    await page.getByRole('checkbox', { name: `Select dario@${domain}` }).check();
    await bar(page).getByLabel('Number of accounts').fill('1');
    await bar(page).getByRole('button', { name: 'Apply' }).click();
    await expect(bar(page).getByRole('status')).toContainText('1 account changed');
    await expect(listRows(page)).toHaveCount(4);
  });

  test('at 390 px the bar and the list fit the screen and pass axe', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(listUrl);
    await page.getByRole('checkbox', { name: `Select carla@${domain}` }).check();
    await bar(page).getByLabel('Bulk action').selectOption('storage');
    await expect(bar(page).getByLabel('New storage')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await noHorizontalOverflow(page);
    await shot(page, '390-01-storage');
    await bar(page).getByLabel('New storage').selectOption({ label: '5 GB' });
    await bar(page).getByRole('button', { name: 'Apply' }).click();
    await expect(bar(page).getByRole('status')).toContainText('1 account changed');
    await noHorizontalOverflow(page);
    await shot(page, '390-02-done');
  });
});
