import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailServers, useMailDatabase } from './helpers/servers';
import { mailAccount, mailWorld, type Account } from './helpers/world';

useMailDatabase();

describe("the mail servers' database role", () => {
  let client: pg.Client;
  let account: Account;

  beforeAll(async () => {
    account = await mailAccount(await mailWorld());
    client = new pg.Client({ connectionString: mailServers().mailDatabaseUrl });
    await client.connect();
  });
  afterAll(() => client.end());

  const denied = (text: string, values: unknown[] = []) => expect(client.query(text, values)).rejects.toThrow(/permission denied/);

  it('reads the views of schema "mail"', async () => {
    for (const view of ['passdb', 'userdb', 'domains', 'mailboxes', 'forwards', 'recipient_access', 'quota_checked', 'send_limits', 'message_size_limits', 'sieve_scripts', 'webmail_settings', 'address_book']) {
      await expect(client.query(`select * from mail.${view} limit 1`), view).resolves.toBeTruthy();
    }
    const { rows } = await client.query('select service from mail.passdb where address = $1 order by service', [account.address]);
    expect(rows.map((r: { service: string }) => r.service)).toEqual(['imap', 'pop3', 'smtp', 'webmail']);
  });

  it('calls the lookup functions the rendered queries use (migration 0027), with what the views say', async () => {
    const { rows } = await client.query('select * from mail.passdb_lookup($1, $2, $3)', [account.address, 'imap', 'xxxxxxxx']);
    expect(rows).toEqual([{ user: account.address, password: expect.stringMatching(/^\{BLF-CRYPT\}\$2[aby]\$/), allow_nets: null, mailpanel_app_password: null }]);
    expect((await client.query('select * from mail.passdb_lookup($1, $2, $3)', [account.address, 'nope', 'xxxxxxxx'])).rows).toEqual([]);
    expect((await client.query('select mail.sender_logins_of($1) as login', [account.address])).rows).toEqual([{ login: account.address }]);
    expect((await client.query('select mail.alias_destinations($1) as d', [account.address])).rows).toEqual([]);
  });

  it('reads none of the panel\'s tables behind them', async () => {
    for (const table of ['mailboxes', 'domains', 'plans', 'admins', 'app_passwords', 'audit_log', 'mail_jobs', 'autoresponders']) {
      await denied(`select * from public.${table} limit 1`);
    }
  });

  it('writes only the usage, last-login and sent-counter tables', async () => {
    await client.query('insert into mailbox_usage (address, storage_bytes, messages) values ($1, 10, 1) on conflict (address) do update set storage_bytes = excluded.storage_bytes', [account.address]);
    await client.query('insert into mailbox_last_login (address, imap) values ($1, 1) on conflict (address) do update set imap = excluded.imap', [account.address]);
    await client.query(`insert into mailbox_sent (address, bucket, messages) values ($1, date_bin('5 minutes', now(), timestamptz 'epoch'), 1)`, [account.address]);
    await denied('delete from mailbox_usage where address = $1', [account.address]);
    await denied('update mailboxes set active = false where address = $1', [account.address]);
    await denied('update mailboxes set quota_bytes = 1 where true');
    await denied('insert into mail_jobs (address, kind) values ($1, $2)', [account.address, 'kick']);
    await denied('update app_passwords set revoked_at = null where true');
    await expect(client.query('create table mail.mine (x int)')).rejects.toThrow(/permission denied/);
  });
});
