import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import { artifactPath } from './helpers/server';
import { signInAs, superadmin } from './helpers/session';
import { addStarterDomainAndOpenAccounts } from './helpers/domains';

// Runs after 01-first-run on the same server: the superadmin exists. It adds its own domain (Starter plan:
// 1 / 5 / 10 GB, POP, IMAP, SMTP, Webmail) and imports accounts into it from CSV.

const domain = 'csv-import.example';
const HEADER = 'local_part,first_name,last_name,description,password,storage,services,otp_required,forwards';
const GOOD = [
  'luisa.verdi,Luisa,Verdi,,,5 GB,imap smtp webmail,no,',
  'marco.neri,Marco,Neri,,a long enough password 7,1 GB,,yes,luisa.verdi@example.org',
  'info,,,Front desk,,,imap webmail,no,',
];
// Row 3 (a spreadsheet's numbering: the header is row 1) asks for storage the plan does not offer.
const WITH_BAD_ROW = [HEADER, GOOD[0], 'marco.neri,Marco,Neri,,a long enough password 7,3 GB,,yes,luisa.verdi@example.org', GOOD[2]].join('\n');
const FIXED = [HEADER, ...GOOD].join('\n');

async function shot(page: Page, name: string): Promise<void> {
  // Scrolled to the top, so the shell's fixed parts are where they belong in a full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: artifactPath(`csv-import-${name}.png`), fullPage: true });
}

async function chooseFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

const listRows = (page: Page) => page.getByRole('table', { name: 'Email accounts' }).locator('tbody tr');

test.describe.serial('CSV import and export of email accounts', () => {
  let listUrl = '';

  test('a file with one bad row is checked, its row named, and nothing is created', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    listUrl = await addStarterDomainAndOpenAccounts(page, domain);
    await expect(page).toHaveURL(/\/domains\/\d+\/accounts$/);
    await expect(listRows(page)).toHaveCount(1); // the postmaster

    await page.getByRole('link', { name: 'Import CSV' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Import email accounts' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Columns of the file' }).getByRole('cell', { name: 'local_part', exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '01-page');

    // The template downloads and is a file this page accepts.
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download a template' }).click()]);
    const templateText = fs.readFileSync((await template.path())!, 'utf8');
    expect(templateText.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^local_part,first_name,last_name,description,password,storage,services,/);

    await chooseFile(page, 'accounts.csv', WITH_BAD_ROW);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByText('Problems found: 1.', { exact: false })).toBeVisible();
    const problems = page.getByRole('table', { name: 'Problems in the file' });
    await expect(problems.locator('tbody tr')).toHaveCount(1);
    await expect(problems.locator('tbody tr').first()).toContainText('3');
    await expect(problems.locator('tbody tr').first()).toContainText('storage');
    await expect(problems.locator('tbody tr').first()).toContainText('Choose one of the plan’s storage options.');
    await expect(page.getByRole('button', { name: 'Import the file' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await shot(page, '02-bad-row');

    await page.goto(listUrl);
    await expect(listRows(page)).toHaveCount(1);
  });

  test('the fixed file imports every account, shows the generated passwords once, and the list has them', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(`${listUrl}/import`);
    await chooseFile(page, 'accounts-fixed.csv', FIXED);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByText('The file is fine. Importing it creates every account listed here (3), or none.')).toBeVisible();
    const sample = page.getByRole('table', { name: 'Accounts to create' });
    await expect(sample.locator('tbody tr')).toHaveCount(3);
    await expect(sample).toContainText(`luisa.verdi@${domain}`);
    await expectNoSeriousA11yViolations(page);
    await shot(page, '03-ready');

    await page.getByRole('button', { name: 'Import the file' }).click();
    await expect(page.getByText(`Accounts created in ${domain}: 3.`)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'Generated passwords' })).toBeVisible();
    await page.getByText('Show the passwords (2)').click();
    const passwords = page.getByRole('table', { name: 'Generated passwords' });
    await expect(passwords.locator('tbody tr')).toHaveCount(2);
    await expect(passwords).toContainText(`info@${domain}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the passwords (CSV)' }).click()]);
    const saved = fs.readFileSync((await download.path())!, 'utf8');
    expect(saved).toMatch(new RegExp(`luisa\\.verdi@${domain.replace('.', '\\.')},[A-Za-z0-9]{20}`));
    expect(saved).not.toContain('a long enough password 7');
    await expectNoSeriousA11yViolations(page);
    await shot(page, '04-done');

    await page.getByRole('link', { name: 'Go to the email accounts' }).click();
    await expect(page).toHaveURL(new RegExp(`${listUrl}$`));
    await expect(listRows(page)).toHaveCount(4);
    for (const address of [`info@${domain}`, `luisa.verdi@${domain}`, `marco.neri@${domain}`]) {
      await expect(page.getByRole('row', { name: new RegExp(address.replace(/\./g, '\\.')) })).toBeVisible();
    }
    await shot(page, '05-list');

    // The same list as CSV, with the settings an import reads back.
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    const csv = fs.readFileSync((await exported.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFstatus,address,storage_used,last_access,sent_24h,domain,postmaster,local_part,')).toBe(true);
    expect(csv).toContain(`online,luisa.verdi@${domain},0,,0,${domain},no,luisa.verdi,Luisa,Verdi,,,5 GB,imap smtp webmail,`);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(5);
  });

  test('a larger file shows its progress while the passwords are hashed, and the room left follows', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(`${listUrl}/import`);
    const rows = Array.from({ length: 20 }, (_, i) => `bulk${i},Bulk,${i}`);
    await chooseFile(page, 'bulk.csv', ['local_part,first_name,last_name', ...rows].join('\n'));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('button', { name: 'Import the file' }).click();
    // Progress arrives while the import runs (the answer is streamed, not held back until the end).
    await expect(page.getByText(/Securing the passwords: (?:[1-9]|1[0-9]) of 20…/)).toBeVisible({ timeout: 30_000 });
    await shot(page, '06-progress');
    await expect(page.getByText(`Accounts created in ${domain}: 20.`)).toBeVisible({ timeout: 60_000 });
    // Starter allows 25 accounts: the postmaster, 3 and 20 leave room for 1.
    await expect(page.getByText('Accounts the domain can still take: 1.', { exact: false })).toBeVisible();
  });
});
