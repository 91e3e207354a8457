import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext } from '@playwright/test';
import speakeasy from 'speakeasy';
import { startOwnServer, type OwnServer } from './helpers/own-server';
import { artifactPath } from './helpers/server';
import { LOGIN_URL, signIn, signInAs } from './helpers/session';

// Issue 20, structured logs: a panel of this spec's own (it does not depend on earlier specs) goes through
// the first run, a refused and a good sign-in, a password change, two-step sign-in, an API token and a
// request with it; then its whole output is searched for every secret of the run — none may be there,
// but for the setup link, shown once at start on purpose — and its request lines are read.

const admin = { name: 'Lena Ops', email: 'lena@ops-desk.example', first: 'first passphrase of this run 1', second: 'second passphrase of this run 2' };
const WRONG = 'wrong passphrase for this run 3';
const REQUEST_ID = 'e2e-logs-req-0001';

type Line = Record<string, unknown>;

let server: OwnServer | undefined;
let dir = '';
let context: BrowserContext | undefined;
const secrets: Record<string, string> = {};
let setupToken = '';

const otpCode = (secret: string) => speakeasy.totp({ secret, encoding: 'base32' });

function jsonLines(output: string): Line[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line);
}

test.describe.serial('structured logs', () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-logs-e2e-'));
    server = await startOwnServer({ DATA_DIR: path.join(dir, 'data') });
    context = await browser.newContext({ baseURL: server.baseURL });
  });

  test.afterAll(async () => {
    await context?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a run with every kind of secret: first run, sign-in, password change, two-step sign-in, API token', async () => {
    test.setTimeout(180_000);
    const page = await context!.newPage();

    // The setup link is shown to the operator once at start, in a JSON line a person can read.
    const startLine = jsonLines(server!.output()).find((line) => String(line.msg).includes('/setup?token='));
    expect(startLine).toMatchObject({ level: 40, component: 'startup' });
    setupToken = /\/setup\?token=([A-Za-z0-9_-]+)/.exec(String(startLine!.msg))![1]!;
    await page.goto(`/setup?token=${setupToken}`);
    await page.getByLabel('Full name').fill(admin.name);
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.first);
    await page.getByLabel('Repeat the password').fill(admin.first);
    await page.getByRole('button', { name: 'Create superadmin' }).click();
    await expect(page).toHaveURL(LOGIN_URL);

    await signIn(page, admin.email, WRONG);
    await expect(page.getByText('The email address or password is not correct.')).toBeVisible();
    await signInAs(page, admin.email, admin.first);

    await page.goto('/security/password');
    await page.getByLabel('Current password').fill(admin.first);
    await page.getByLabel('New password', { exact: true }).fill(admin.second);
    await page.getByLabel('Repeat the new password').fill(admin.second);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('Your password has been changed.')).toBeVisible();

    await page.goto('/security/otp');
    const key = (await page.getByTestId('otp-secret').innerText()).replace(/\s+/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    secrets.otp = key;
    await page.getByLabel('Code from the app').fill(otpCode(key));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await expect(page.getByText('Two-step sign-in is on', { exact: false }).first()).toBeVisible();

    await page.goto('/me/tokens');
    await page.getByLabel('Name').fill('log check');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = page.getByLabel('Your new token');
    await expect(token).toBeVisible();
    secrets.token = await token.inputValue();
    expect(secrets.token).toMatch(/^mpat_/);

    const me = await page.request.get('/api/v1/me?debug=1', { headers: { authorization: `Bearer ${secrets.token}`, 'x-request-id': REQUEST_ID } });
    expect(me.status()).toBe(200);
    // The proxy's id, when it is a sane token, is the request's id and comes back.
    expect(me.headers()['x-request-id']).toBe(REQUEST_ID);
    const refused = await page.request.get('/api/v1/me', { headers: { authorization: 'Bearer mpat_not-a-real-token-but-long-enough-to-look-like-one' } });
    expect(refused.status()).toBe(401);
    expect(refused.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    for (const cookie of await context!.cookies()) {
      // The session and CSRF cookies (the callback URL cookie holds only the panel's own address).
      if (/session-token|csrf|device/i.test(cookie.name) && cookie.value.length >= 16) secrets[`cookie ${cookie.name}`] = decodeURIComponent(cookie.value);
    }
    expect(Object.keys(secrets).some((name) => name.includes('session-token'))).toBe(true);
    await page.close();
  });

  test('the output holds none of the secrets, and the setup link only in its start line', async () => {
    const output = server!.output();
    fs.writeFileSync(artifactPath('logs-output.log'), output);
    const all = { 'first password': admin.first, 'second password': admin.second, 'wrong password': WRONG, ...secrets };
    for (const [name, secret] of Object.entries(all)) {
      expect(output.includes(secret), `the log output contains the ${name}`).toBe(false);
      // Nor the part of a cookie after its signature separator, nor a token without its prefix.
      for (const part of secret.split(/[|.]/).filter((piece) => piece.length >= 16)) expect(output.includes(part), `the log output contains part of the ${name}`).toBe(false);
    }
    expect(setupToken).not.toBe('');
    expect(output.split(setupToken).length - 1).toBe(1);
  });

  test('each request has a JSON line with reqId, method, route, status, duration and caller id', async () => {
    const lines = jsonLines(server!.output());
    const requests = lines.filter((line) => line.msg === 'request' && line.component === 'http');
    expect(requests.length).toBeGreaterThan(10);
    for (const line of requests) {
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['time', 'level', 'reqId', 'method', 'route', 'status', 'durationMs', 'ip', 'callerId']));
      expect(String(line.route)).not.toContain('?');
      expect(typeof line.durationMs).toBe('number');
    }
    const callerId = (await (await context!.request.get('/api/v1/me', { headers: { authorization: `Bearer ${secrets.token}` } })).json()) as { id?: number };
    const api = requests.find((line) => line.reqId === REQUEST_ID);
    expect(api).toMatchObject({ method: 'GET', route: '/api/v1/me', status: 200, ip: expect.stringContaining('127.0.0.1'), callerId: expect.stringMatching(/^admin:\d+$/) });
    if (typeof callerId.id === 'number') expect(api!.callerId).toBe(`admin:${callerId.id}`);
    // A page rendered for the signed-in admin names the caller: the request context reaches Next's render.
    expect(requests.find((line) => line.route === '/me/tokens' && line.method === 'GET' && line.status === 200)).toMatchObject({ callerId: api!.callerId });
    // The setup link's request is logged without its token; the refused sign-in has its line, without a caller.
    expect(requests.some((line) => line.route === '/setup' && line.status === 200)).toBe(true);
    const refusedSignIn = lines.find((line) => line.msg === 'sign-in refused');
    expect(refusedSignIn).toMatchObject({ component: 'auth', reason: expect.any(String) });
    expect(requests.find((line) => line.reqId === refusedSignIn!.reqId)).toMatchObject({ method: 'POST', callerId: null });
    // The successful sign-in names who signed in.
    expect(requests.some((line) => String(line.route).startsWith('/api/auth/callback/') && line.callerId === api!.callerId)).toBe(true);
  });
});
