import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import speakeasy from 'speakeasy';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import { artifactPath, freePort, repoRoot } from './helpers/server';
import { LOGIN_URL, signIn, signOut, superadmin } from './helpers/session';

// Runs after 01–03 on the shared server (the superadmin exists). Every request to the shared server comes
// from 127.0.0.1, and failed sign-ins are throttled per source address: this spec makes few mistakes
// there, and tests throttling (and X-Forwarded-For) on servers of its own.

const secure = { domain: 'secure.example', address: 'postmaster@secure.example', newPassword: 'a long and fresh passphrase 42' };
const fenced = { domain: 'fenced.example', address: 'postmaster@fenced.example' };
const secrets: { secure?: string; fenced?: string; otp?: string } = {};

/** The code an authenticator app shows `offsetSteps` steps from now (speakeasy, base32, like the apps). */
function otpCode(secret: string, offsetSteps = 0): string {
  return speakeasy.totp({ secret, encoding: 'base32', time: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
}

async function addDomain(page: Page, name: string): Promise<string> {
  await page.goto('/domains/new');
  await expect(page.getByRole('heading', { name: 'Add a domain' })).toBeVisible();
  await page.getByLabel('Domain name').fill(name);
  await page.getByLabel('Plan').selectOption({ label: 'Starter' });
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(page.getByText(`Domain ${name} added.`)).toBeVisible();
  return page.getByLabel('Postmaster password').inputValue();
}

async function openPostmaster(page: Page, address: string): Promise<void> {
  await page.goto('/postmasters');
  await page.getByRole('row', { name: new RegExp(address.replace(/\./g, '\\.')) }).getByRole('link', { name: address }).click();
  await expect(page.getByRole('heading', { name: address })).toBeVisible();
}

async function saveSecurity(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save security settings' }).click();
  await expect(page.getByText('Saved.').first()).toBeVisible();
}

test.describe.serial('sign-in security on the shared server', () => {
  test('the superadmin sets the policies: a forced change and OTP for one postmaster, an IP list for another', async ({ page }) => {
    await signIn(page, superadmin.email, superadmin.password);
    await expect(page).toHaveURL(/\/domains/);
    secrets.secure = await addDomain(page, secure.domain);
    secrets.fenced = await addDomain(page, fenced.domain);

    await openPostmaster(page, secure.address);
    await page.getByLabel('Force password change at next login').check();
    await page.getByLabel('Require a one-time code at sign-in').check();
    await saveSecurity(page);

    await openPostmaster(page, fenced.address);
    await page.getByLabel('Allowed IP addresses').fill('203.0.113.7');
    await saveSecurity(page);
    await signOut(page);
  });

  test('a postmaster forced to change its password reaches only that page, then enrolment, then its domain', async ({ page }) => {
    await signIn(page, secure.address, secrets.secure!);
    await expect(page).toHaveURL(/\/security\/password$/);
    await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
    await expect(page.getByText('Your administrator asks you to choose a new password before you continue.')).toBeVisible();
    // Nothing else is reachable, not even by typing an address.
    for (const other of ['/domains', '/', '/me', '/security/otp']) {
      await page.goto(other);
      await expect(page, other).toHaveURL(/\/security\/password$/);
    }
    await expect(page.getByRole('link', { name: 'My domain' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('security-password-forced.png'), fullPage: true });

    // Refused with a message beside the field, nothing changes.
    await page.getByLabel('Current password').fill(secrets.secure!);
    await page.getByLabel('New password', { exact: true }).fill('postmaster of secure things');
    await page.getByLabel('Repeat the new password').fill('postmaster of secure things');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('The password may not contain your address or your domain name.')).toBeVisible();
    await page.screenshot({ path: artifactPath('security-password-error.png'), fullPage: true });

    await page.getByLabel('New password', { exact: true }).fill(secure.newPassword);
    await page.getByLabel('Repeat the new password').fill(secure.newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();

    // OTP is required and not set up: enrolment comes next, before anything else.
    await expect(page).toHaveURL(/\/security\/otp$/);
    await expect(page.getByRole('heading', { name: 'Two-step sign-in' })).toBeVisible();
    await expect(page.getByText('Your account requires a one-time code at sign-in.')).toBeVisible();
    await page.goto('/domains');
    await expect(page).toHaveURL(/\/security\/otp$/);
    await expect(page.getByRole('img', { name: 'QR code to set up the authenticator app' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('security-otp-enrol.png'), fullPage: true });

    const key = (await page.getByTestId('otp-secret').innerText()).replace(/\s+/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    secrets.otp = key;
    await page.getByLabel('Code from the app').fill('000000' === otpCode(key) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await expect(page.getByText('This code is not correct, or it was already used.')).toBeVisible();
    await page.getByLabel('Code from the app').fill(otpCode(key));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();

    await expect(page.getByRole('heading', { name: 'My domain: secure.example' })).toBeVisible();
    await page.goto('/security/otp');
    await expect(page.getByText('Two-step sign-in is on.')).toBeVisible();
    await expect(page.getByText('Your account requires two-step sign-in: it cannot be turned off.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('security-otp-on.png'), fullPage: true });
    await signOut(page);
  });

  test('the postmaster signs in with its new password and a code from its app', async ({ page }) => {
    await signIn(page, secure.address, secure.newPassword);
    await expect(page.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();
    await expect(page).toHaveURL(LOGIN_URL);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('login-code-step.png'), fullPage: true });
    // The enrolment's code was used: the next step's code (one step of drift is accepted).
    await page.getByLabel('One-time code').fill(otpCode(secrets.otp!, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('heading', { name: 'My domain: secure.example' })).toBeVisible();

    // The voluntary change page, inside the panel this time.
    await page.goto('/security/password');
    await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'My domain' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: artifactPath('security-password.png'), fullPage: true });
    await signOut(page);
  });

  test('a postmaster allowed only from 203.0.113.7 is refused from here, with the usual message', async ({ page }) => {
    await signIn(page, fenced.address, secrets.fenced!);
    await expect(page.getByText('The email address or password is not correct.')).toBeVisible();
    await expect(page).toHaveURL(LOGIN_URL);
    await page.goto('/domains');
    await expect(page).toHaveURL(LOGIN_URL);
  });
});

// ---------------------------------------------------------------------------------------------------
// Servers of our own, over real HTTP: the client address comes from the TCP peer; X-Forwarded-For only
// counts when the peer is a trusted proxy.

const RESTRICTED = { address: 'postmaster@restricted.example', password: 'restricted account passphrase' };

/** An embedded database with one postmaster allowed only from 203.0.113.7 (written before any server opens it). */
function seed(dataDir: string): void {
  execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['tests/e2e/helpers/seed-ip-restricted.ts', dataDir, RESTRICTED.address, RESTRICTED.password], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: 'pipe',
  });
}

type Server = { baseURL: string; stop: () => Promise<void> };

async function startServer(dataDir: string, trustedProxies?: string): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
  for (const name of ['DATABASE_URL', 'AUTH_SECRET', 'NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'PUBLIC_URL', 'TRUSTED_PROXIES']) delete env[name];
  if (trustedProxies) env.TRUSTED_PROXIES = trustedProxies;
  const child: ChildProcess = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['server.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // gone
      }
      await exited;
    }
  };
  try {
    await expect.poll(() => output, { timeout: 60_000 }).toContain('listening on');
    return { baseURL: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw new Error(`server did not start: ${output}`, { cause: error });
  }
}

/** A next-auth sign-in as a script would do it: CSRF token, then the credentials callback. */
async function httpSignIn(baseURL: string, forwardedFor: string, credentials: Record<string, string>) {
  const headers = { 'x-forwarded-for': forwardedFor };
  const csrf = await fetch(`${baseURL}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const response = await fetch(`${baseURL}/api/auth/callback/password`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...credentials, csrfToken, json: 'true' }),
  });
  const { url } = (await response.json()) as { url: string };
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('next-auth.session-token='));
  return { status: response.status, error: new URL(url).searchParams.get('error'), session };
}

async function sessionOf(baseURL: string, cookie: string, forwardedFor: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseURL}/api/auth/session`, { headers: { cookie, 'x-forwarded-for': forwardedFor } });
  return (await response.json()) as Record<string, unknown>;
}

test.describe.serial('the client address over real HTTP', () => {
  let dataDir = '';
  let server: Server | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-client-ip-'));
    seed(dataDir);
  });

  test.afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('a spoofed X-Forwarded-For from an untrusted peer changes nothing', async () => {
    test.setTimeout(120_000);
    server = await startServer(dataDir);
    const spoofed = await httpSignIn(server.baseURL, '203.0.113.7', { identifier: RESTRICTED.address, password: RESTRICTED.password });
    expect(spoofed).toMatchObject({ status: 401, error: 'invalid', session: undefined });
    await server.stop();
    server = undefined;
  });

  test('behind a trusted proxy, the forwarded address counts: at sign-in and on every request', async () => {
    test.setTimeout(120_000);
    server = await startServer(dataDir, '127.0.0.1');
    const refused = await httpSignIn(server.baseURL, '198.51.100.1', { identifier: RESTRICTED.address, password: RESTRICTED.password });
    expect(refused).toMatchObject({ status: 401, error: 'invalid' });

    const allowed = await httpSignIn(server.baseURL, '203.0.113.7', { identifier: RESTRICTED.address, password: RESTRICTED.password });
    expect(allowed.status).toBe(200);
    expect(allowed.session).toBeTruthy();
    expect(await sessionOf(server.baseURL, allowed.session!, '203.0.113.7')).toMatchObject({ principal: expect.stringMatching(/^mailbox:\d+$/) as unknown });
    // The same session from another address: signed out.
    expect(await sessionOf(server.baseURL, allowed.session!, '198.51.100.1')).toEqual({});
    const page = await fetch(`${server.baseURL}/me`, { redirect: 'manual', headers: { cookie: allowed.session!, 'x-forwarded-for': '198.51.100.1' } });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toMatch(/\/login$/);
    const ok = await fetch(`${server.baseURL}/me`, { redirect: 'manual', headers: { cookie: allowed.session!, 'x-forwarded-for': '203.0.113.7' } });
    expect(ok.status).toBe(200);
  });

  test('repeated failures are throttled with a clear message, even with the right password', async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ baseURL: server!.baseURL, extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.7' } });
    const page = await context.newPage();
    try {
      for (let i = 0; i < 10; i++) {
        await signIn(page, RESTRICTED.address, `wrong password number ${i}`);
        await expect(page.getByText('The email address or password is not correct.')).toBeVisible();
      }
      await signIn(page, RESTRICTED.address, RESTRICTED.password);
      await expect(page.getByText('Too many failed attempts. Try again in 15 minutes.')).toBeVisible();
      await expect(page).toHaveURL(LOGIN_URL);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: artifactPath('login-throttled.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
