import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import { createSuperadmin, startOwnServer, type OwnServer } from './helpers/own-server';
import { artifactPath } from './helpers/server';
import { signInAs, signOut } from './helpers/session';
import { createAccountWithGeneratedPassword } from './helpers/accounts';
import { addStarterDomainAndOpenAccounts } from './helpers/domains';

/** The account page's status badge, in its header beside the address (h1). */
const headerStatus = (page: Page) => page.getByRole('heading', { level: 1 }).locator('xpath=../..').getByText(/^(Updating|Offline|Online)$/);

// A panel of this spec's own, whose mail host is a stand-in doveadm (a shell script that records its
// calls, and fails while a "down" file exists), so that a job can really fail. Jobs are failed after one
// run here (JOB_MAX_ATTEMPTS=1) instead of half an hour of retries. It does not depend on earlier specs.

const ops = { email: 'ops@jobs.example', password: 'a jobs drill passphrase 8' };
const domain = 'apps.example';
const user = { localPart: 'otto', address: `otto@${domain}` };
const state: { password?: string; accountUrl?: string } = {};

let server: OwnServer | undefined;
let dir = '';
let context: BrowserContext | undefined;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(`jobs-${name}.png`), fullPage: true });
}

const doveadmCalls = () => (fs.existsSync(path.join(dir, 'calls.log')) ? fs.readFileSync(path.join(dir, 'calls.log'), 'utf8') : '');
const kicks = () => doveadmCalls().split('\n').filter((line) => line.endsWith(`kick ${user.address}`));

test.describe.serial('mail-host jobs and app passwords', () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-jobs-e2e-'));
    const doveadm = path.join(dir, 'doveadm');
    fs.writeFileSync(
      doveadm,
      [
        '#!/bin/sh',
        `echo "$*" >> '${dir}/calls.log'`,
        `if [ -f '${dir}/down' ]; then echo 'doveadm(root): Error: net_connect_unix(/run/dovecot/anvil) failed: Connection refused' >&2; exit 75; fi`,
        // Nobody is connected: doveadm kick says so with exit code 68.
        'if [ "$1" = kick ]; then echo "no users kicked"; exit 68; fi',
        'exit 0',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const env = { DATA_DIR: path.join(dir, 'data'), MAIL_DOVEADM: `${doveadm} -c /etc/dovecot/test.conf`, MAIL_HOME: `${dir}/vmail/%d/%n`, JOB_MAX_ATTEMPTS: '1', JOB_POLL_MS: '500' };
    // The superadmin first (the embedded database is the server's alone once it runs).
    createSuperadmin({ ...env, DATABASE_URL: '' }, { ...ops, name: 'Ops' });
    server = await startOwnServer(env);
    context = await browser.newContext({ baseURL: server.baseURL });
  });

  test.afterAll(async () => {
    await context?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the superadmin creates an account that may sign in to the panel', async () => {
    const page = await context!.newPage();
    await signInAs(page, ops.email, ops.password);
    await addStarterDomainAndOpenAccounts(page, domain);
    Object.assign(state, await createAccountWithGeneratedPassword(page, { firstName: 'Otto', lastName: 'Mailer', ...user }));
    await signOut(page);
    await page.close();
  });

  test('the owner creates an app password, sees it once, and revokes it', async () => {
    const page = await context!.newPage();
    await signInAs(page, user.address, state.password!);
    await page.goto('/me');
    const section = page.getByRole('region', { name: 'App passwords' });
    await expect(section).toBeVisible();
    await expect(section).toContainText('Two-step sign-in is off for this account');
    await expect(section.getByText('No app passwords yet.')).toBeVisible();

    // Bad input first: beside the field, nothing created.
    await section.getByRole('button', { name: 'Create app password' }).click();
    await expect(section.getByText('Give the app password a name.')).toBeVisible();

    await section.getByLabel('Name').fill('Phone mail');
    await section.getByLabel('Protocol').selectOption('imap');
    await section.getByRole('button', { name: 'Create app password' }).click();
    await expect(section.getByText('App password “Phone mail” created for IMAP.')).toBeVisible();
    const shown = section.getByLabel('The new app password');
    await expect(shown).toBeVisible();
    const secret = await shown.inputValue();
    expect(secret).toMatch(/^[a-hjkmnp-z2-9]{24}$/);
    await expect(section.getByRole('button', { name: 'Copy' })).toBeVisible();
    await expect(section).toContainText('This is shown only now');
    await expect(section).toContainText(`with ${user.address} as the user name`);
    const row = section.getByRole('row', { name: /Phone mail/ });
    await expect(row).toContainText('IMAP');
    await expect(row).toContainText('Never');
    await expect(section).toContainText('You have 1 of at most 20 app passwords.');
    await expectNoSeriousA11yViolations(page);
    await shot(page, '01-app-password-created');

    // The same name twice is refused.
    await section.getByLabel('Name').fill('phone MAIL');
    await section.getByRole('button', { name: 'Create app password' }).click();
    await expect(section.getByText('An app password with this name exists already.')).toBeVisible();

    // Seen once: after a reload the secret is nowhere, the app password is still listed.
    await page.reload();
    await expect(page.getByRole('region', { name: 'App passwords' }).getByRole('row', { name: /Phone mail/ })).toBeVisible();
    await expect(page.getByLabel('The new app password')).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    // Revoke: asked once more, then gone.
    const again = page.getByRole('region', { name: 'App passwords' });
    await again.getByRole('button', { name: 'Revoke the app password “Phone mail”' }).click();
    const confirm = again.getByRole('group', { name: 'Revoke the app password “Phone mail”' });
    await expect(confirm).toContainText('Programs using it stop working at once.');
    await shot(page, '02-revoke-confirm');
    await confirm.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(again.getByText('App password “Phone mail” revoked.')).toBeVisible();
    await expect(again.getByText('No app passwords yet.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '03-revoked');
    // One for sending, kept for the administrator to see.
    await again.getByLabel('Name').fill('Laptop');
    await again.getByLabel('Protocol').selectOption('smtp');
    await again.getByRole('button', { name: 'Create app password' }).click();
    await expect(again.getByRole('row', { name: /Laptop/ })).toContainText('SMTP (sending)');
    await signOut(page);
    await page.close();
    // The revocation ended the account's sessions on the mail host.
    await expect.poll(doveadmCalls).toContain(`-c /etc/dovecot/test.conf kick ${user.address}`);
  });

  test('an admin sees a failed job with its error, the account reads Updating, and Retry applies it', async () => {
    const page = await context!.newPage();
    const accountRow = new RegExp(user.address.replace(/\./g, '\\.'));
    await signInAs(page, ops.email, ops.password);
    await page.goto(state.accountUrl!);
    // The account's app passwords, for those who manage it: listed, revocable, and (issue 22, item 12)
    // one can be made here for an account that cannot sign in to the panel.
    const managed = page.getByRole('region', { name: 'App passwords' });
    await expect(managed.getByRole('row', { name: /Laptop/ })).toBeVisible();
    await expect(managed.getByRole('button', { name: 'Create app password' })).toHaveCount(1);
    await managed.getByRole('button', { name: 'Revoke the app password “Laptop”' }).click();
    await managed.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(managed.getByText('App password “Laptop” revoked.')).toBeVisible();
    await expect(managed.getByText('No app passwords yet.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, '04-admin-revoked');

    // That revocation's kick has reached the mail host (the second kick) before the mail host goes down.
    await expect.poll(() => kicks().length).toBe(2);
    fs.writeFileSync(path.join(dir, 'down'), '');
    await page.getByRole('button', { name: 'Deactivate account' }).click();
    await page.getByRole('button', { name: 'Yes, deactivate' }).click();
    await expect(page.getByText('The account is now offline.')).toBeVisible();
    // Its page says so too, as the list does: the change has not reached the mail server yet.
    const status = headerStatus(page);
    await expect(status).toHaveText('Updating');
    await expect(page.getByText('The mail servers are still applying the latest change to this account.')).toBeVisible();
    await shot(page, '04b-account-updating');
    // A second tab stays on the account's page, never reloaded by the test.
    const watching = await context!.newPage();
    await watching.goto(state.accountUrl!);
    await expect(headerStatus(watching)).toHaveText('Updating');

    // The mail host is down: the kick fails (after one run here) and waits for an admin.
    await page.goto('/jobs');
    await expect(page.getByRole('heading', { name: 'Mail server jobs', level: 1 })).toBeVisible();
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByRole('row', { name: /Failed/ }).count();
      }, { timeout: 20_000 })
      .toBe(1);
    const failed = page.getByRole('row', { name: /Failed/ });
    await expect(failed).toContainText('End the account’s sessions');
    await expect(failed).toContainText(user.address);
    await expect(failed).toContainText('Connection refused');
    await expectNoSeriousA11yViolations(page);
    await shot(page, '05-failed-job');

    // In the account list it is Updating: the change has not reached the mail server.
    await page.goto('/accounts');
    await expect(page.getByRole('row', { name: accountRow })).toContainText('Updating');
    await shot(page, '06-list-updating');
    // Another tab stays on the list, never reloaded by the test.
    const listWatching = await context!.newPage();
    await listWatching.goto('/accounts');
    await expect(listWatching.getByRole('row', { name: accountRow })).toContainText('Updating');

    // The mail host is back; Retry.
    fs.rmSync(path.join(dir, 'down'));
    await page.goto('/jobs');
    await page.getByRole('button', { name: new RegExp(`^Retry job \\d+: End the account’s sessions for ${user.address.replace(/\./g, '\\.')}$`) }).click();
    await expect(page.getByText(/Job \d+ will run again in a moment\./)).toBeVisible();
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByText('Nothing is waiting: every change has reached the mail servers.').count();
      }, { timeout: 20_000 })
      .toBe(1);
    await shot(page, '07-retried');
    // The account's page read Updating and re-reads itself until the job is done: Offline, without a reload.
    await expect(headerStatus(watching)).toHaveText('Offline', { timeout: 15_000 });
    await expect(watching.getByText('The mail servers are still applying the latest change to this account.')).toHaveCount(0);
    await watching.close();
    // The list re-reads itself the same way.
    await expect(listWatching.getByRole('row', { name: accountRow })).toContainText('Offline', { timeout: 15_000 });
    await listWatching.close();
    await page.goto('/accounts');
    await expect(page.getByRole('row', { name: accountRow })).toContainText('Offline');

    // The retry is in the audit log.
    await page.goto('/audit');
    await expect(page.getByText('Retried a mail server job').first()).toBeVisible();
    await signOut(page);
    await page.close();
    expect(kicks().length).toBeGreaterThanOrEqual(4);
  });
});
