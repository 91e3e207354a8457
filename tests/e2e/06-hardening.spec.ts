import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import { createSuperadmin, startOwnServer } from './helpers/own-server';
import { artifactPath } from './helpers/server';
import { LOGIN_URL, signInAs, signOut, superadmin } from './helpers/session';

// Runs after 01–05 on the shared server (the superadmin exists), over real HTTP against the production
// build. No failed sign-in here: the shared server throttles failures from 127.0.0.1.

const domain = 'hardening.example';
const postmaster = `postmaster@${domain}`;
const state: { postmasterUrl?: string; accountUrl?: string; userPassword?: string } = {};

const STATIC_HEADERS: Record<string, string | RegExp> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'permissions-policy': /camera=\(\).*microphone=\(\).*geolocation=\(\)/,
  'cross-origin-opener-policy': 'same-origin',
};

function expectStaticHeaders(response: APIResponse, what: string): void {
  const headers = response.headers();
  for (const [name, value] of Object.entries(STATIC_HEADERS)) {
    if (typeof value === 'string') expect(headers[name], `${name} on ${what}`).toBe(value);
    else expect(headers[name], `${name} on ${what}`).toMatch(value);
  }
  // This server is plain http: no HSTS (see the https server below).
  expect(headers['strict-transport-security'], what).toBeUndefined();
}

/** The policy's nonce, after checking that it is the strict one. */
function expectStrictCsp(response: APIResponse, what: string): string {
  const csp = response.headers()['content-security-policy'];
  expect(csp, `Content-Security-Policy on ${what}`).toBeTruthy();
  const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
  const scripts = directives.get('script-src') ?? [];
  const nonce = scripts.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, what).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(scripts, what).toContain("'strict-dynamic'");
  expect(scripts, what).not.toContain("'unsafe-eval'");
  expect(scripts, what).not.toContain("'unsafe-inline'");
  expect(directives.get('style-src'), what).toContain(`'nonce-${nonce}'`);
  expect(directives.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(directives.get('object-src'), what).toEqual(["'none'"]);
  expect(directives.get('base-uri'), what).toEqual(["'none'"]);
  expect(directives.get('form-action'), what).toEqual(["'self'"]);
  expect(directives.get('default-src'), what).toEqual(["'self'"]);
  return nonce!;
}

function setCookies(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value);
}

async function apiSignIn(api: APIRequestContext, identifier: string, password: string): Promise<APIResponse> {
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await api.post('/api/auth/callback/password', { form: { identifier, password, csrfToken, json: 'true' }, maxRedirects: 0 });
  expect(response.status()).toBe(200);
  return response;
}

/** Security-policy violations, script errors and dialogs on a page, all of which must stay empty. */
function watch(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return { problems };
}

// Stored in names, descriptions and autoresponder texts. Each would set window.__xss if it ever ran.
const XSS = {
  first: '<script>window.__xss="first"</script>',
  last: '"><img src=x onerror="window.__xss=\'last\'">',
  description: "<svg onload=\"window.__xss='svg'\"></svg><b>bold?</b>",
  subject: '<script>window.__xss="subject"</script>',
  message: '</textarea><script>window.__xss="message"</script><iframe src="javascript:window.parent.__xss=1">',
  admin: 'Mallory <script>window.__xss="admin"</script>',
};

async function expectNothingRan(page: Page, watcher: { problems: string[] }, where: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), where).toBeUndefined();
  expect(watcher.problems, where).toEqual([]);
}

test.describe.serial('web hardening', () => {
  test('every kind of response carries the security headers; every script carries the response’s nonce', async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const signedIn = await playwright.request.newContext({ baseURL });
    try {
      const login = await anonymous.get('/login');
      expect(login.status()).toBe(200);
      const html = await login.text();
      const nonce = expectStrictCsp(login, '/login');
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(3);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      // A fresh nonce for every response.
      expect(expectStrictCsp(await anonymous.get('/login'), '/login again')).not.toBe(nonce);

      const checks: [string, APIResponse, number | null][] = [
        ['/login (page)', login, 200],
        ['/domains without a session (the redirect)', await anonymous.get('/domains', { maxRedirects: 0 }), 307],
        ['/api/auth/csrf (next-auth)', await anonymous.get('/api/auth/csrf'), 200],
        ['/api/v1/me without a token (REST API, not redirected)', await anonymous.get('/api/v1/me', { maxRedirects: 0 }), 401],
        ['/favicon.ico (not found)', await anonymous.get('/favicon.ico', { maxRedirects: 0 }), 404],
      ];
      const signIn = await apiSignIn(signedIn, superadmin.email, superadmin.password);
      checks.push(
        ['the sign-in callback', signIn, 200],
        ['/domains (page, signed in)', await signedIn.get('/domains'), 200],
        ['/domains/999999999 (not found, signed in)', await signedIn.get('/domains/999999999'), 404],
        ['/no-such-page (not found, signed in)', await signedIn.get('/no-such-page'), 404],
        ['/api/auth/session', await signedIn.get('/api/auth/session'), 200],
      );
      for (const [what, response, status] of checks) {
        if (status !== null) expect(response.status(), what).toBe(status);
        expectStaticHeaders(response, what);
        expectStrictCsp(response, what);
      }
      expect((await anonymous.get('/domains', { maxRedirects: 0 })).headers().location).toMatch(/\/login$/);

      // Build assets (not run through proxy.ts): the static headers.
      for (const asset of [/\/_next\/static\/[^"]+\.js/.exec(html)?.[0], /\/_next\/static\/[^"]+\.css/.exec(html)?.[0]]) {
        expect(asset).toBeTruthy();
        const response = await anonymous.get(asset!);
        expect(response.status(), asset).toBe(200);
        expectStaticHeaders(response, asset!);
      }
    } finally {
      await anonymous.dispose();
      await signedIn.dispose();
    }
  });

  test('session and CSRF cookies are HttpOnly and SameSite=Lax; page scripts cannot read them', async ({ page, playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL });
    try {
      const csrf = setCookies(await api.get('/api/auth/csrf'));
      const session = setCookies(await apiSignIn(api, superadmin.email, superadmin.password));
      const all = [...csrf, ...session];
      expect(all.map((c) => c.split('=')[0])).toEqual(expect.arrayContaining(['next-auth.csrf-token', 'next-auth.callback-url', 'next-auth.session-token']));
      for (const cookie of all) {
        expect(cookie, cookie).toMatch(/;\s*HttpOnly/i);
        expect(cookie, cookie).toMatch(/;\s*SameSite=Lax/i);
        expect(cookie, cookie).toMatch(/;\s*Path=\//);
      }
    } finally {
      await api.dispose();
    }

    await signInAs(page, superadmin.email, superadmin.password);
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => c.name)).toContain('next-auth.session-token');
    for (const cookie of cookies) expect(cookie, cookie.name).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await signOut(page);
  });

  test('served over https: HSTS, upgrade-insecure-requests, and Secure cookies under __Host-/__Secure- names', async () => {
    test.setTimeout(120_000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-https-'));
    const admin = { email: 'tls@panel.example', password: 'a passphrase for tls only' };
    createSuperadmin({ DATA_DIR: dataDir, DATABASE_URL: '' }, { ...admin, name: 'TLS' });
    // Behind a TLS-terminating proxy: the panel itself listens on plain http.
    const server = await startOwnServer({ DATA_DIR: dataDir, PUBLIC_URL: 'https://panel.example.test' });
    try {
      const login = await fetch(`${server.baseURL}/login`);
      expect(login.status).toBe(200);
      expect(login.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
      expect(login.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
      expect((await fetch(`${server.baseURL}/domains`, { redirect: 'manual' })).headers.get('strict-transport-security')).toBeTruthy();

      const csrf = await fetch(`${server.baseURL}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const jar = csrf.headers.getSetCookie();
      const signIn = await fetch(`${server.baseURL}/api/auth/callback/password`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.map((c) => c.split(';')[0]).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ identifier: admin.email, password: admin.password, csrfToken, json: 'true' }),
      });
      expect(signIn.status).toBe(200);
      const all = [...jar, ...signIn.headers.getSetCookie()];
      expect(all.map((c) => c.split('=')[0])).toEqual(
        expect.arrayContaining(['__Host-next-auth.csrf-token', '__Secure-next-auth.callback-url', '__Secure-next-auth.session-token']),
      );
      for (const cookie of all) {
        expect(cookie, cookie).toMatch(/;\s*Secure/i);
        expect(cookie, cookie).toMatch(/;\s*HttpOnly/i);
        expect(cookie, cookie).toMatch(/;\s*SameSite=Lax/i);
      }
      // The secure session cookie is the one the panel reads.
      const session = signIn.headers.getSetCookie().find((c) => c.startsWith('__Secure-next-auth.session-token='))!.split(';')[0]!;
      const domains = await fetch(`${server.baseURL}/domains`, { redirect: 'manual', headers: { cookie: session } });
      expect(domains.status).toBe(200);
      expect(domains.headers.get('strict-transport-security')).toBeTruthy();
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a server action posted from another origin is refused and changes nothing', async ({ page, baseURL }) => {
    await signInAs(page, superadmin.email, superadmin.password);
    await page.goto('/domains/new');
    await page.getByLabel('Domain name').fill(domain);
    await page.getByLabel('Plan').selectOption({ label: 'Starter' });
    await page.getByRole('button', { name: 'Add domain' }).click();
    await expect(page.getByText(`Domain ${domain} added.`)).toBeVisible();
    await page.goto('/postmasters');
    await page.getByRole('link', { name: postmaster }).click();
    await expect(page.getByRole('heading', { name: postmaster })).toBeVisible();
    state.postmasterUrl = page.url();
    const firstName = page.getByLabel('First name');
    const before = await firstName.inputValue();

    // A real "Save master data" request, held back before it reaches the server.
    let held: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
    await page.route('**/*', async (route) => {
      const request = route.request();
      if (request.method() === 'POST' && (await request.headerValue('next-action'))) {
        held = { url: request.url(), headers: await request.allHeaders(), body: request.postDataBuffer()! };
        return route.abort();
      }
      return route.continue();
    });
    await firstName.fill('Forged');
    await page.getByRole('button', { name: 'Save master data' }).click();
    await expect.poll(() => held).toBeTruthy();
    await page.unroute('**/*');
    expect(held!.headers['next-action']).toMatch(/^[0-9a-f]{40,}$/);

    const headers = Object.fromEntries(Object.entries(held!.headers).filter(([name]) => !['cookie', 'host', 'content-length', 'origin', 'referer'].includes(name)));
    const replay = (origin: string) => page.context().request.post(held!.url, { headers: { ...headers, origin }, data: held!.body, maxRedirects: 0 });

    // From another site, with the victim's session cookie: refused.
    const forged = await replay('https://attacker.example');
    expect(forged.status()).toBeGreaterThanOrEqual(400);
    expect(await forged.text()).not.toContain('Forged');
    await page.reload();
    await expect(page.getByLabel('First name')).toHaveValue(before);
    await page.goto('/audit');
    await expect(page.getByText('Forged')).toHaveCount(0);

    // The same request from the panel's own origin does go through: it was a real action.
    const genuine = await replay(new URL(baseURL!).origin);
    expect(genuine.status()).toBe(200);
    await page.goto(state.postmasterUrl);
    await expect(page.getByLabel('First name')).toHaveValue('Forged');
    await signOut(page);
  });

  test('stored <script> and markup in user-supplied text never run: shown as text on every page, with no policy violation', async ({ page }) => {
    test.setTimeout(180_000);
    const watcher = watch(page);
    await signInAs(page, superadmin.email, superadmin.password);
    await expectNothingRan(page, watcher, 'after signing in');

    // An admin's name: the admins list.
    await page.goto('/admins/new');
    await page.getByLabel('Email address', { exact: true }).fill('mallory@hardening.example');
    await page.getByLabel('Name', { exact: true }).fill(XSS.admin);
    await page.getByLabel('Generate a strong password').check();
    await page.getByRole('button', { name: 'Create admin' }).click();
    await expect(page.getByLabel('Generated password')).toBeVisible();
    await page.goto('/admins');
    await expect(page.getByRole('cell', { name: XSS.admin })).toBeVisible();
    await expectNothingRan(page, watcher, '/admins');

    // The postmaster's master data and autoresponder.
    await page.goto(state.postmasterUrl!);
    await page.getByLabel('First name').fill(XSS.first);
    await page.getByLabel('Last name').fill(XSS.last);
    await page.getByLabel('Description').fill(XSS.description);
    await page.getByRole('button', { name: 'Save master data' }).click();
    await expect(page.getByText('Saved.').first()).toBeVisible();
    const auto = page.getByRole('region', { name: 'Autoresponder' });
    await auto.getByLabel('Send an automatic reply').check();
    await auto.getByLabel('Subject', { exact: true }).fill(XSS.subject);
    await auto.getByLabel('Message', { exact: true }).fill(XSS.message);
    await auto.getByRole('button', { name: 'Save autoresponder' }).click();
    await expect(auto.getByText('Saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('First name')).toHaveValue(XSS.first);
    await expect(page.getByLabel('Last name')).toHaveValue(XSS.last);
    await expect(page.getByLabel('Description')).toHaveValue(XSS.description);
    await expect(page.getByRole('region', { name: 'Autoresponder' }).getByLabel('Message', { exact: true })).toHaveValue(XSS.message);
    await expectNothingRan(page, watcher, 'the postmaster’s page');
    await page.goto('/postmasters');
    await expect(page.getByRole('link', { name: postmaster })).toBeVisible();
    await expectNothingRan(page, watcher, '/postmasters');

    // An account made through the wizard with hostile names: its lists and its page.
    await page.goto('/domains');
    await page.getByRole('link', { name: domain, exact: true }).click();
    await page.getByRole('main').getByRole('link', { name: /Email accounts/ }).first().click();
    await expect(page).toHaveURL(/\/domains\/\d+\/accounts(\?.*)?$/);
    const list = new URL(page.url()).pathname;
    await page.getByRole('link', { name: /^\+?\s*Email account$/ }).click();
    await page.getByLabel('First name', { exact: true }).fill(XSS.first);
    await page.getByLabel('Last name', { exact: true }).fill(XSS.last);
    await page.getByLabel('Address', { exact: true }).fill('victim');
    await page.getByLabel('Generate a strong password').check();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    const secret = page.getByLabel(`Password of victim@${domain}`);
    await expect(secret).toBeVisible();
    state.userPassword = await secret.inputValue();
    await page.getByRole('button', { name: 'Continue to Services' }).or(page.getByRole('link', { name: 'Continue to Services' })).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('Force password change at first login').uncheck();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.getByRole('heading', { name: /Options/ }).first()).toBeVisible();
    // The summary shows the names too.
    await expect(page.getByText(`${XSS.first} ${XSS.last}`)).toBeVisible();
    await expectNothingRan(page, watcher, 'the wizard');
    await page.getByRole('button', { name: /^Create( account)?$/ }).click();
    await expect(page.getByRole('link', { name: `victim@${domain}`, exact: true })).toBeVisible();
    await expect(page.getByText(`${XSS.first} ${XSS.last}`).first()).toBeVisible();
    await expectNothingRan(page, watcher, 'the domain’s account list');
    await page.goto(`/accounts?q=victim`);
    await expect(page.getByText(`${XSS.first} ${XSS.last}`).first()).toBeVisible();
    await expectNothingRan(page, watcher, '/accounts');
    await page.goto(list);
    await page.getByRole('link', { name: `victim@${domain}`, exact: true }).click();
    await expect(page.getByRole('heading', { name: `victim@${domain}`, level: 1 })).toBeVisible();
    state.accountUrl = page.url();
    await expect(page.getByLabel('First name', { exact: true })).toHaveValue(XSS.first);
    await expectNothingRan(page, watcher, 'the account page');

    // The audit log shows the changes, names and all.
    await page.goto('/audit');
    await expect(page.getByText(XSS.first).first()).toBeVisible();
    await expect(page.getByText(XSS.description).first()).toBeVisible();
    await expectNothingRan(page, watcher, '/audit');
    await page.screenshot({ path: artifactPath('hardening-audit-literal.png'), fullPage: true });
    await signOut(page);

    // The account's owner: My settings, its own autoresponder.
    await signInAs(page, `victim@${domain}`, state.userPassword);
    await expect(page).toHaveURL(/\/me$/);
    const own = page.getByRole('region', { name: 'Autoresponder' });
    await own.getByLabel('Send an automatic reply').check();
    await own.getByLabel('Subject', { exact: true }).fill(XSS.subject);
    await own.getByLabel('Message', { exact: true }).fill(XSS.message);
    await own.getByRole('button', { name: 'Save autoresponder' }).click();
    await expect(own.getByText('Saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('region', { name: 'Autoresponder' }).getByLabel('Subject', { exact: true })).toHaveValue(XSS.subject);
    await expect(page.getByRole('region', { name: 'Autoresponder' }).getByLabel('Message', { exact: true })).toHaveValue(XSS.message);
    await expectNothingRan(page, watcher, '/me');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(LOGIN_URL);
    await expectNothingRan(page, watcher, 'after signing out');
  });
});
