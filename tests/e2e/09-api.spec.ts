import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import { artifactPath } from './helpers/server';
import { signInAs, superadmin } from './helpers/session';

// Runs after 01 (the superadmin exists). The superadmin creates an API token in the panel, sees it
// once, uses it over real HTTP, revokes it, and the API refuses it from then on. The tokens page and
// the API reference are checked with axe and photographed.

const state: { token?: string } = {};

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(`api-${name}.png`), fullPage: true });
}

test.describe.serial('REST API tokens', () => {
  test('a token is created in the panel and shown once', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto('/me');
    await page.getByRole('link', { name: 'API tokens' }).click();
    await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('Name').fill('deploy script');
    await page.getByLabel('Access').selectOption({ label: 'Read and write' });
    await page.getByLabel('Expires').selectOption({ label: 'In 30 days' });
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = page.getByLabel('Your new token');
    await expect(secret).toBeVisible();
    state.token = await secret.inputValue();
    expect(state.token).toMatch(/^mpat_[A-Za-z0-9_-]{43}$/);
    const row = page.getByRole('row', { name: /deploy script/ });
    await expect(row).toContainText('Read and write');
    await expect(row).toContainText('Never');
    await expectNoSeriousA11yViolations(page);
    await shot(page, 'tokens-created');

    // Shown once: after a reload only its first characters remain, in the list.
    await page.reload();
    await expect(page.getByLabel('Your new token')).toHaveCount(0);
    await expect(page.getByRole('row', { name: /deploy script/ })).toContainText(state.token.slice(0, 12));
    await expect(page.getByText(state.token)).toHaveCount(0);
  });

  test('the token works over HTTP, and its last use shows', async ({ page, request }) => {
    const auth = { authorization: `Bearer ${state.token}` };
    const me = await request.get('/api/v1/me', { headers: auth });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ kind: 'admin', role: 'superadmin', address: superadmin.email });
    const domains = await request.get('/api/v1/domains?pageSize=5&sort=name', { headers: auth });
    expect(domains.status()).toBe(200);
    expect((await domains.json()).pageSize).toBe(5);
    const invalid = await request.put('/api/v1/me/localization', { headers: auth, data: { version: 1, language: 'xx', timeZone: 'Nowhere/City' } });
    expect(invalid.status()).toBe(422);
    expect(invalid.headers()['content-type']).toBe('application/problem+json');
    expect((await invalid.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(['language', 'timeZone']);
    const document = await request.get('/api/v1/openapi.json');
    expect((await document.json()).openapi).toBe('3.1.0');

    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto('/me/tokens');
    await expect(page.getByRole('row', { name: /deploy script/ })).toContainText('from 127.0.0.1');
  });

  test('the API reference is rendered from the same document', async ({ page }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto('/me/tokens');
    await page.getByRole('link', { name: 'API reference' }).first().click();
    await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Domains', level: 2, exact: true })).toBeVisible();
    const create = page.getByRole('region', { name: /^post \/api\/v1\/domains\/\{id\}\/accounts$/i });
    await expect(create).toContainText('Create an email account');
    await create.getByText(/Show schema: CreateAccount/).click();
    await expect(create.getByText('passwordMode', { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await create.screenshot({ path: artifactPath('api-reference-create-account.png') });
    await page.getByRole('link', { name: 'Not found' }).first().click();
    await expect(page).toHaveURL(/#problem-notFound$/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: artifactPath('api-reference.png') });
  });

  test('revoked in the panel, the token is refused at once', async ({ page, request }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto('/me/tokens');
    await page.getByRole('button', { name: 'Revoke token deploy script' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Revoke "deploy script"?');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await expect(page.getByRole('row', { name: /deploy script/ })).toContainText('Revoked');
    await shot(page, 'tokens-revoked');

    const refused = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${state.token}` } });
    expect(refused.status()).toBe(401);
    expect(refused.headers()['www-authenticate']).toContain('Bearer');
    expect((await refused.json()).status).toBe(401);
  });
});
