import path from 'node:path';
import fs from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { addStarterDomain } from './helpers/domains';
import { signInAs, superadmin } from './helpers/session';
import { checkBothWidths } from './helpers/widths';

// Issue 17, point 4 and point 8 in the panel, after 01-first-run on the same server (the superadmin exists);
// adds its own domain. An alias domain added on the domain's page (the domain's own name refused beside the
// field), shown on the DNS page with its records, and removed after a confirmation; the domain's aliases
// imported from a CSV file (a bad file listed by row and column, nothing created) and exported.

const domain = 'alias-domains.example';
const alias = 'alias-domains-alt.example';
const SHOTS = process.env.MAILPANEL_SHOTS_DIR ?? path.join('tests', 'e2e', '.artifacts', 'issue-17-alias-domains');
const state: { domainPath?: string } = {};

async function upload(page: Page, name: string, csv: string): Promise<void> {
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

test.describe.serial('issue 17, points 4 and 8: alias domains, aliases as CSV', () => {
  test('an alias domain is added on the domain page, shown on the DNS page, and removed', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await addStarterDomain(page, domain);
    await page.getByRole('link', { name: 'Open the domain' }).click();
    await expect(page).toHaveURL(/\/domains\/\d+$/);
    state.domainPath = new URL(page.url()).pathname;
    await expect(page.getByText('No alias domains.')).toBeVisible();

    await page.getByLabel('Alias domain').fill(domain);
    await page.getByRole('button', { name: 'Add alias domain' }).click();
    await expect(page.getByText('A domain cannot be its own alias domain.')).toBeVisible();
    await page.getByLabel('Alias domain').fill(alias.toUpperCase());
    await page.getByRole('button', { name: 'Add alias domain' }).click();
    await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: `${alias} added.` })).toBeVisible();
    await expect(page.getByRole('main').getByText(alias, { exact: true })).toBeVisible();
    await checkBothWidths(page, SHOTS, 'domain-page');

    await page.getByRole('main').getByRole('link', { name: 'DNS records' }).click();
    await expect(page.getByRole('heading', { name: `Records of the alias domain ${alias}` })).toBeVisible();
    await expect(page.getByRole('main').getByText(`_dmarc.${alias}`, { exact: true })).toBeVisible();

    await page.goto(state.domainPath);
    await page.getByRole('button', { name: `Remove ${alias}` }).click();
    await page.getByRole('group', { name: `Remove ${alias}` }).getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByText(`${alias} removed.`)).toBeVisible();
    await expect(page.getByText('No alias domains.')).toBeVisible();
  });

  test('aliases are imported from CSV (a bad file lists its problems and creates nothing) and exported', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(`${state.domainPath}/aliases`);
    await expect(page.getByRole('heading', { name: `Aliases of ${domain}` })).toBeVisible();

    await upload(page, 'bad.csv', `local_part,targets,active\nsales,postmaster@${domain},perhaps\ninfo,\n`);
    await expect(page.getByText('Nothing was imported: 2 problems.')).toBeVisible();
    await expect(page.getByText(/^Row 2, active: /)).toBeVisible();
    await expect(page.getByText(/^Row 3, targets: /)).toBeVisible();

    await upload(page, 'good.csv', `local_part,targets,description\nsales,postmaster@${domain},Sales\ninfo,sales@${domain} someone@elsewhere.example,Front desk\n`);
    await expect(page.getByText('2 aliases created.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Aliases' }).getByRole('link', { name: `info@${domain}`, exact: true })).toBeVisible();
    await checkBothWidths(page, SHOTS, 'aliases-page');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const text = await fs.readFile(file, 'utf8');
    expect(text).toContain(`info@${domain},info,Front desk,yes,sales@${domain} someone@elsewhere.example`);
  });
});
