import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { hydrated, signInAs, signOut, superadmin } from './helpers/session';
import { checkBothWidths, DESKTOP, PHONE } from './helpers/widths';

// Runs after 01-first-run on the same server (the superadmin exists); adds its own two domains. Issue 17,
// point 1 in the panel: a domain's aliases listed, created with two targets, edited, deactivated and
// deleted, by an admin (at 1280 px) and by a postmaster its admin lets manage aliases (at 390 px); a loop
// refused beside the field; a postmaster without the switch finds no alias pages. Points 2 and 6: a list's
// "who may send" and send-as on the alias form. Points 3 and 5: the domain's catch-all (off by default, with a
// spam warning) and plus-addressing on the same page.

const domain = 'aliases.example';
const closed = 'no-aliases.example';
const SHOTS = process.env.MAILPANEL_SHOTS_DIR ?? path.join('tests', 'e2e', '.artifacts', 'issue-17-aliases');
const state: { domainPath?: string; closedPath?: string; postmaster?: string; closedPostmaster?: string } = {};

const checkBoth = (page: Page, name: string, end = DESKTOP) => checkBothWidths(page, SHOTS, name, end);

async function addDomain(page: Page, name: string): Promise<{ path: string; postmaster: string }> {
  await page.goto('/domains/new');
  await page.getByLabel('Domain name').fill(name);
  await page.getByLabel('Plan').selectOption({ label: 'Starter' });
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(page.getByText(`Domain ${name} added.`)).toBeVisible();
  const postmaster = await page.getByLabel('Postmaster password').inputValue();
  await page.getByRole('link', { name: 'Open the domain' }).click();
  await expect(page).toHaveURL(/\/domains\/\d+$/);
  return { path: new URL(page.url()).pathname, postmaster };
}

const aliasList = (page: Page) => page.getByRole('table', { name: 'Aliases' });
const rowOf = (page: Page, address: string) => aliasList(page).locator('tbody tr').filter({ has: page.getByRole('link', { name: address, exact: true }) });

/** From the domain's page: the aliases link, "New alias", the form filled and sent; back on the list. */
async function createAlias(page: Page, localPart: string, targets: string[], description: string): Promise<void> {
  await page.getByRole('link', { name: '+ New alias' }).click();
  await expect(page.getByRole('heading', { name: `New alias in ${domain}` })).toBeVisible();
  await page.getByLabel('Address', { exact: true }).fill(localPart);
  await page.getByLabel('Deliver to').fill(targets.join('\n'));
  await page.getByLabel('Description').fill(description);
  await page.getByRole('button', { name: 'Create alias' }).click();
  await expect(page).toHaveURL(new RegExp(`${state.domainPath}/aliases$`));
}

/** Create with two targets, see it listed, edit it, deactivate it, delete it: the whole round. */
async function aliasRound(page: Page, localPart: string, shots: string | null, width = DESKTOP): Promise<void> {
  const address = `${localPart}@${domain}`;
  await page.goto(state.domainPath!);
  await page.getByRole('main').getByRole('link', { name: 'Aliases', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Aliases of ${domain}` })).toBeVisible();
  await page.getByRole('link', { name: '+ New alias' }).click();
  if (shots) await checkBoth(page, `${shots}-new-form`, width);
  await page.goBack();
  await createAlias(page, localPart, [`postmaster@${domain}`, 'friend@elsewhere.example'], 'Front desk');
  const row = rowOf(page, address);
  // Targets in address order.
  await expect(row).toContainText(`friend@elsewhere.example, postmaster@${domain}`);
  if (width === DESKTOP) await expect(row).toContainText('Front desk');
  await expect(row).toContainText('Active');
  // The pager's total (the other rounds' aliases may be there too).
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(/Showing 1–\d+ of \d+/);
  if (shots) await checkBoth(page, `${shots}-list`, width);

  // Edit: one target fewer, a new description.
  await row.getByRole('link', { name: address }).click();
  await expect(page.getByRole('heading', { name: `Alias ${address}` })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Deliver to').fill(`postmaster@${domain}`);
  await page.getByLabel('Description').fill('Reception');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  if (shots) await checkBoth(page, `${shots}-edit-form`, width);

  // Deactivate (mail to it is refused from now on), then activate again.
  await page.getByRole('button', { name: 'Deactivate alias' }).click();
  await expect(page.getByText('The alias is deactivated')).toBeVisible();
  await page.getByRole('link', { name: /^← Back to the aliases/ }).click();
  await expect(rowOf(page, address)).toContainText('Inactive');
  if (width === DESKTOP) await expect(rowOf(page, address)).toContainText('Reception');
  await expect(rowOf(page, address)).not.toContainText('friend@elsewhere.example');

  // Delete, after the confirmation (Cancel first keeps it).
  await rowOf(page, address).getByRole('link', { name: address }).click();
  await page.getByRole('button', { name: 'Delete alias' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this alias?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Delete alias' }).click();
  await dialog.getByRole('button', { name: 'Delete alias' }).click();
  await expect(page).toHaveURL(new RegExp(`${state.domainPath}/aliases$`));
  await expect(page.getByRole('link', { name: address, exact: true })).toHaveCount(0);
}

test.describe.serial('issue 17: aliases in the panel', () => {
  test('setup: two domains; the first lets its postmaster manage aliases', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    const a = await addDomain(page, domain);
    const b = await addDomain(page, closed);
    Object.assign(state, { domainPath: a.path, postmaster: a.postmaster, closedPath: b.path, closedPostmaster: b.postmaster });
    await page.goto(a.path);
    await page.getByLabel('manage aliases (create, change, delete)').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  });

  test('an admin creates, lists, edits, deactivates and deletes an alias (1280 px), and finds it in the all-domains list', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await aliasRound(page, 'info', 'admin');
    // The navigation's Aliases: every domain's aliases, with the domain column.
    await page.goto(state.domainPath!);
    await page.getByRole('main').getByRole('link', { name: 'Aliases', exact: true }).click();
    await createAlias(page, 'sales', [`postmaster@${domain}`, 'desk@elsewhere.example'], 'Sales');
    await page.getByRole('navigation').getByRole('link', { name: 'Aliases' }).first().click();
    await expect(page.getByRole('heading', { name: 'Aliases', exact: true })).toBeVisible();
    await expect(rowOf(page, `sales@${domain}`)).toContainText(domain);
    await page.getByLabel('Search aliases').fill('SALES');
    await page.getByLabel('Search aliases').press('Enter');
    await expect(aliasList(page).locator('tbody tr')).toHaveCount(1);
    await checkBoth(page, 'admin-all-domains');
  });

  test('a loop is refused beside the targets, and an address an account has beside the address', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(`${state.domainPath}/aliases`);
    await createAlias(page, 'first', [`sales@${domain}`], 'Goes to sales');
    // sales → postmaster; now sales → first would close first → sales → first.
    await rowOf(page, `sales@${domain}`).getByRole('link', { name: `sales@${domain}` }).click();
    await expect(page.getByRole('heading', { name: `Alias sales@${domain}` })).toBeVisible();
    await hydrated(page);
    await page.getByLabel('Deliver to').fill(`first@${domain}`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    const targets = page.getByLabel('Deliver to');
    await expect(targets).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(`This would make a loop: first@${domain} already delivers back to this alias.`)).toBeVisible();
    await expect(targets).toBeFocused();
    await checkBoth(page, 'loop-refused');
    // An address an account holds already.
    await page.goto(`${state.domainPath}/aliases/new`);
    await page.getByLabel('Address', { exact: true }).fill('postmaster');
    await page.getByLabel('Deliver to').fill('friend@elsewhere.example');
    await page.getByRole('button', { name: 'Create alias' }).click();
    await expect(page.getByLabel('Address', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/aliases\/new$/);
  });

  test('a list: who may send and send-as are set on the alias form, shown in the list, and a grant to a non-member is refused beside its field', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(`${state.domainPath}/aliases/new`);
    await page.getByLabel('Address', { exact: true }).fill('team');
    await page.getByLabel('Deliver to').fill(`postmaster@${domain}\nfriend@elsewhere.example`);
    await page.getByLabel('Who may send to it').selectOption({ label: 'Only its members (the addresses it delivers to)' });
    // Someone the list does not deliver to: refused beside the field, nothing created.
    const sendAs = page.getByLabel('Accounts that may send as this address');
    await sendAs.fill('stranger@elsewhere.example');
    await page.getByRole('button', { name: 'Create alias' }).click();
    await expect(sendAs).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('stranger@elsewhere.example does not receive this alias’s mail: only an account it delivers to may send as it.')).toBeVisible();
    await expect(page).toHaveURL(/\/aliases\/new$/);
    await sendAs.fill(`postmaster@${domain}`);
    await page.getByRole('button', { name: 'Create alias' }).click();
    await expect(page).toHaveURL(new RegExp(`${state.domainPath}/aliases$`));
    await expect(rowOf(page, `team@${domain}`)).toContainText('Only its members may send to it');

    // Its page shows both as saved; back to anyone, the list's rule line goes.
    await rowOf(page, `team@${domain}`).getByRole('link', { name: `team@${domain}` }).click();
    await expect(page.getByRole('heading', { name: `Alias team@${domain}` })).toBeVisible();
    await hydrated(page);
    await expect(page.getByLabel('Who may send to it')).toHaveValue('members');
    await expect(page.getByLabel('Accounts that may send as this address')).toHaveValue(`postmaster@${domain}`);
    await checkBoth(page, 'list-senders-send-as');
    await page.getByLabel('Who may send to it').selectOption({ label: 'Anyone' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await page.getByRole('link', { name: /^← Back to the aliases/ }).click();
    await expect(rowOf(page, `team@${domain}`)).not.toContainText('may send to it');
  });

  test('catch-all (off by default, with the spam warning) and plus-addressing are set on the aliases page', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(`${state.domainPath}/aliases`);
    const card = page.getByRole('region', { name: 'Catch-all and plus-addressing' }).or(page.locator('form').filter({ has: page.getByLabel('Catch-all account') }));
    await expect(page.getByText(/A catch-all receives every message sent to any made-up address/)).toBeVisible();
    const catchAll = page.getByLabel('Catch-all account');
    await expect(catchAll).toHaveValue('');
    await expect(page.getByLabel(/^Plus-addressing/)).toBeChecked();
    // Not an account of the domain: said beside the field, nothing saved.
    await catchAll.fill('nobody');
    await page.getByRole('button', { name: 'Save address settings' }).click();
    await expect(page.getByText(`nobody@${domain} is not an account of this domain.`)).toBeVisible();
    await expect(catchAll).toHaveAttribute('aria-invalid', 'true');
    await checkBoth(page, 'catch-all-refused');
    await catchAll.fill('postmaster');
    await page.getByLabel(/^Plus-addressing/).uncheck();
    await page.getByRole('button', { name: 'Save address settings' }).click();
    await expect(card.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Catch-all account')).toHaveValue('postmaster');
    await expect(page.getByLabel(/^Plus-addressing/)).not.toBeChecked();
  });

  test('the permitted postmaster does the same round at 390 px; the navigation has no Aliases for it', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signInAs(page, `postmaster@${domain}`, state.postmaster!);
    await aliasRound(page, 'help', 'postmaster', PHONE);
    await page.goto(state.domainPath!);
    // The menu is the nav's own at 390 px: its links are in the page either way.
    await expect(page.locator('a[href="/aliases"]')).toHaveCount(0);
  });

  test('a postmaster without the switch gets not-found on every alias page', async ({ page }) => {
    await signInAs(page, `postmaster@${closed}`, state.closedPostmaster!);
    await page.goto(state.closedPath!);
    await expect(page.getByRole('main').getByRole('link', { name: 'Aliases', exact: true })).toHaveCount(0);
    for (const url of [`${state.closedPath}/aliases`, `${state.closedPath}/aliases/new`, '/aliases', `${state.domainPath}/aliases`]) {
      await page.goto(url);
      await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    }
    await signOut(page);
  });
});
