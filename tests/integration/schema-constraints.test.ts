import { eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  admins,
  auditLog,
  autoresponders,
  domains,
  mailboxLastLogin,
  mailboxSent,
  mailboxUsage,
  mailboxes,
  passwordHistory,
  plans,
  webmailPreferences,
} from '@/db/schema';
import { resetTables, useTestDatabase } from './helpers/db';
import { SQLSTATE, violationOf } from './helpers/errors';
import {
  BCRYPT_HASH,
  GIB,
  POSTMASTER_QUOTA_BYTES,
  createFixture,
  insertAdmin,
  insertDomain,
  insertMailbox,
  insertPlan,
  mailboxValues,
} from './helpers/fixtures';

const testDb = useTestDatabase();
const db = () => testDb.db();

beforeEach(async () => {
  await resetTables(db());
});

/** The statement must be refused by the database, naming `constraint`. */
async function expectRefused(
  statement: PromiseLike<unknown>,
  code: string | readonly string[],
  constraint: string,
): Promise<void> {
  const violation = await violationOf(statement);
  expect(typeof code === 'string' ? [code] : code).toContain(violation.code);
  expect(violation.constraint).toBe(constraint);
  expect(violation.message).toContain(`"${constraint}"`);
}

// A delete refused by ON DELETE RESTRICT; the SQLSTATE depends on the server version.
const RESTRICTED = [SQLSTATE.restrictViolation, SQLSTATE.foreignKeyViolation] as const;

const ips = (count: number) => Array.from({ length: count }, (_, i) => `192.0.2.${i + 1}/32`);
const forwards = (count: number) => Array.from({ length: count }, (_, i) => `copy${i}@elsewhere.example`);

describe(`database constraints (${testDb.kind})`, () => {
  describe('mailboxes', () => {
    it('accepts 5 allowed IPs and refuses a 6th', async () => {
      const { domain } = await createFixture(db());
      const five = await insertMailbox(db(), domain, 'five', { allowedIps: ips(5) });
      expect(five.allowedIps).toHaveLength(5);

      await expectRefused(
        db().insert(mailboxes).values({ ...mailboxValues(domain, 'six'), allowedIps: ips(6) }),
        SQLSTATE.checkViolation,
        'mailboxes_allowed_ips_max',
      );
      await expectRefused(
        db().update(mailboxes).set({ allowedIps: ips(6) }).where(eq(mailboxes.id, five.id)),
        SQLSTATE.checkViolation,
        'mailboxes_allowed_ips_max',
      );
    });

    it('accepts 20 forwards and refuses a 21st', async () => {
      const { domain, mailbox } = await createFixture(db());
      const [updated] = await db()
        .update(mailboxes)
        .set({ forwards: forwards(20) })
        .where(eq(mailboxes.id, mailbox.id))
        .returning();
      expect(updated?.forwards).toHaveLength(20);

      await expectRefused(
        db().update(mailboxes).set({ forwards: forwards(21) }).where(eq(mailboxes.id, mailbox.id)),
        SQLSTATE.checkViolation,
        'mailboxes_forwards_max',
      );
      await expectRefused(
        db().insert(mailboxes).values({ ...mailboxValues(domain, 'many'), forwards: forwards(21) }),
        SQLSTATE.checkViolation,
        'mailboxes_forwards_max',
      );
    });

    it.each([
      ['a space', 'john doe'],
      ['a tab', 'john\tdoe'],
      // The address is chosen so that only the local-part check is broken.
      ['an @', 'john@doe', 'john@doe@doe'],
      // Upper case breaks the address check too, which Postgres evaluates first (by name).
      ['upper case', 'John', undefined, 'mailboxes_address_shape'],
      ['65 characters', 'a'.repeat(65)],
      ['nothing', ''],
    ])('refuses a local part with %s', async (_label, localPart, address?: string, constraint?: string) => {
      const { domain } = await createFixture(db());
      const values = { ...mailboxValues(domain, 'placeholder'), localPart, address: address ?? `${localPart}@${domain.name}` };
      await expectRefused(
        db().insert(mailboxes).values(values),
        SQLSTATE.checkViolation,
        constraint ?? 'mailboxes_local_part_shape',
      );
    });

    it('accepts a local part of exactly 64 characters', async () => {
      const { domain } = await createFixture(db());
      const row = await insertMailbox(db(), domain, 'a'.repeat(64));
      expect(row.localPart).toHaveLength(64);
      expect(row.address).toBe(`${'a'.repeat(64)}@${domain.name}`);
    });

    it('refuses an address that does not start with its local part', async () => {
      const { domain } = await createFixture(db());
      await expectRefused(
        db()
          .insert(mailboxes)
          .values({ ...mailboxValues(domain, 'sales'), address: `info@${domain.name}` }),
        SQLSTATE.checkViolation,
        'mailboxes_address_shape',
      );
    });

    it('refuses a duplicate full address', async () => {
      const first = await createFixture(db());
      const other = await insertDomain(db(), { adminId: first.admin.id, planId: first.plan.id });
      // Same address, but under another domain id, so only the address key can catch it.
      await expectRefused(
        db()
          .insert(mailboxes)
          .values({ ...mailboxValues(other, first.mailbox.localPart), address: first.mailbox.address }),
        SQLSTATE.uniqueViolation,
        'mailboxes_address_key',
      );
    });

    it('refuses the same local part twice in one domain', async () => {
      const { domain, mailbox } = await createFixture(db());
      const violation = await violationOf(db().insert(mailboxes).values(mailboxValues(domain, mailbox.localPart)));
      expect(violation.code).toBe(SQLSTATE.uniqueViolation);
      // Both unique keys are broken here; Postgres reports whichever index it checks first.
      expect(['mailboxes_address_key', 'mailboxes_domain_local_part_key']).toContain(violation.constraint);
      const rows = await db().select().from(mailboxes).where(eq(mailboxes.address, mailbox.address));
      expect(rows).toHaveLength(1);
    });

    it.each([
      ['bcrypt $2a$', '$2a$10$CwTycUXWue0Thq9StjUM0uJ8.yKHRvHjNOTxPoCWjuGmRa8wYy7dK'],
      ['SHA-512 crypt', '$6$rounds=5000$salt$hash'],
      ['plain text', 'secret'],
    ])('refuses a %s password hash', async (_label, passwordHash) => {
      const { domain, admin } = await createFixture(db());
      await expectRefused(
        db()
          .insert(mailboxes)
          .values({ ...mailboxValues(domain, 'weak'), passwordHash }),
        SQLSTATE.checkViolation,
        'mailboxes_password_bcrypt',
      );
      await expectRefused(
        db().update(admins).set({ passwordHash }).where(eq(admins.id, admin.id)),
        SQLSTATE.checkViolation,
        'admins_password_bcrypt',
      );
    });

    it('refuses a second postmaster in one domain', async () => {
      const { domain, postmaster } = await createFixture(db());
      expect(postmaster.isPostmaster).toBe(true);
      const violation = await violationOf(
        db()
          .insert(mailboxes)
          .values({ ...mailboxValues(domain, 'postmaster'), isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES }),
      );
      expect(violation.code).toBe(SQLSTATE.uniqueViolation);
      // A postmaster must be `postmaster@`, so (domain, local part) is broken as well as the one-postmaster
      // index; Postgres names the first unique index it checks.
      expect([
        'mailboxes_one_postmaster_per_domain',
        'mailboxes_domain_local_part_key',
        'mailboxes_address_key',
      ]).toContain(violation.constraint);
      const rows = await db().select().from(mailboxes).where(eq(mailboxes.domainId, domain.id));
      expect(rows.filter((row) => row.isPostmaster)).toHaveLength(1);
    });

    it('refuses a postmaster whose quota is not 50 MB, or who is not postmaster@', async () => {
      const admin = await insertAdmin(db());
      const plan = await insertPlan(db());
      const domain = await insertDomain(db(), { adminId: admin.id, planId: plan.id });
      await expectRefused(
        db()
          .insert(mailboxes)
          .values({ ...mailboxValues(domain, 'postmaster'), isPostmaster: true, quotaBytes: GIB }),
        SQLSTATE.checkViolation,
        'mailboxes_postmaster_fixed',
      );
      await expectRefused(
        db()
          .insert(mailboxes)
          .values({ ...mailboxValues(domain, 'boss'), isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES }),
        SQLSTATE.checkViolation,
        'mailboxes_postmaster_fixed',
      );
      const postmaster = await insertMailbox(db(), domain, 'postmaster', {
        isPostmaster: true,
        quotaBytes: POSTMASTER_QUOTA_BYTES,
      });
      await expectRefused(
        db().update(mailboxes).set({ quotaBytes: POSTMASTER_QUOTA_BYTES + 1 }).where(eq(mailboxes.id, postmaster.id)),
        SQLSTATE.checkViolation,
        'mailboxes_postmaster_fixed',
      );
    });
  });

  describe('admins', () => {
    it('refuses a second superadmin', async () => {
      await insertAdmin(db(), { role: 'superadmin' });
      await expectRefused(
        db().insert(admins).values({ email: 'second@example.net', role: 'superadmin', passwordHash: BCRYPT_HASH }),
        SQLSTATE.uniqueViolation,
        'admins_one_superadmin',
      );
      const other = await insertAdmin(db(), { role: 'admin' });
      await expectRefused(
        db().update(admins).set({ role: 'superadmin' }).where(eq(admins.id, other.id)),
        SQLSTATE.uniqueViolation,
        'admins_one_superadmin',
      );
      const superadmins = await db().select().from(admins).where(eq(admins.role, 'superadmin'));
      expect(superadmins).toHaveLength(1);
    });
  });

  describe('domains', () => {
    it.each([
      ['upper case', 'Example.com'],
      ['a leading dash', '-example.com'],
      ['a label with a leading dash', 'mail.-example.com'],
      ['a trailing dash', 'example-.com'],
      ['no dot', 'localhost'],
      ['254 characters', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`],
      ['a space', 'exa mple.com'],
    ])('refuses a name with %s', async (_label, name) => {
      const admin = await insertAdmin(db());
      const plan = await insertPlan(db());
      await expectRefused(
        db().insert(domains).values({ name, adminId: admin.id, planId: plan.id }),
        SQLSTATE.checkViolation,
        'domains_name_shape',
      );
    });

    it('accepts a name of exactly 253 characters', async () => {
      const admin = await insertAdmin(db());
      const plan = await insertPlan(db());
      const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
      expect(name).toHaveLength(253);
      const domain = await insertDomain(db(), { adminId: admin.id, planId: plan.id }, { name });
      expect(domain.name).toBe(name);
    });

    it('refuses to delete a plan in use, but deletes an unused one', async () => {
      const { plan } = await createFixture(db());
      const unused = await insertPlan(db());
      await expectRefused(
        db().delete(plans).where(eq(plans.id, plan.id)),
        RESTRICTED,
        'domains_plan_id_plans_id_fk',
      );
      expect(await db().select().from(plans).where(eq(plans.id, plan.id))).toHaveLength(1);

      await db().delete(plans).where(eq(plans.id, unused.id));
      expect(await db().select().from(plans).where(eq(plans.id, unused.id))).toHaveLength(0);
    });

    it('refuses to delete an admin that still owns domains', async () => {
      const { admin } = await createFixture(db());
      await expectRefused(
        db().delete(admins).where(eq(admins.id, admin.id)),
        RESTRICTED,
        'domains_admin_id_admins_id_fk',
      );
    });

    it("deleting a domain removes its mailboxes and everything hanging off them, and nothing else", async () => {
      const doomed = await createFixture(db());
      const kept = await createFixture(db());
      for (const { mailbox } of [doomed, kept]) {
        await db().insert(autoresponders).values({ mailboxId: mailbox.id, enabled: true, subject: 'Away' });
        await db().insert(webmailPreferences).values({ mailboxId: mailbox.id, language: 'it' });
        await db().insert(mailboxUsage).values({ address: mailbox.address, storageBytes: 1_000, messages: 3 });
        await db().insert(mailboxLastLogin).values({ address: mailbox.address, imap: 1_700_000_000 });
        await db().insert(mailboxSent).values({ address: mailbox.address, bucket: new Date(), messages: 2 });
        await db().insert(passwordHistory).values({ mailboxId: mailbox.id, passwordHash: BCRYPT_HASH });
      }

      await db().delete(domains).where(eq(domains.id, doomed.domain.id));

      const doomedIds = [doomed.mailbox.id, doomed.postmaster.id];
      const doomedAddresses = [doomed.mailbox.address, doomed.postmaster.address];
      expect(await db().select().from(mailboxes).where(eq(mailboxes.domainId, doomed.domain.id))).toEqual([]);
      expect(await db().select().from(autoresponders).where(inArray(autoresponders.mailboxId, doomedIds))).toEqual([]);
      expect(
        await db().select().from(webmailPreferences).where(inArray(webmailPreferences.mailboxId, doomedIds)),
      ).toEqual([]);
      expect(await db().select().from(mailboxUsage).where(inArray(mailboxUsage.address, doomedAddresses))).toEqual([]);
      expect(
        await db().select().from(mailboxLastLogin).where(inArray(mailboxLastLogin.address, doomedAddresses)),
      ).toEqual([]);
      expect(await db().select().from(mailboxSent).where(inArray(mailboxSent.address, doomedAddresses))).toEqual([]);
      expect(await db().select().from(passwordHistory).where(inArray(passwordHistory.mailboxId, doomedIds))).toEqual(
        [],
      );

      // The other domain's rows are untouched.
      expect(await db().select().from(mailboxes).where(eq(mailboxes.domainId, kept.domain.id))).toHaveLength(2);
      expect(await db().select().from(autoresponders)).toHaveLength(1);
      expect(await db().select().from(webmailPreferences)).toHaveLength(1);
      expect(await db().select().from(mailboxUsage)).toEqual([
        { address: kept.mailbox.address, storageBytes: 1_000, messages: 3 },
      ]);
      expect(await db().select().from(mailboxLastLogin)).toHaveLength(1);
      expect(await db().select().from(mailboxSent)).toHaveLength(1);
      expect(await db().select().from(passwordHistory)).toHaveLength(1);
    });
  });

  describe('audit log', () => {
    it('keeps the row when its actor mailbox is deleted, clearing only the reference', async () => {
      const { domain, mailbox } = await createFixture(db());
      const [entry] = await db()
        .insert(auditLog)
        .values({
          actorMailboxId: mailbox.id,
          actorLabel: mailbox.address,
          ip: '198.51.100.7',
          action: 'mailbox.password_changed',
          targetType: 'mailbox',
          targetId: String(mailbox.id),
          targetLabel: mailbox.address,
          domainId: domain.id,
          domainName: domain.name,
        })
        .returning();
      expect(entry?.actorMailboxId).toBe(mailbox.id);

      await db().delete(mailboxes).where(eq(mailboxes.id, mailbox.id));

      const rows = await db().select().from(auditLog);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: entry?.id,
        actorMailboxId: null,
        actorLabel: mailbox.address,
        targetLabel: mailbox.address,
        domainId: domain.id,
        domainName: domain.name,
        action: 'mailbox.password_changed',
      });
    });
  });

  describe('test harness', () => {
    it('resetTables empties every table and restarts ids', async () => {
      await createFixture(db());
      await resetTables(db());
      expect(await db().select().from(admins)).toEqual([]);
      expect(await db().select().from(mailboxes)).toEqual([]);
      const admin = await insertAdmin(db());
      expect(admin.id).toBe(1);
    });
  });
});

describe('mailbox addresses belong to their domain (migration 0002)', () => {
  const db = testDb;

  it('refuses an address in another domain, an empty or upper-case domain part, and odd local parts', async () => {
    const f = await createFixture(db.db());
    const other = `${f.domain.name}.other`;
    const cases: [Record<string, unknown>, string][] = [
      [{ localPart: 'info', address: `info@${other}` }, 'mailboxes_address_matches_domain'],
      [{ localPart: 'info', address: 'info@' }, 'mailboxes_address_shape'],
      [{ localPart: 'info', address: `info@${f.domain.name.toUpperCase()}` }, 'mailboxes_address_shape'],
      [{ localPart: '.dot', address: `.dot@${f.domain.name}` }, 'mailboxes_local_part_shape'],
      [{ localPart: 'a..b', address: `a..b@${f.domain.name}` }, 'mailboxes_local_part_shape'],
      [{ localPart: 'è', address: `è@${f.domain.name}` }, 'mailboxes_local_part_shape'],
      [{ localPart: 'a<b', address: `a<b@${f.domain.name}` }, 'mailboxes_local_part_shape'],
    ];
    for (const [values, constraint] of cases) {
      const violation = await violationOf(db.db().insert(mailboxes).values({ ...mailboxValues(f.domain, 'x'), ...values }));
      expect(violation.constraint ?? violation.message, JSON.stringify(values)).toContain(constraint);
    }
    // Moving a mailbox to another domain without changing its address is refused too.
    const d2 = await insertDomain(db.db(), { adminId: f.admin.id, planId: f.plan.id });
    const moved = await violationOf(db.db().update(mailboxes).set({ domainId: d2.id }).where(eq(mailboxes.id, f.mailbox.id)));
    expect(moved.message).toContain('mailboxes_address_matches_domain');
    await expect(db.db().insert(mailboxes).values(mailboxValues(f.domain, "o'brien+tag"))).resolves.toBeDefined();
  });

  it('refuses a numeric or dashed top-level label', async () => {
    const f = await createFixture(db.db());
    for (const name of ['example.123', 'example.-com', 'example.com-']) {
      const violation = await violationOf(db.db().insert(domains).values({ name, adminId: f.admin.id, planId: f.plan.id }));
      expect(violation.constraint ?? violation.message, name).toContain('domains_name_shape');
    }
  });
});
