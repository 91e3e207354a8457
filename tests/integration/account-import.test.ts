import bcrypt from 'bcrypt';
import { count, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditLog, domains, mailboxes, plans, webmailPreferences } from '@/db/schema';
import { importAccounts, type ImportOutcome } from '@/lib/accounts/import/import-accounts';
import { previewImport } from '@/lib/accounts/import/preview-import';
import type { Caller } from '@/lib/auth/caller';

import { translate } from '@/lib/i18n/translate';
import { GB, MB } from '@/lib/mail/services';
import { IMPORT_COLUMN_NAMES } from '@/lib/validations/account-import';
import { adminCaller, postmasterCaller, userCaller } from './helpers/callers';
import { chunked, csvOf } from './helpers/csv';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, insertAdmin, insertDomain, insertMailbox, insertPlan, type Fixture } from './helpers/fixtures';

const t = useTestDatabase();
const IP = '198.51.100.7';
const PASSWORD = 'correct horse battery 42';

beforeEach(() => resetTables(t.db()));
afterEach(() => vi.restoreAllMocks());

type World = Fixture & { A: Caller; PM: Caller };

/**
 * Admin A's domain: its postmaster (50 MB) and one 1 GB mailbox. Fixture plan: 1 GB / 5 GB options, 100 GB
 * per domain, 100 accounts; POP, IMAP, SMTP and Webmail (not ActiveSync, DAV, XMPP); no spam to Inbox.
 */
async function world(plan: Partial<typeof plans.$inferInsert> = {}, domain: Partial<typeof domains.$inferInsert> = {}): Promise<World> {
  const f = await createFixture(t.db());
  if (Object.keys(plan).length > 0) await t.db().update(plans).set(plan).where(eq(plans.id, f.plan.id));
  if (Object.keys(domain).length > 0) await t.db().update(domains).set(domain).where(eq(domains.id, f.domain.id));
  return { ...f, A: adminCaller(f.admin), PM: postmasterCaller(f.postmaster) };
}

const ALL = IMPORT_COLUMN_NAMES;

const run = (caller: Caller, domainId: number, csv: string | Buffer) => importAccounts({ caller, ip: IP, domainId, input: chunked(csv) });
const preview = (caller: Caller, domainId: number, csv: string | Buffer) => previewImport({ caller, domainId, input: chunked(csv) });

function must(outcome: ImportOutcome) {
  if (!outcome.ok) throw new Error(`expected the import to succeed, got ${JSON.stringify(outcome.issues)}`);
  return outcome;
}

/** What must not move when an import is refused. */
async function snapshot() {
  const [m] = await t.db().select({ n: count() }).from(mailboxes);
  const [w] = await t.db().select({ n: count() }).from(webmailPreferences);
  const [a] = await t.db().select({ n: count() }).from(auditLog);
  return { mailboxes: m!.n, webmail: w!.n, audit: a!.n };
}

/** The problems as `row:column message` lines, the message in English. */
function described(issues: { row: number | null; column: string | null; message: string }[]): string[] {
  return issues.map((i) => `${i.row ?? '-'}:${i.column ?? '-'} ${translate('en', i.message)}`);
}

describe('a good file', () => {
  it('creates every account with the settings of its row, webmail rows and audit rows, in one go', async () => {
    const w = await world({ dav: true, allowSpamToInbox: true }, { dav: true });
    const csv = csvOf(ALL, [
      {
        local_part: ' Ada.Lovelace ',
        first_name: 'Ada',
        last_name: 'Lovelace',
        password: PASSWORD,
        storage: '5 GB',
        services: 'imap smtp dav',
        force_password_change: 'no',
        password_expiry_months: '6',
        block_password_reuse: 'yes',
        password_change_disabled: 'false',
        password_recovery_disabled: '1',
        otp_required: 'yes',
        allowed_ips: '192.0.2.10 10.0.0.0/8',
        api_access: 'yes',
        forwards: 'One@Example.org; two@example.net',
        forward_keep_copy: 'no',
        spam_to_inbox: 'yes',
      },
      // Everything left empty takes the wizard's defaults; a description instead of a name.
      { local_part: 'info', description: 'Front desk' },
      // A cell the export protected from spreadsheets comes back without its apostrophe.
      { local_part: 'sales', first_name: "'=Sales team", storage: String(GB), services: 'none' },
    ]);
    const before = await snapshot();
    const outcome = must(await run(w.A, w.domain.id, csv));
    expect(outcome.created.map((c) => c.address)).toEqual([`ada.lovelace@${w.domain.name}`, `info@${w.domain.name}`, `sales@${w.domain.name}`]);

    const rows = await t.db().select().from(mailboxes).where(eq(mailboxes.domainId, w.domain.id)).orderBy(mailboxes.id);
    const byLocal = new Map(rows.map((r) => [r.localPart, r]));
    expect(byLocal.get('ada.lovelace')).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      quotaBytes: 5 * GB,
      dailySendLimit: 500,
      pop: false,
      imap: true,
      smtp: true,
      webmail: false,
      dav: true,
      forcePasswordChange: false,
      passwordExpiryMonths: 6,
      blockPasswordReuse: true,
      passwordChangeDisabled: false,
      passwordRecoveryDisabled: true,
      otpRequired: true,
      allowedIps: ['192.0.2.10/32', '10.0.0.0/8'].map((ip) => expect.stringContaining(ip.split('/')[0]!)),
      apiAccess: true,
      forwards: ['one@example.org', 'two@example.net'],
      forwardKeepCopy: false,
      spamToInbox: true,
      language: 'en',
      timeZone: 'UTC',
    });
    expect(await bcrypt.compare(PASSWORD, byLocal.get('ada.lovelace')!.passwordHash)).toBe(true);
    // The wizard's defaults: the smallest storage option, every service the domain offers, a forced change.
    expect(byLocal.get('info')).toMatchObject({
      firstName: '',
      description: 'Front desk',
      quotaBytes: GB,
      pop: true,
      imap: true,
      smtp: true,
      webmail: true,
      dav: true,
      activesync: false,
      forcePasswordChange: true,
      passwordExpiryMonths: 0,
      otpRequired: false,
      apiAccess: false,
      allowedIps: [],
      forwards: [],
      forwardKeepCopy: true,
      spamToInbox: false,
    });
    expect(byLocal.get('sales')).toMatchObject({ firstName: '=Sales team', pop: false, imap: false, smtp: false, webmail: false, dav: false });

    // Generated passwords come back once, for the rows without one, and they sign in.
    expect(outcome.generated.map((g) => g.address)).toEqual([`info@${w.domain.name}`, `sales@${w.domain.name}`]);
    for (const { address, password } of outcome.generated) {
      expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
      const row = rows.find((r) => r.address === address)!;
      expect(await bcrypt.compare(password, row.passwordHash)).toBe(true);
    }

    const after = await snapshot();
    expect(after.mailboxes - before.mailboxes).toBe(3);
    expect(after.webmail - before.webmail).toBe(3);
    const audit = await t.db().select().from(auditLog).orderBy(auditLog.id);
    const creations = audit.filter((a) => a.action === 'account.create');
    expect(creations.map((a) => a.targetLabel)).toEqual(outcome.created.map((c) => c.address));
    expect(creations[0]).toMatchObject({ actorAdminId: w.admin.id, ip: IP, domainId: w.domain.id });
    expect(creations[0]!.details).toMatchObject({ source: 'csv-import', passwordGenerated: false, quotaBytes: 5 * GB, services: ['imap', 'smtp', 'dav'] });
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    for (const { password } of outcome.generated) expect(JSON.stringify(audit)).not.toContain(password);
    const summary = audit.find((a) => a.action === 'accounts.import');
    expect(summary).toMatchObject({ targetType: 'domain', targetId: String(w.domain.id), details: { accounts: 3, generatedPasswords: 2, rows: 3, skipped: 0 } });
  });

  it('reads semicolons, a byte-order mark, quoted cells with delimiters and newlines, header names as people write them', async () => {
    const w = await world();
    const csv = '\uFEFFLocal Part;First-Name;Description;Forwards\r\n' + 'anna;"Anna; the first";"two\nlines";"a@example.org;b@example.org"\r\n' + '\r\n' + 'bruno;Bruno;;\r\n';
    const outcome = must(await run(w.A, w.domain.id, csv));
    expect(outcome.rows).toBe(3);
    const [anna] = await t.db().select().from(mailboxes).where(eq(mailboxes.localPart, 'anna'));
    expect(anna).toMatchObject({ firstName: 'Anna; the first', description: 'two\nlines', forwards: ['a@example.org', 'b@example.org'] });
    expect(outcome.created).toHaveLength(2);
  });

  it('lets a postmaster import into its own domain when it may create accounts', async () => {
    const w = await world();
    must(await run(w.PM, w.domain.id, csvOf(['local_part', 'first_name'], [{ local_part: 'pm-made', first_name: 'P' }])));
    const [row] = await t.db().select().from(auditLog).where(eq(auditLog.action, 'accounts.import'));
    expect(row).toMatchObject({ actorMailboxId: w.postmaster.id });
  });
});

describe('a file with bad rows', () => {
  const BAD = csvOf(ALL, [
    { local_part: 'good.one', first_name: 'Good' },
    { local_part: 'has space', first_name: 'X' }, // row 3
    { local_part: 'noname' }, // row 4: neither a first name nor a description
    { local_part: 'shortpw', first_name: 'S', password: 'short' }, // row 5
    { local_part: 'bigbox', first_name: 'B', storage: '3 GB' }, // row 6: not a plan option
    { local_part: 'svc', first_name: 'S', services: 'imap carrier-pigeon' }, // row 7
    { local_part: 'svc2', first_name: 'S', services: 'imap xmpp' }, // row 8: the domain does not offer XMPP
    { local_part: 'flag', first_name: 'F', otp_required: 'maybe' }, // row 9
    { local_part: 'ips', first_name: 'I', allowed_ips: '1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4 5.5.5.5 6.6.6.6' }, // row 10
    { local_part: 'fwd', first_name: 'F', forwards: 'not-an-address' }, // row 11
    { local_part: 'spam', first_name: 'S', spam_to_inbox: 'yes' }, // row 12: the plan does not allow it
    { local_part: 'postmaster', first_name: 'P' }, // row 13: reserved
    { local_part: 'exp', first_name: 'E', password_expiry_months: '5' }, // row 14
    { local_part: 'self', first_name: 'S', forwards: 'self@DOMAIN' }, // row 15: forwarding to itself
  ]);

  it('writes nothing, names each bad row with its column and a message, and the preview says the same', async () => {
    const w = await world();
    const csv = BAD.replace('self@DOMAIN', `self@${w.domain.name}`);
    const before = await snapshot();
    const outcome = await run(w.A, w.domain.id, csv);
    expect(outcome.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
    expect(outcome.issueCount).toBe(13);
    expect(described(outcome.issues)).toEqual([
      '3:local_part An address cannot contain spaces.',
      '4:first_name Enter a first name, or a description for an address that is not personal.',
      '5:password The password must be at least 12 characters long.',
      '6:storage Choose one of the plan’s storage options.',
      '7:services Unknown service “carrier-pigeon”. Use pop imap smtp webmail activesync dav xmpp, or none.',
      '8:services This service is not enabled for the domain.',
      '9:otp_required Write yes or no.',
      '10:allowed_ips At most 5 addresses or classes.',
      '11:forwards “not-an-address” is not a valid email address.',
      '12:spam_to_inbox The plan does not offer delivering spam to Inbox.',
      '13:local_part postmaster@ is reserved for the domain’s postmaster.',
      '14:password_expiry_months This value is not valid.',
      '15:forwards Mail cannot be forwarded to the account itself.',
    ]);
    expect(outcome.accounts).toBe(14);

    const checked = await preview(w.A, w.domain.id, csv);
    expect(checked.issues).toEqual(outcome.issues);
    expect(await snapshot()).toEqual(before);
  });

  it('speaks the caller’s language', async () => {
    const w = await world();
    const italian: Caller = { ...w.A, language: 'it' };
    const outcome = await run(italian, w.domain.id, csvOf(['local_part', 'first_name', 'otp_required'], [{ local_part: 'x', first_name: 'X', otp_required: 'forse' }]));
    expect(outcome.ok).toBe(false);
    expect(outcome.issues.map((i) => translate('it', i.message))).toEqual(['Scrivi yes o no.']);
  });

  it('refuses a header with an unknown or repeated column, or without local_part', async () => {
    const w = await world();
    const before = await snapshot();
    const unknown = await run(w.A, w.domain.id, 'local_part,frist_name\nanna,Anna\n');
    expect(described(unknown.issues)).toEqual(['1:frist_name Unknown column “frist_name”. The columns an import reads are listed on the import page.']);
    const twice = await run(w.A, w.domain.id, 'local_part,first_name,First Name\nanna,Anna,Anna\n');
    expect(twice.issues).toEqual([{ row: 1, column: 'first_name', message: expect.stringContaining('accountImport.errors.duplicateColumn') }]);
    const without = await run(w.A, w.domain.id, 'first_name\nAnna\n');
    expect(without.issues).toEqual([{ row: 1, column: 'local_part', message: 'accountImport.errors.missingColumn' }]);
    const empty = await run(w.A, w.domain.id, 'local_part,first_name\n\n');
    expect(empty.issues).toEqual([{ row: null, column: null, message: 'accountImport.errors.empty' }]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a row with more cells than the header (a delimiter inside an unquoted cell) and a file that is not CSV or not UTF-8', async () => {
    const w = await world();
    const before = await snapshot();
    const shifted = await run(w.A, w.domain.id, 'local_part,first_name\nanna,Rossi, Anna\nbruno,Bruno\n');
    expect(described(shifted.issues)).toEqual(['2:- This row has 3 cells where the header has 2.']);
    const quote = await run(w.A, w.domain.id, 'local_part,first_name\nanna,"Anna\nbruno,Bruno\n');
    expect(quote.issues).toEqual([{ row: null, column: null, message: expect.stringContaining('accountImport.errors.notCsv') }]);
    const latin1 = await run(w.A, w.domain.id, Buffer.concat([Buffer.from('local_part,first_name\nnicolo,Nicol'), Buffer.from([0xf2]), Buffer.from('\n')]));
    expect(latin1.issues).toEqual([{ row: null, column: null, message: 'accountImport.errors.encoding' }]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('limits', () => {
  it('refuses more accounts than the domain has room for, counting every row of the file', async () => {
    // 2 mailboxes already (the postmaster counts): room for 3 more.
    const w = await world({ maxAccounts: 5 });
    const before = await snapshot();
    const rows = ['a', 'b', 'c', 'd'].map((l) => ({ local_part: l, first_name: l }));
    const outcome = await run(w.A, w.domain.id, csvOf(['local_part', 'first_name'], rows));
    expect(described(outcome.issues)).toEqual([
      '-:- Accounts in the file: 4. Room left in the domain: 3 (its plan allows 5 accounts, the postmaster included).',
    ]);
    expect(await snapshot()).toEqual(before);
    must(await run(w.A, w.domain.id, csvOf(['local_part', 'first_name'], rows.slice(0, 3))));
    const full = await run(w.A, w.domain.id, csvOf(['local_part', 'first_name'], [{ local_part: 'e', first_name: 'e' }]));
    expect(described(full.issues)[0]).toContain('already has 5 of the 5 accounts');
  });

  it('refuses when the rows together need more storage than the domain has left, even if each fits alone', async () => {
    // 12 GB per domain; 1 GB + 50 MB allocated: each 5 GB row fits, three do not.
    const w = await world({ domainStorageBytes: 12 * GB });
    const before = await snapshot();
    const rows = ['a', 'b', 'c'].map((l) => ({ local_part: l, first_name: l, storage: '5 GB' }));
    const outcome = await run(w.A, w.domain.id, csvOf(['local_part', 'first_name', 'storage'], rows));
    expect(described(outcome.issues)).toEqual(['-:storage Together these accounts need 15 GB of storage, but the domain has 11 GB left.']);
    expect(await snapshot()).toEqual(before);
    must(await run(w.A, w.domain.id, csvOf(['local_part', 'first_name', 'storage'], rows.slice(0, 2))));
  });

  it('refuses an address twice in the file (naming both rows) and one the domain already has', async () => {
    const w = await world();
    await insertMailbox(t.db(), w.domain, 'taken');
    const before = await snapshot();
    const outcome = await run(
      w.A,
      w.domain.id,
      csvOf(['local_part', 'first_name'], [
        { local_part: 'anna', first_name: 'A' },
        { local_part: 'taken', first_name: 'T' },
        { local_part: 'ANNA', first_name: 'A again' },
      ]),
    );
    expect(described(outcome.issues)).toEqual([
      `3:local_part taken@${w.domain.name} already exists. Choose another address.`,
      `4:local_part anna@${w.domain.name} is also on row 2 of this file.`,
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file over 10 MB or over 10,000 accounts, with a clear message, without reading on', async () => {
    const w = await world({ maxAccounts: 20_000, domainStorageBytes: 100_000 * GB });
    const before = await snapshot();
    let sent = 0;
    async function* huge(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('local_part,first_name,description\n');
      const line = Buffer.from(`x,X,${'d'.repeat(2_000)}\n`);
      for (let i = 0; i < 100_000; i++) {
        sent += line.byteLength;
        yield line;
      }
    }
    const big = await importAccounts({ caller: w.A, ip: IP, domainId: w.domain.id, input: huge() });
    expect(described(big.issues)).toEqual(['-:- The file is larger than 10 MB. Split it into smaller files.']);
    // It stopped at the limit rather than reading the 19 MB on offer.
    expect(sent).toBeLessThan(10.1 * MB);

    const many = csvOf(['local_part', 'first_name'], Array.from({ length: 10_001 }, (_, i) => ({ local_part: `u${i}`, first_name: 'U' })));
    const tooMany = await run(w.A, w.domain.id, many);
    expect(described(tooMany.issues)).toEqual(['-:- The file has more than 10,000 accounts. Split it into smaller files.']);
    expect(await snapshot()).toEqual(before);
  }, 60_000);

  it('checks again under the lock: an address taken while the passwords were being hashed refuses the whole file', async () => {
    const w = await world();
    const before = await snapshot();
    let intruded = false;
    const outcome = await importAccounts({
      caller: w.A,
      ip: IP,
      domainId: w.domain.id,
      input: chunked(csvOf(['local_part', 'first_name'], [{ local_part: 'first', first_name: 'F' }, { local_part: 'second', first_name: 'S' }])),
      // Someone else creates the second address while the passwords are being hashed.
      limiter: async (task) => {
        if (!intruded) {
          intruded = true;
          await insertMailbox(t.db(), w.domain, 'second');
        }
        return task();
      },
    });
    expect(intruded).toBe(true);
    expect(described(outcome.issues)).toEqual([`3:local_part second@${w.domain.name} already exists. Choose another address.`]);
    const after = await snapshot();
    // Only the intruder's mailbox: nothing of the import.
    expect(after.mailboxes).toBe(before.mailboxes + 1);
    expect(after.audit).toBe(before.audit);
  });
});

describe('the preview', () => {
  it('hashes nothing and writes nothing, and lists what would be created', async () => {
    const w = await world();
    const hash = vi.spyOn(bcrypt, 'hash');
    const before = await snapshot();
    const checked = await preview(
      w.A,
      w.domain.id,
      csvOf(['local_part', 'first_name', 'last_name', 'password', 'storage'], [
        { local_part: 'anna', first_name: 'Anna', last_name: 'Rossi', password: PASSWORD, storage: '5 GB' },
        { local_part: 'bruno', first_name: 'Bruno' },
      ]),
    );
    expect(hash).not.toHaveBeenCalled();
    expect(await snapshot()).toEqual(before);
    expect(checked).toMatchObject({ rows: 2, accounts: 2, issues: [], issueCount: 0, skipped: [] });
    expect(checked.sample).toEqual([
      { row: 2, address: `anna@${w.domain.name}`, name: 'Anna Rossi', quotaBytes: 5 * GB, services: ['pop', 'imap', 'smtp', 'webmail'], passwordGenerated: false },
      { row: 3, address: `bruno@${w.domain.name}`, name: 'Bruno', quotaBytes: GB, services: ['pop', 'imap', 'smtp', 'webmail'], passwordGenerated: true },
    ]);
  });

  it('skips the postmaster row of an export', async () => {
    const w = await world();
    const checked = await preview(w.A, w.domain.id, csvOf(['postmaster', 'local_part', 'first_name'], [
      { postmaster: 'yes', local_part: 'postmaster', first_name: '' },
      { postmaster: 'no', local_part: 'anna', first_name: 'Anna' },
    ]));
    expect(checked).toMatchObject({ rows: 2, accounts: 1, skipped: [2], issues: [] });
  });
});

describe('who may import, and where', () => {
  const CSV = csvOf(['local_part', 'first_name'], [{ local_part: 'intruder', first_name: 'I' }]);

  it('another admin, the postmaster of another domain: not found; a user: refused; nothing written', async () => {
    const w = await world();
    const otherAdmin = adminCaller(await insertAdmin(t.db()));
    const otherPlan = await insertPlan(t.db());
    const otherDomain = await insertDomain(t.db(), { adminId: w.admin.id, planId: otherPlan.id });
    const otherPm = postmasterCaller(await insertMailbox(t.db(), otherDomain, 'postmaster', { isPostmaster: true, quotaBytes: 50 * MB }));
    const user = userCaller(w.mailbox);
    const before = await snapshot();

    for (const caller of [otherAdmin, otherPm]) {
      await expect(run(caller, w.domain.id, CSV)).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(preview(caller, w.domain.id, CSV)).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    }
    await expect(run(user, w.domain.id, CSV)).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    await expect(preview(user, w.domain.id, CSV)).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    // A domain that does not exist looks the same as one out of reach.
    await expect(run(w.A, 999_999, CSV)).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await snapshot()).toEqual(before);
  });

  it('a postmaster its admin did not allow to create accounts, and a deactivated domain, are told why', async () => {
    const w = await world({}, { pmCanCreate: false });
    const before = await snapshot();
    const pm = await run(w.PM, w.domain.id, CSV);
    expect(described(pm.issues)).toEqual(['-:- The domain’s admin has not allowed its postmaster to create accounts.']);
    await t.db().update(domains).set({ active: false }).where(eq(domains.id, w.domain.id));
    const inactive = await run(w.A, w.domain.id, CSV);
    expect(described(inactive.issues)[0]).toContain('is deactivated');
    expect(await snapshot()).toEqual(before);
    // The database agrees nothing of the import is there.
    const [row] = await t.db().select({ n: count() }).from(mailboxes).where(sql`${mailboxes.localPart} = 'intruder'`);
    expect(row!.n).toBe(0);
  });
});
