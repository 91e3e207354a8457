import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, domains, mailboxes, mailboxUsage, plans } from '@/db/schema';
import { exportAccountsCsv } from '@/lib/accounts/export/export-accounts';
import { importAccounts } from '@/lib/accounts/import/import-accounts';
import type { Caller } from '@/lib/auth/caller';

import { GB } from '@/lib/mail/services';
import { adminCaller, postmasterCaller, superadminCaller, userCaller } from './helpers/callers';
import { chunked, readAll } from './helpers/csv';
import { resetTables, useTestDatabase } from './helpers/db';
import { BCRYPT_HASH, createFixture, insertAdmin, insertDomain, insertMailbox, mailboxValues, POSTMASTER_QUOTA_BYTES } from './helpers/fixtures';

const t = useTestDatabase();

beforeEach(() => resetTables(t.db()));

async function exported(caller: Caller, domainId?: number) {
  const { filename, body } = await exportAccountsCsv({ caller, domainId, now: new Date('2026-11-21T10:00:00Z') });
  const text = await readAll(body);
  const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
  return { filename, text, rows };
}

/** Two admins: A with two domains (one a deactivated one), B with one; every domain with a postmaster. */
async function world() {
  const a = await createFixture(t.db());
  const second = await insertDomain(t.db(), { adminId: a.admin.id, planId: a.plan.id }, { name: 'second-a.example' });
  await insertMailbox(t.db(), second, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES });
  await insertMailbox(t.db(), second, 'zeta', { active: false });
  const bAdmin = await insertAdmin(t.db());
  const bDomain = await insertDomain(t.db(), { adminId: bAdmin.id, planId: a.plan.id }, { name: 'b-domain.example' });
  const bPostmaster = await insertMailbox(t.db(), bDomain, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES });
  await insertMailbox(t.db(), bDomain, 'bee');
  const root = superadminCaller(await insertAdmin(t.db(), { role: 'superadmin' }));
  return { a, second, A: adminCaller(a.admin), bDomain, B: adminCaller(bAdmin), bPm: postmasterCaller(bPostmaster), root };
}

describe('what an export holds', () => {
  it('the list’s columns, then every column an import reads; settings written as the import reads them; no password', async () => {
    const w = await world();
    const [row] = await t
      .db()
      .update(mailboxes)
      .set({
        firstName: 'Ada',
        lastName: 'Lovelace',
        quotaBytes: 5 * GB,
        pop: false,
        dav: true,
        passwordExpiryMonths: 6,
        otpRequired: true,
        allowedIps: ['192.0.2.10', '10.0.0.0/8'],
        apiAccess: true,
        forwards: ['one@example.org', 'two@example.net'],
        forwardKeepCopy: false,
        lastPanelLoginAt: new Date('2026-11-20T08:30:00Z'),
      })
      .where(eq(mailboxes.id, w.a.mailbox.id))
      .returning();
    await t.db().insert(mailboxUsage).values({ address: row!.address, storageBytes: 123_456, messages: 3 });

    const { filename, text, rows } = await exported(w.A, w.a.domain.id);
    expect(filename).toBe(`email-accounts-${w.a.domain.name}-2026-11-21.csv`);
    expect(text.startsWith('\uFEFFstatus,address,storage_used,last_access,sent_24h,domain,postmaster,local_part,first_name,last_name,description,password,storage,services,')).toBe(true);
    expect(rows.map((r) => r.local_part)).toEqual(['postmaster', w.a.mailbox.localPart].sort());
    const ada = rows.find((r) => r.local_part === w.a.mailbox.localPart)!;
    expect(ada).toEqual({
      status: 'online',
      address: row!.address,
      storage_used: '123456',
      last_access: '2026-11-20T08:30:00.000Z',
      sent_24h: '0',
      domain: w.a.domain.name,
      postmaster: 'no',
      local_part: w.a.mailbox.localPart,
      first_name: 'Ada',
      last_name: 'Lovelace',
      description: '',
      password: '',
      storage: '5 GB',
      services: 'imap smtp webmail dav',
      force_password_change: 'no',
      password_expiry_months: '6',
      block_password_reuse: 'no',
      password_change_disabled: 'no',
      password_recovery_disabled: 'no',
      otp_required: 'yes',
      allowed_ips: '192.0.2.10 10.0.0.0/8',
      api_access: 'yes',
      forwards: 'one@example.org two@example.net',
      forward_keep_copy: 'no',
      spam_to_inbox: 'no',
    });
    expect(rows.find((r) => r.local_part === 'postmaster')).toMatchObject({ postmaster: 'yes', storage: '50 MB' });
    expect(text).not.toContain(BCRYPT_HASH);
  });

  it('writes a cell a spreadsheet would run as a formula as text', async () => {
    const w = await world();
    await t
      .db()
      .update(mailboxes)
      .set({ firstName: '=HYPERLINK("http://evil.example","x")', lastName: '+1+2', description: '@SUM(A1)' })
      .where(eq(mailboxes.id, w.a.mailbox.id));
    await insertMailbox(t.db(), w.a.domain, 'minus', { firstName: '-2+3', description: '\t=1+1' });
    const { rows } = await exported(w.A, w.a.domain.id);
    const one = rows.find((r) => r.local_part === w.a.mailbox.localPart)!;
    expect([one.first_name, one.last_name, one.description]).toEqual(["'=HYPERLINK(\"http://evil.example\",\"x\")", "'+1+2", "'@SUM(A1)"]);
    const minus = rows.find((r) => r.local_part === 'minus')!;
    expect([minus.first_name, minus.description]).toEqual(["'-2+3", "'\t=1+1"]);
    for (const cell of rows.flatMap((r) => Object.values(r))) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('whose accounts', () => {
  it('an admin exports its own domains’ accounts only; the superadmin every domain’s; a postmaster its own domain’s', async () => {
    const w = await world();
    const addresses = async (caller: Caller, domainId?: number) => (await exported(caller, domainId)).rows.map((r) => r.address);

    // By domain name, then by address.
    expect(await addresses(w.A)).toEqual([`postmaster@${w.a.domain.name}`, w.a.mailbox.address, 'postmaster@second-a.example', 'zeta@second-a.example']);
    expect(await addresses(w.B)).toEqual(['bee@b-domain.example', 'postmaster@b-domain.example']);
    expect(await addresses(w.bPm)).toEqual(['bee@b-domain.example', 'postmaster@b-domain.example']);
    expect((await addresses(w.root)).length).toBe(6);
    // A deactivated account reads Offline.
    expect((await exported(w.A, w.second.id)).rows.find((r) => r.local_part === 'zeta')?.status).toBe('offline');
  });

  it('another admin’s domain, another domain’s postmaster: not found; a user: refused; an id that is no id: not found', async () => {
    const w = await world();
    await expect(exportAccountsCsv({ caller: w.B, domainId: w.a.domain.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(exportAccountsCsv({ caller: w.bPm, domainId: w.a.domain.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(exportAccountsCsv({ caller: userCaller(w.a.mailbox) })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    await expect(exportAccountsCsv({ caller: userCaller(w.a.mailbox), domainId: w.a.domain.id })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    for (const id of [0, -1, 1.5, 2 ** 31, 999_999]) await expect(exportAccountsCsv({ caller: w.A, domainId: id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
  });

  it('reads in keyset pages: every account of a large domain once, in address order, and every one of many domains', async () => {
    const w = await world();
    const many = Array.from({ length: 2_345 }, (_, i) => mailboxValues(w.a.domain, `bulk${String(i).padStart(5, '0')}`));
    for (let i = 0; i < many.length; i += 500) await t.db().insert(mailboxes).values(many.slice(i, i + 500));
    const { rows } = await exported(w.A, w.a.domain.id);
    const locals = rows.map((r) => r.local_part);
    expect(locals).toHaveLength(2_345 + 2);
    expect(new Set(locals).size).toBe(locals.length);
    expect(locals).toEqual([...locals].sort());

    for (let i = 0; i < 105; i++) {
      const d = await insertDomain(t.db(), { adminId: w.a.admin.id, planId: w.a.plan.id }, { name: `many${String(i).padStart(3, '0')}.example` });
      await insertMailbox(t.db(), d, 'only');
    }
    const all = await exported(w.A);
    expect(all.rows.filter((r) => r.local_part === 'only')).toHaveLength(105);
    expect(all.rows).toHaveLength(2_347 + 2 + 105);
  }, 60_000);
});

describe('round trip', () => {
  it('an export imports into another domain as it is, minus the passwords (generated) and the postmaster (skipped)', async () => {
    const w = await world();
    await t.db().update(plans).set({ dav: true, allowSpamToInbox: true }).where(eq(plans.id, w.a.plan.id));
    await t.db().update(domains).set({ dav: true }).where(eq(domains.id, w.a.domain.id));
    await t.db().update(domains).set({ dav: true }).where(eq(domains.id, w.second.id));
    await insertMailbox(t.db(), w.a.domain, 'grace', {
      firstName: '=Grace',
      lastName: 'Hopper',
      description: 'Rear admiral, "Amazing Grace"; COBOL',
      quotaBytes: 5 * GB,
      pop: false,
      dav: true,
      forcePasswordChange: false,
      passwordExpiryMonths: 12,
      blockPasswordReuse: true,
      passwordChangeDisabled: true,
      passwordRecoveryDisabled: true,
      otpRequired: true,
      allowedIps: ['2001:db8::/32', '192.0.2.7', '10.1.0.0/32', '2001:db8::1'],
      apiAccess: true,
      forwards: ['navy@example.org'],
      forwardKeepCopy: false,
      spamToInbox: true,
    });
    await insertMailbox(t.db(), w.a.domain, 'info', { description: 'Front desk', passwordHash: BCRYPT_HASH });
    // The wizard never creates an account without a first name or a description.
    await t.db().update(mailboxes).set({ firstName: 'Ursula' }).where(eq(mailboxes.id, w.a.mailbox.id));
    const { text } = await exported(w.A, w.a.domain.id);

    const outcome = await importAccounts({ caller: w.A, ip: null, domainId: w.second.id, input: chunked(text, 64) });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
    // grace, info, postmaster (row 4), the fixture's user: by address.
    expect(outcome.skipped).toEqual([4]);
    expect(outcome.created.map((c) => c.address).sort()).toEqual(['grace@second-a.example', 'info@second-a.example', `${w.a.mailbox.localPart}@second-a.example`].sort());
    expect(outcome.generated).toHaveLength(3);

    const settings = (row: typeof mailboxes.$inferSelect) => {
      const { id: _i, domainId: _d, address: _a, passwordHash: _h, passwordChangedAt: _p, createdAt: _c, updatedAt: _u, searchText: _s, ...rest } = row;
      return rest;
    };
    const source = await t.db().select().from(mailboxes).where(eq(mailboxes.domainId, w.a.domain.id));
    const copied = await t.db().select().from(mailboxes).where(eq(mailboxes.domainId, w.second.id));
    for (const local of ['grace', 'info', w.a.mailbox.localPart]) {
      const before = source.find((r) => r.localPart === local)!;
      const after = copied.find((r) => r.localPart === local)!;
      expect(settings(after)).toEqual(settings(before));
    }
    const audit = await t.db().select().from(auditLog).where(eq(auditLog.action, 'accounts.import'));
    expect(audit).toHaveLength(1);
  });
});
