import { expect, type Page } from '@playwright/test';

/**
 * From a domain's account list: the wizard's four steps for an account with a generated password, Webmail
 * on (the default) and no forced password change, then the new account's page. Its password and the page's path.
 */
export async function createAccountWithGeneratedPassword(
  page: Page,
  { firstName, lastName, localPart, address }: { firstName: string; lastName: string; localPart: string; address: string },
): Promise<{ password: string; accountUrl: string }> {
  await page.getByRole('link', { name: /^\+?\s*Email account$/ }).click();
  await page.getByLabel('First name', { exact: true }).fill(firstName);
  await page.getByLabel('Last name', { exact: true }).fill(lastName);
  await page.getByLabel('Address', { exact: true }).fill(localPart);
  await page.getByLabel('Generate a strong password').check();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  const secret = page.getByLabel(`Password of ${address}`);
  await expect(secret).toBeVisible();
  const password = await secret.inputValue();
  await page.getByRole('button', { name: 'Continue to Services' }).or(page.getByRole('link', { name: 'Continue to Services' })).click();
  await expect(page.getByLabel('Webmail', { exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { name: /Security/ }).first()).toBeVisible();
  await page.getByLabel('Force password change at first login').uncheck();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { name: /Options/ }).first()).toBeVisible();
  await page.getByRole('button', { name: /^Create( account)?$/ }).click();
  await expect(page).toHaveURL(/\/domains\/\d+\/accounts\?created=\d+$/);
  await page.getByRole('row', { name: new RegExp(address.replace(/\./g, '\\.')) }).getByRole('link', { name: address }).click();
  await expect(page).toHaveURL(/\/accounts\/\d+$/);
  return { password, accountUrl: new URL(page.url()).pathname };
}
