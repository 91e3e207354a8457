import { expect, type Page } from '@playwright/test';

export const superadmin = {
  name: 'Ada Operator',
  email: 'ada@example.com',
  password: 'correct horse battery staple',
};

export const LOGIN_URL = /\/login(\?.*)?$/;

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(LOGIN_URL);
}

/** Signs in and waits until the panel has taken the browser somewhere past the sign-in page. */
export async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await signIn(page, email, password);
  await expect(page).not.toHaveURL(LOGIN_URL, { timeout: 15_000 });
}

/**
 * Waits until React has hydrated the page (components/forms/hydration-mark.tsx). A page loaded whole (a plain
 * link, goto) can be filled before then, and the form library may write its saved values into a field mid-fill.
 */
export const hydrated = (page: Page) => expect(page.locator('html[data-hydrated]')).toHaveCount(1);
