import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { checkBothWidths } from './helpers/both-widths';
import { addStarterDomainAndOpenAccounts } from './helpers/domains';
import { signInAs, superadmin } from './helpers/session';

// Runs after 01-first-run on the same server (the superadmin exists); adds its own domain. Issue 23, point
// 11: the account list's filters, combined with the search, the sort and the pages, kept in the URL,
// collapsible on a phone, each active one removable, a bad value in a link said and ignored.

const domain = 'filters.example';
const SHOTS = process.env.MAILPANEL_SHOTS_DIR ?? path.join('tests', 'e2e', '.artifacts', 'issue-23-filters');
const CSV = ['local_part,first_name,last_name,services', 'anna,Anna,Rossi,pop imap smtp webmail', 'bruno,Bruno,Bianchi,imap smtp webmail', 'carla,Carla,Verdi,pop imap smtp webmail'].join('\n');

let list = '';

const rows = (page: Page) => page.getByRole('table', { name: 'Email accounts' }).locator('tbody tr');
const toggle = (page: Page) => page.getByTestId('filters-toggle');
const params = (page: Page) => new URL(page.url()).searchParams;

test.describe.serial('issue 23: filters on the account list', () => {
  test('a domain with three imported accounts, one without POP', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    list = await addStarterDomainAndOpenAccounts(page, domain);
    await page.goto(`${list}/import`);
    await page.getByLabel('CSV file').setInputFiles({ name: 'f.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('button', { name: 'Import the file' }).click();
    await expect(page.getByText(`Accounts created in ${domain}: 3.`)).toBeVisible({ timeout: 60_000 });
  });

  test('filters apply from the panel, show as removable chips, and combine with search, sort and paging', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(`${list}?page=2`);
    await expect(toggle(page)).toHaveText(/^Filters/);
    await expect(page.getByLabel('Two-step sign-in')).toBeHidden();
    await toggle(page).click();
    await page.getByLabel('Service').selectOption({ label: 'POP off' });
    await page.getByLabel('Never signed in').check();
    await checkBothWidths(page, SHOTS, 'filters-panel-open');
    await page.getByRole('button', { name: 'Apply filters' }).click();

    // In the URL (paging back to 1), the rows that match, the count on the button, each chip removable.
    await expect(page).toHaveURL(/svc=pop-off/);
    expect(params(page).get('never')).toBe('1');
    expect(params(page).get('page')).toBeNull();
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText(`bruno@${domain}`);
    await expect(toggle(page)).toContainText('Filters (2 on)');
    const chips = page.getByRole('list', { name: 'Active filters' });
    await expect(chips.getByRole('link')).toHaveCount(2);
    await checkBothWidths(page, SHOTS, 'filters-applied');

    // Removing one keeps the other; a search and a sort keep both.
    await chips.getByRole('link', { name: 'Remove filter: POP off' }).click();
    await expect(page).not.toHaveURL(/svc=/);
    expect(params(page).get('never')).toBe('1');
    await expect(rows(page)).toHaveCount(4);
    await page.getByRole('searchbox').fill('rossi');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    expect(params(page).get('q')).toBe('rossi');
    expect(params(page).get('never')).toBe('1');
    await expect(rows(page)).toHaveCount(1);
    await page.getByRole('columnheader', { name: /Address/ }).getByRole('link').click();
    await expect(page).toHaveURL(/sort=address/);
    expect(params(page).get('never')).toBe('1');
    expect(params(page).get('q')).toBe('rossi');

    // Nothing matches: said so, and the chips still lead back.
    await page.goto(`${list}?otp=on`);
    await expect(page.getByText('No email account matches these filters.')).toBeVisible();
    await page.getByRole('link', { name: 'Remove filter: Two-step sign-in on' }).click();
    await expect(rows(page)).toHaveCount(4);
  });

  test('a bad filter value in a link is named and ignored, never an error page', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    const response = await page.goto(`${list}?idle=forever&svc=fax-on&status=online`);
    expect(response?.status()).toBe(200);
    await expect(page.getByText('Some filters in the link could not be used and were ignored: Not signed in for, Service.')).toBeVisible();
    await expect(toggle(page)).toContainText('Filters (1 on)');
    await checkBothWidths(page, SHOTS, 'filters-refused');
  });

  test('across domains the filters work the same', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto('/accounts?svc=pop-off&q=filters.example');
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText(`bruno@${domain}`);
    await checkBothWidths(page, SHOTS, 'filters-all-domains');
  });
});
