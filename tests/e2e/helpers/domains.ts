import { expect, type Page } from '@playwright/test';

/** Adds a domain on the Starter plan through the form, as an admin would. */
export async function addStarterDomain(page: Page, domain: string): Promise<void> {
  await page.goto('/domains/new');
  await page.getByLabel('Domain name').fill(domain);
  await page.getByLabel('Plan').selectOption({ label: 'Starter' });
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(page.getByText(`Domain ${domain} added.`)).toBeVisible();
}

/** Adds a Starter domain, then follows the links to its email accounts; the list's path. */
export async function addStarterDomainAndOpenAccounts(page: Page, domain: string): Promise<string> {
  await addStarterDomain(page, domain);
  await page.getByRole('link', { name: 'Open the domain' }).click();
  await page.getByRole('main').getByRole('link', { name: /Email accounts/ }).first().click();
  await expect(page).toHaveURL(/\/domains\/\d+\/accounts(\?.*)?$/);
  return new URL(page.url()).pathname;
}
