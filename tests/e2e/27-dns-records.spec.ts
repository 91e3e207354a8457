import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { checkBothWidths } from './helpers/widths';
import { addStarterDomain } from './helpers/domains';
import { signInAs, superadmin } from './helpers/session';

// Issue 18: a domain's DNS records page. Runs after 01-first-run on the same server (the superadmin
// exists); adds its own domain. The panel's live check asks DNS_RESOLVER, a port global-setup chose on
// loopback: this spec answers there with a DNS server of its own.

const domain = 'dns-records.example';
const SHOTS = process.env.MAILPANEL_SHOTS_DIR ?? path.join('tests', 'e2e', '.artifacts', 'issue-18-dns');

let dns: TestDnsServer;
let dnsPage = '';

test.beforeAll(async () => {
  const port = Number(process.env.DNS_RESOLVER?.split(':')[1]);
  dns = await startDnsServer({}, port);
});

test.afterAll(async () => {
  await dns?.close();
});

const record = (page: Page, name: RegExp | string) => page.getByRole('main').getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });

test.describe.serial('issue 18: DNS records page', () => {
  test('the admin opens the records of a new domain from its page', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await addStarterDomain(page, domain);
    await page.getByRole('link', { name: 'Open the domain' }).click();
    await page.getByRole('main').getByRole('link', { name: 'DNS records' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `DNS records: ${domain}` })).toBeVisible();
    dnsPage = new URL(page.url()).pathname;
    await expect(record(page, 'MX (incoming mail)')).toContainText('10 mail.e2e.example.');
    await expect(record(page, 'SPF')).toContainText('v=spf1 mx a:mail.e2e.example ~all');
    await expect(page.getByText('The domain has no DKIM key yet')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy the value of the DMARC record' })).toBeVisible();
  });

  test('creates a DKIM key, checks the records live (right, wrong with the value found, missing), then signs with the key', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(dnsPage);
    await page.getByRole('button', { name: 'Create a DKIM key' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Key mp\d{6}(-\d+)? created/ })).toBeVisible();
    const dkim = record(page, /^DKIM \(mp\d{6}/);
    await expect(dkim).toContainText('New: not signing yet');
    const value = (await dkim.locator('code').first().textContent())!;
    expect(value).toMatch(/^v=DKIM1; k=rsa; p=MII/);
    const selector = (await dkim.getByRole('heading').textContent())!.match(/\((mp[\d-]+)\)/)![1]!;

    // Published: MX, DKIM, DMARC, autoconfig; SPF without our mechanism; autodiscover missing.
    dns.records[domain] = { MX: [{ priority: 10, exchange: 'mail.e2e.example' }], TXT: ['v=spf1 include:_spf.elsewhere.example ~all'] };
    dns.records[`${selector}._domainkey.${domain}`] = { TXT: [value] };
    dns.records[`_dmarc.${domain}`] = { TXT: ['v=DMARC1; p=quarantine'] };
    dns.records[`autoconfig.${domain}`] = { CNAME: 'mail.e2e.example' };

    await page.getByRole('button', { name: 'Check now' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Checked.' })).toBeVisible();
    await expect(page.getByText('Some records are missing or wrong')).toBeVisible();
    await expect(record(page, 'MX (incoming mail)')).toContainText('Found and correct');
    await expect(record(page, 'SPF')).toContainText('Wrong');
    await expect(record(page, 'SPF')).toContainText('v=spf1 include:_spf.elsewhere.example ~all');
    await expect(dkim).toContainText('Found and correct');
    await expect(record(page, 'Autodiscover (Outlook)')).toContainText('Missing');

    await page.getByRole('button', { name: 'Start signing with the new key' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Mail is now signed with key ${selector}.` })).toBeVisible();
    await expect(dkim).toContainText('Signing');
    await checkBothWidths(page, SHOTS, 'dns-records');
  });

  test('the domain list shows the last check as a badge linking to the page', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto(`/domains?q=${domain}`);
    await page.getByRole('link', { name: 'DNS problems' }).click();
    await expect(page).toHaveURL(new RegExp(`${dnsPage}$`));
  });
});
