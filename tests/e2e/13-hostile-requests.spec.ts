import { expect, test, type Page } from '@playwright/test';
import { serverInfo } from './helpers/server';
import { LOGIN_URL, signInAs, signOut, superadmin } from './helpers/session';

// Requests no page sends, over real HTTP against the production build (server.ts in front of Next):
// none may answer 500. Runs on its own too: it creates the superadmin when the setup link still works.

async function ensureSuperadmin(page: Page): Promise<void> {
  const setup = await page.goto(serverInfo().setupPath);
  if (setup?.status() !== 200) return;
  await page.getByLabel('Full name').fill(superadmin.name);
  await page.getByLabel('Email address').fill(superadmin.email);
  await page.getByLabel('Password', { exact: true }).fill(superadmin.password);
  await page.getByLabel('Repeat the password').fill(superadmin.password);
  await page.getByRole('button', { name: 'Create superadmin' }).click();
  await expect(page).toHaveURL(LOGIN_URL);
}

test.describe.serial('hostile requests', () => {
  test('the image optimizer is off: /_next/image answers 404 to anyone, not 500', async ({ request }) => {
    for (const url of ['/_next/image?url=%2Fme&w=64&q=75', '/_next/image?url=%2Flogin&w=64&q=75', '/_next/image?url=https%3A%2F%2Fexample.com%2Fa.png&w=64&q=75']) {
      const answer = await request.get(url, { maxRedirects: 0 });
      expect(answer.status(), url).toBe(404);
    }
  });

  test('unknown API paths and wrong methods answer problem+json (404; 405 with Allow)', async ({ request }) => {
    for (const path of ['/api/v1/nope', '/api/v1/domains/1/nope', '/api/v1']) {
      const missing = await request.get(path, { headers: { 'accept-language': 'it' } });
      expect(missing.status(), path).toBe(404);
      expect(missing.headers()['content-type'], path).toBe('application/problem+json');
      expect(await missing.json()).toMatchObject({ status: 404, title: 'Non trovato' });
    }
    const wrong = await request.patch('/api/v1/domains/1', { data: {} });
    expect(wrong.status()).toBe(405);
    expect(wrong.headers()['content-type']).toBe('application/problem+json');
    expect(wrong.headers().allow).toBe('DELETE, GET, HEAD, OPTIONS');
    expect(await wrong.json()).toMatchObject({ status: 405, type: '/api-docs#problem-methodNotAllowed' });
    const post = await request.delete('/api/v1/domains');
    expect(post.status()).toBe(405);
    expect(post.headers().allow).toBe('GET, HEAD, OPTIONS, POST');
    // What an operation serves is untouched: without a token, its own 401.
    expect((await request.get('/api/v1/domains')).status()).toBe(401);
  });

  test('a NUL in a list’s search shows the whole list with a message, not the error page', async ({ page }) => {
    await ensureSuperadmin(page);
    await signInAs(page, superadmin.email, superadmin.password);
    for (const path of ['/domains?q=%00', '/admins?q=a%00b', '/postmasters?q=%00', '/accounts?q=%00', '/audit?domain=%00', '/audit?actor=%00']) {
      const answer = await page.goto(path);
      expect(answer?.status(), path).toBe(200);
      await expect(page.getByText('The search could not be used'), path).toBeVisible();
      await expect(page.getByText('Something went wrong'), path).toHaveCount(0);
    }
    await signOut(page);
  });

  test('a server action posted from another origin is refused with 403 and changes nothing', async ({ page, baseURL }) => {
    await ensureSuperadmin(page);
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto('/plans');
    await page.getByRole('link', { name: 'Business' }).click();
    const name = page.getByLabel('Name', { exact: true });
    await expect(name).toHaveValue('Business');

    // A real "Save changes" request, held back before it reaches the server.
    let held: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
    await page.route('**/*', async (route) => {
      const request = route.request();
      if (request.method() === 'POST' && (await request.headerValue('next-action'))) {
        held = { url: request.url(), headers: await request.allHeaders(), body: request.postDataBuffer()! };
        return route.abort();
      }
      return route.continue();
    });
    await name.fill('Forged plan');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => held).toBeTruthy();
    await page.unroute('**/*');

    const headers = Object.fromEntries(Object.entries(held!.headers).filter(([key]) => !['cookie', 'host', 'content-length', 'origin', 'referer'].includes(key)));
    const replay = (origin: string) => page.context().request.post(held!.url, { headers: { ...headers, origin }, data: held!.body, maxRedirects: 0 });

    for (const origin of ['https://attacker.example', 'null']) {
      const forged = await replay(origin);
      expect(forged.status(), origin).toBe(403);
    }
    await page.goto('/plans');
    await expect(page.getByRole('link', { name: 'Business' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Forged plan' })).toHaveCount(0);

    // The same request from the panel's own origin goes through: it was a real action.
    const genuine = await replay(new URL(baseURL!).origin);
    expect(genuine.status()).toBe(200);
    await page.goto('/plans');
    await expect(page.getByRole('link', { name: 'Forged plan' })).toBeVisible();
    await signOut(page);
  });
});
