import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, domains, mailboxes, plans } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';

import { runAction } from '@/lib/errors';
import { translate } from '@/lib/i18n/translate';
import { getPlan, listPlans } from '@/lib/plans/read-plans';
import { createPlan, deletePlan, updatePlan } from '@/lib/plans/write-plans';
import { planSchema, planToFormValues, type PlanFormValues } from '@/lib/validations/plan';
import { resetTables, useTestDatabase } from './helpers/db';
import {
  createFixture,
  GIB,
  insertAdmin,
  insertDomain,
  insertMailbox,
  insertPlan,
  POSTMASTER_QUOTA_BYTES,
  type AdminRow,
  type Fixture,
  type PlanRow,
} from './helpers/fixtures';

const t = useTestDatabase();
const MIB = 1_048_576;
const IP = '192.0.2.7';

const base = { language: 'en' as const, timeZone: 'UTC', sessionVersion: 1 };
function adminCaller(row: AdminRow): Caller {
  return { ...base, kind: 'admin', id: row.id, role: row.role, label: row.email };
}
function mailboxCaller(row: { id: number; address: string; domainId: number }, role: 'postmaster' | 'user'): Caller {
  return { ...base, kind: 'mailbox', id: row.id, role, label: row.address, domainId: row.domainId };
}

/** The edit form as the browser would send it for `plan`, with changes on top. */
function formOf(plan: PlanRow, changes: Partial<PlanFormValues> = {}): PlanFormValues {
  return { ...planToFormValues(plan), ...changes };
}

function newPlanForm(changes: Partial<PlanFormValues> = {}): PlanFormValues {
  return {
    name: 'Gold',
    services: { pop: true, imap: true, smtp: true, webmail: true, activesync: true, dav: false, xmpp: false },
    storageOptions: [
      { amount: '500', unit: 'MB' },
      { amount: '2', unit: 'GB' },
    ],
    domainStorage: { amount: '100', unit: 'GB' },
    maxAccounts: '40',
    defaultDailySendLimit: '300',
    maxDailySendLimit: '900',
    allowSpamToInbox: true,
    userDetailFields: ['company', 'phone'],
    ...changes,
  };
}

async function planRow(id: number) {
  const [row] = await t.db().select().from(plans).where(eq(plans.id, id));
  return row;
}
const auditRows = () => t.db().select().from(auditLog).orderBy(auditLog.id);

describe('seeded plans', () => {
  // Runs before any test in this file empties the tables.
  it('are there after the migrations, valid and editable in the plan form', async () => {
    const superadmin: Caller = { ...base, kind: 'admin', id: 1, role: 'superadmin', label: 'root@example.net' };
    const seeded = await listPlans({ caller: superadmin });
    expect(seeded.map((p) => p.name).sort()).toEqual(['Business', 'Enterprise', 'Starter']);

    const starter = seeded.find((p) => p.name === 'Starter')!;
    expect(starter).toMatchObject({
      pop: true,
      imap: true,
      smtp: true,
      webmail: true,
      activesync: false,
      dav: false,
      xmpp: false,
      storageOptionsBytes: [GIB, 5 * GIB, 10 * GIB],
      domainStorageBytes: 50 * GIB,
      maxAccounts: 25,
      defaultDailySendLimit: 500,
      maxDailySendLimit: 1000,
      allowSpamToInbox: false,
      maxMessageBytes: 10 * MIB,
      userDetailFields: [],
      domainCount: 0,
    });
    const enterprise = seeded.find((p) => p.name === 'Enterprise')!;
    expect(enterprise).toMatchObject({ xmpp: true, activesync: true, dav: true, domainStorageBytes: 5 * 1024 * GIB, maxAccounts: 5000 });
    expect(enterprise.storageOptionsBytes).toEqual([1, 5, 10, 25, 50].map((n) => n * GIB));

    // What the edit form shows for each seeded plan saves back to exactly the same values.
    for (const plan of seeded) {
      const parsed = planSchema.parse(planToFormValues(plan));
      expect(parsed).toMatchObject({ name: plan.name, storageOptionsBytes: plan.storageOptionsBytes, domainStorageBytes: plan.domainStorageBytes });
    }
  });

  it('can be seeded again without duplicates (the seed is idempotent)', async () => {
    const folder = path.join(process.cwd(), 'db', 'migrations');
    const file = readdirSync(folder).find((name) => name.endsWith('_seed_plans.sql'));
    expect(file).toBeDefined();
    await t.db().execute(sql.raw(readFileSync(path.join(folder, file!), 'utf8')));
    const rows = await t.db().select({ name: plans.name }).from(plans);
    expect(rows).toHaveLength(3);
  });
});

describe('plans', () => {
  let superadminRow: AdminRow;
  let superadmin: Caller;
  let fx: Fixture;
  let admin: Caller;

  beforeEach(async () => {
    await resetTables(t.db());
    superadminRow = await insertAdmin(t.db(), { role: 'superadmin', email: 'root@example.net' });
    superadmin = adminCaller(superadminRow);
    fx = await createFixture(t.db());
    admin = adminCaller(fx.admin);
  });

  describe('by the superadmin', () => {
    it('creates a plan, in bytes, with an audit row', async () => {
      const result = await createPlan({ caller: superadmin, ip: IP, input: newPlanForm() });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const row = await planRow(result.data.id);
      expect(row).toMatchObject({
        name: 'Gold',
        activesync: true,
        dav: false,
        storageOptionsBytes: [500 * MIB, 2 * GIB],
        domainStorageBytes: 100 * GIB,
        maxAccounts: 40,
        defaultDailySendLimit: 300,
        maxDailySendLimit: 900,
        allowSpamToInbox: true,
        // Left out of the form: the column's default.
        maxMessageBytes: 10 * MIB,
        userDetailFields: ['phone', 'company'],
        version: 1,
      });
      const [audit] = await auditRows();
      expect(audit).toMatchObject({
        action: 'plan.create',
        actorAdminId: superadminRow.id,
        actorLabel: 'root@example.net',
        ip: IP,
        targetType: 'plan',
        targetId: String(result.data.id),
        targetLabel: 'Gold',
      });
      expect(audit?.details).toMatchObject({ after: { name: 'Gold', maxAccounts: 40 } });
    });

    it('edits a plan, bumping its version, and records what changed', async () => {
      const result = await updatePlan({
        caller: superadmin,
        ip: IP,
        id: fx.plan.id,
        input: formOf(fx.plan, {
          name: 'Silver',
          maxAccounts: '150',
          maxMessageMb: '25',
          storageOptions: [
            { amount: '1', unit: 'GB' },
            { amount: '5', unit: 'GB' },
            { amount: '10', unit: 'GB' },
          ],
        }),
      });
      expect(result).toEqual({ ok: true, data: { id: fx.plan.id, version: 2 } });
      expect(await planRow(fx.plan.id)).toMatchObject({
        name: 'Silver',
        maxAccounts: 150,
        maxMessageBytes: 25 * MIB,
        storageOptionsBytes: [GIB, 5 * GIB, 10 * GIB],
        domainStorageBytes: fx.plan.domainStorageBytes,
        version: 2,
      });
      const [audit] = await auditRows();
      expect(audit).toMatchObject({ action: 'plan.update', actorAdminId: superadminRow.id, ip: IP, targetId: String(fx.plan.id), targetLabel: 'Silver' });
      expect(audit?.details).toEqual({
        before: { name: fx.plan.name, maxAccounts: 100, maxMessageBytes: 10 * MIB, storageOptionsBytes: [GIB, 5 * GIB] },
        after: { name: 'Silver', maxAccounts: 150, maxMessageBytes: 25 * MIB, storageOptionsBytes: [GIB, 5 * GIB, 10 * GIB] },
      });
    });

    it('deletes a plan no domain is on, with an audit row', async () => {
      const spare = await insertPlan(t.db(), { name: 'Spare' });
      const result = await deletePlan({ caller: superadmin, ip: IP, id: spare.id });
      expect(result).toEqual({ ok: true, data: { name: 'Spare' } });
      expect(await planRow(spare.id)).toBeUndefined();
      const [audit] = await auditRows();
      expect(audit).toMatchObject({ action: 'plan.delete', actorAdminId: superadminRow.id, targetId: String(spare.id), targetLabel: 'Spare' });
      expect(audit?.details).toMatchObject({ before: { name: 'Spare', maxAccounts: 100 } });
    });

    it('answers a plan that does not exist with "not found"', async () => {
      await expect(updatePlan({ caller: superadmin, ip: IP, id: 999_999, input: formOf(fx.plan) })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(deletePlan({ caller: superadmin, ip: IP, id: 999_999 })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(getPlan({ caller: superadmin, id: 999_999 })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(getPlan({ caller: superadmin, id: Number.NaN })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      expect(await runAction(() => deletePlan({ caller: superadmin, ip: IP, id: -1 }))).toEqual({
        ok: false,
        code: 'notFound',
        fieldErrors: {},
        formError: 'errors.notFound',
      });
    });
  });

  describe('access', () => {
    it('refuses every write to an admin, a postmaster and a user, and changes nothing', async () => {
      const spare = await insertPlan(t.db(), { name: 'Spare' });
      const callers = [admin, mailboxCaller(fx.postmaster, 'postmaster'), mailboxCaller(fx.mailbox, 'user')];
      for (const caller of callers) {
        await expect(createPlan({ caller, ip: IP, input: newPlanForm() })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
        await expect(
          updatePlan({ caller, ip: IP, id: spare.id, input: formOf(spare, { name: 'Hijacked', maxAccounts: '1' }) }),
        ).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
        await expect(deletePlan({ caller, ip: IP, id: spare.id })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
        // Through a server action, the refusal is the same "not found" as for a missing plan.
        expect(await runAction(() => deletePlan({ caller, ip: IP, id: spare.id }))).toMatchObject({ ok: false, formError: 'errors.notFound' });
      }
      const rows = await t.db().select().from(plans).orderBy(plans.id);
      expect(rows.map((r) => [r.name, r.version])).toEqual([
        [fx.plan.name, 1],
        ['Spare', 1],
      ]);
      expect(await auditRows()).toHaveLength(0);
    });

    it('lets an admin read plans, with the number of domains on each', async () => {
      const spare = await insertPlan(t.db(), { name: 'Spare' });
      const list = await listPlans({ caller: admin });
      expect(list.map((p) => [p.name, p.domainCount])).toEqual([
        [fx.plan.name, 1],
        ['Spare', 0],
      ]);
      const one = await getPlan({ caller: admin, id: fx.plan.id });
      expect(one).toMatchObject({ id: fx.plan.id, name: fx.plan.name, storageOptionsBytes: [GIB, 5 * GIB], domainCount: 1 });
      expect((await getPlan({ caller: admin, id: spare.id })).domainCount).toBe(0);
    });

    it('lets neither a postmaster nor a user read plans', async () => {
      for (const caller of [mailboxCaller(fx.postmaster, 'postmaster'), mailboxCaller(fx.mailbox, 'user')]) {
        await expect(listPlans({ caller })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
        await expect(getPlan({ caller, id: fx.plan.id })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
      }
      await expect(listPlans({ caller: null })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    });
  });

  describe('bad input', () => {
    const cases: [string, Partial<PlanFormValues>, Record<string, unknown>][] = [
      ['an empty name', { name: '   ' }, { name: 'validation.required' }],
      ['a name over 100 characters', { name: 'x'.repeat(101) }, { name: expect.stringContaining('validation.tooLong') }],
      ['a default sending limit above the maximum', { defaultDailySendLimit: '901' }, { defaultDailySendLimit: 'plans.validation.defaultAboveMax' }],
      ['no storage option', { storageOptions: [] }, { storageOptions: 'plans.validation.storageOptionsRequired' }],
      ['a non-numeric number of accounts', { maxAccounts: 'lots' }, { maxAccounts: 'plans.validation.wholeNumber' }],
      ['a fractional sending limit', { maxDailySendLimit: '2.5' }, { maxDailySendLimit: 'plans.validation.wholeNumber' }],
      ['an empty number of accounts', { maxAccounts: '' }, { maxAccounts: 'validation.required' }],
      ['zero accounts', { maxAccounts: '0' }, { maxAccounts: expect.stringContaining('plans.validation.min') }],
      ['a non-numeric storage option', { storageOptions: [{ amount: 'big', unit: 'GB' }] }, { 'storageOptions.0.amount': 'plans.validation.wholeNumber' }],
      ['an unknown unit', { domainStorage: { amount: '1', unit: 'XB' as 'GB' } }, { 'domainStorage.unit': 'plans.validation.unit' }],
      [
        'the same size twice',
        { storageOptions: [{ amount: '1024', unit: 'MB' }, { amount: '1', unit: 'GB' }] },
        { 'storageOptions.1.amount': 'plans.validation.storageOptionsDistinct' },
      ],
      [
        'a storage option above the domain storage',
        { storageOptions: [{ amount: '200', unit: 'GB' }] },
        { storageOptions: 'plans.validation.storageOptionAboveDomain' },
      ],
      [
        'more than 20 storage options',
        { storageOptions: Array.from({ length: 21 }, (_, i) => ({ amount: String(i + 1), unit: 'MB' as const })) },
        { storageOptions: expect.stringContaining('plans.validation.storageOptionsTooMany') },
      ],
      ['a message size limit above 100 MB', { maxMessageMb: '101' }, { maxMessageMb: expect.stringContaining('plans.validation.max') }],
      ['a message size limit of 0 MB', { maxMessageMb: '0' }, { maxMessageMb: expect.stringContaining('plans.validation.min') }],
      ['an unknown user-detail field', { userDetailFields: ['shoeSize' as 'phone'] }, { 'userDetailFields.0': 'validation.invalid' }],
    ];

    it.each(cases)('answers %s beside the field and writes nothing', async (_label, changes, expected) => {
      const created = await createPlan({ caller: superadmin, ip: IP, input: newPlanForm(changes) });
      expect(created.ok).toBe(false);
      if (!created.ok) expect(created.fieldErrors).toMatchObject(expected);
      const updated = await updatePlan({ caller: superadmin, ip: IP, id: fx.plan.id, input: formOf(fx.plan, { maxDailySendLimit: '900', ...changes }) });
      expect(updated.ok).toBe(false);
      if (!updated.ok) expect(updated.fieldErrors).toMatchObject(expected);
      expect(await t.db().select().from(plans)).toHaveLength(1);
      expect((await planRow(fx.plan.id))?.version).toBe(1);
      expect(await auditRows()).toHaveLength(0);
    });

    it('answers input that is not a form at all', async () => {
      for (const input of [null, 'plan', 42, { name: 'Only a name' }]) {
        const result = await createPlan({ caller: superadmin, ip: IP, input });
        expect(result.ok).toBe(false);
      }
      const result = await createPlan({ caller: superadmin, ip: IP, input: { name: 'Only a name' } });
      expect(!result.ok && result.fieldErrors).toMatchObject({ maxAccounts: 'validation.required', storageOptions: 'plans.validation.storageOptionsRequired' });
      expect(await t.db().select().from(plans)).toHaveLength(1);
    });

    it('refuses a name another plan has, in any case', async () => {
      expect((await createPlan({ caller: superadmin, ip: IP, input: newPlanForm({ name: 'Gold' }) })).ok).toBe(true);
      for (const name of ['Gold', 'gold', ' GOLD ']) {
        expect(await createPlan({ caller: superadmin, ip: IP, input: newPlanForm({ name }) })).toEqual({
          ok: false,
          code: 'validation',
          fieldErrors: { name: 'plans.errors.nameTaken' },
        });
      }
      const renamed = await updatePlan({ caller: superadmin, ip: IP, id: fx.plan.id, input: formOf(fx.plan, { name: 'gold' }) });
      expect(renamed).toEqual({ ok: false, code: 'validation', fieldErrors: { name: 'plans.errors.nameTaken' } });
      // Keeping its own name is not a duplicate.
      expect((await updatePlan({ caller: superadmin, ip: IP, id: fx.plan.id, input: formOf(fx.plan) })).ok).toBe(true);
      expect(await t.db().select({ name: plans.name }).from(plans)).toHaveLength(2);
      expect((await auditRows()).map((a) => a.action)).toEqual(['plan.create', 'plan.update']);
    });
  });

  describe('narrowing below what domains use', () => {
    /** Refused, naming `named` (and not `notNamed`) in the form error, with nothing written. */
    async function expectRefused(
      plan: PlanRow,
      changes: Partial<PlanFormValues>,
      { named, notNamed = [], field }: { named: string[]; notNamed?: string[]; field: string },
    ) {
      const result = await updatePlan({ caller: superadmin, ip: IP, id: plan.id, input: formOf(plan, changes) });
      expect(result.ok).toBe(false);
      if (result.ok) return result;
      const message = translate('en', result.formError!);
      for (const name of named) {
        expect(message).toContain(name);
        expect(translate('en', result.fieldErrors[field]!)).toContain(name);
      }
      for (const name of notNamed) expect(message).not.toContain(name);
      expect(await planRow(plan.id)).toMatchObject({ version: plan.version, name: plan.name });
      expect(await auditRows()).toHaveLength(0);
      return result;
    }

    it('refuses switching off a service a domain has enabled, naming the domain', async () => {
      const quiet = await insertDomain(t.db(), { adminId: fx.admin.id, planId: fx.plan.id }, { imap: false });
      await t.db().update(mailboxes).set({ imap: false }).where(eq(mailboxes.domainId, fx.domain.id));
      const result = await expectRefused(
        fx.plan,
        { services: { ...planToFormValues(fx.plan).services, imap: false } },
        { named: [fx.domain.name], notNamed: [quiet.name], field: 'services' },
      );
      expect(!result.ok && translate('en', result.fieldErrors.services!)).toContain('IMAP');
    });

    it('refuses switching off a service a mailbox has on, even when its domain has it off', async () => {
      const plan = await insertPlan(t.db(), { activesync: true });
      const domain = await insertDomain(t.db(), { adminId: fx.admin.id, planId: plan.id }, { activesync: false });
      await insertMailbox(t.db(), domain, 'sync', { activesync: true });
      const services = { ...planToFormValues(plan).services, activesync: false };
      await expectRefused(plan, { services }, { named: [domain.name], field: 'services' });

      await t.db().update(mailboxes).set({ activesync: false }).where(eq(mailboxes.domainId, domain.id));
      expect((await updatePlan({ caller: superadmin, ip: IP, id: plan.id, input: formOf(plan, { services }) })).ok).toBe(true);
    });

    it('refuses fewer accounts than a domain has, counting the postmaster', async () => {
      // The fixture domain has its postmaster and one account.
      await expectRefused(fx.plan, { maxAccounts: '1' }, { named: [fx.domain.name], field: 'maxAccounts' });
      const exact = await updatePlan({ caller: superadmin, ip: IP, id: fx.plan.id, input: formOf(fx.plan, { maxAccounts: '2' }) });
      expect(exact.ok).toBe(true);
    });

    it('refuses less domain storage than a domain has allocated', async () => {
      // Allocated: 1 GB for the account and 50 MB for the postmaster.
      const storageOptions = [{ amount: '1', unit: 'GB' as const }];
      await expectRefused(
        fx.plan,
        { storageOptions, domainStorage: { amount: '1', unit: 'GB' } },
        { named: [fx.domain.name], field: 'domainStorage.amount' },
      );
      const enough = await updatePlan({
        caller: superadmin,
        ip: IP,
        id: fx.plan.id,
        input: formOf(fx.plan, { storageOptions, domainStorage: { amount: String(1024 + 50), unit: 'MB' } }),
      });
      expect(enough.ok).toBe(true);
    });

    it('refuses removing a storage option a mailbox has, but not one only the postmaster matches', async () => {
      // The account has 1 GB; nobody has 5 GB.
      const result = await expectRefused(
        fx.plan,
        { storageOptions: [{ amount: '5', unit: 'GB' }] },
        { named: [fx.domain.name], field: 'storageOptions' },
      );
      expect(!result.ok && translate('en', result.fieldErrors.storageOptions!)).toContain('1 GB');

      const removeUnused = await updatePlan({
        caller: superadmin,
        ip: IP,
        id: fx.plan.id,
        input: formOf(fx.plan, { storageOptions: [{ amount: '1', unit: 'GB' }] }),
      });
      expect(removeUnused.ok).toBe(true);

      const withPostmasterSize = await insertPlan(t.db(), { storageOptionsBytes: [POSTMASTER_QUOTA_BYTES, GIB] });
      const domain = await insertDomain(t.db(), { adminId: fx.admin.id, planId: withPostmasterSize.id });
      await insertMailbox(t.db(), domain, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES });
      const dropped = await updatePlan({
        caller: superadmin,
        ip: IP,
        id: withPostmasterSize.id,
        input: formOf(withPostmasterSize, { storageOptions: [{ amount: '1', unit: 'GB' }] }),
      });
      expect(dropped.ok).toBe(true);
    });

    it('refuses a maximum sending limit below a mailbox’s limit', async () => {
      await t.db().update(mailboxes).set({ dailySendLimit: 1500 }).where(eq(mailboxes.id, fx.mailbox.id));
      await expectRefused(fx.plan, { maxDailySendLimit: '1000' }, { named: [fx.domain.name], field: 'maxDailySendLimit' });
      expect((await updatePlan({ caller: superadmin, ip: IP, id: fx.plan.id, input: formOf(fx.plan, { maxDailySendLimit: '1500' }) })).ok).toBe(true);
    });

    it('refuses disallowing spam-to-Inbox while a mailbox has it on', async () => {
      const plan = await insertPlan(t.db(), { allowSpamToInbox: true });
      const domain = await insertDomain(t.db(), { adminId: fx.admin.id, planId: plan.id });
      await insertMailbox(t.db(), domain, 'spammy', { spamToInbox: true });
      await expectRefused(plan, { allowSpamToInbox: false }, { named: [domain.name], field: 'allowSpamToInbox' });
    });

    it('names every domain in the way, and only those', async () => {
      const second = await insertDomain(t.db(), { adminId: fx.admin.id, planId: fx.plan.id });
      await insertMailbox(t.db(), second);
      await insertMailbox(t.db(), second);
      const small = await insertDomain(t.db(), { adminId: fx.admin.id, planId: fx.plan.id });
      await insertMailbox(t.db(), small);
      const result = await expectRefused(
        fx.plan,
        { maxAccounts: '1', maxDailySendLimit: '900' },
        { named: [fx.domain.name, second.name], notNamed: [small.name], field: 'maxAccounts' },
      );
      expect(!result.ok && Object.keys(result.fieldErrors)).toEqual(['maxAccounts']);
    });

    it('still allows changes that take nothing away from an already exceeded plan', async () => {
      await t.db().update(plans).set({ maxAccounts: 1 }).where(eq(plans.id, fx.plan.id));
      const stale = { ...fx.plan, maxAccounts: 1 };
      const renamed = await updatePlan({ caller: superadmin, ip: IP, id: fx.plan.id, input: formOf(stale, { name: 'Renamed' }) });
      expect(renamed.ok).toBe(true);
    });
  });

  describe('deleting', () => {
    it('refuses a plan in use, naming its domains; allows it once they are gone', async () => {
      const second = await insertDomain(t.db(), { adminId: fx.admin.id, planId: fx.plan.id });
      const result = await deletePlan({ caller: superadmin, ip: IP, id: fx.plan.id });
      expect(result.ok).toBe(false);
      const message = !result.ok ? translate('en', result.formError!) : '';
      expect(message).toContain(fx.domain.name);
      expect(message).toContain(second.name);
      expect(await planRow(fx.plan.id)).toBeDefined();
      expect(await auditRows()).toHaveLength(0);

      await t.db().delete(domains).where(eq(domains.planId, fx.plan.id));
      expect(await deletePlan({ caller: superadmin, ip: IP, id: fx.plan.id })).toEqual({ ok: true, data: { name: fx.plan.name } });
      expect(await planRow(fx.plan.id)).toBeUndefined();
    });

    it('names at most ten domains, then says how many more', async () => {
      for (let i = 0; i < 11; i++) await insertDomain(t.db(), { adminId: fx.admin.id, planId: fx.plan.id });
      const result = await deletePlan({ caller: superadmin, ip: IP, id: fx.plan.id });
      expect(!result.ok && translate('en', result.formError!)).toMatch(/and 2 more/);
    });
  });

  describe('two people editing at once', () => {
    it('refuses the second save with errors.conflict and keeps the first', async () => {
      const first = await updatePlan({ caller: superadmin, ip: IP, id: fx.plan.id, input: formOf(fx.plan, { name: 'First' }) });
      expect(first).toEqual({ ok: true, data: { id: fx.plan.id, version: 2 } });
      const second = await updatePlan({ caller: superadmin, ip: IP, id: fx.plan.id, input: formOf(fx.plan, { name: 'Second' }) });
      expect(second).toEqual({ ok: false, code: 'conflict', fieldErrors: {}, formError: 'errors.conflict' });
      const noVersion = await updatePlan({
        caller: superadmin,
        ip: IP,
        id: fx.plan.id,
        input: { ...formOf(fx.plan, { name: 'Third' }), version: undefined },
      });
      expect(noVersion).toMatchObject({ ok: false, formError: 'errors.conflict' });
      expect(await planRow(fx.plan.id)).toMatchObject({ name: 'First', version: 2 });
      expect((await auditRows()).map((a) => a.action)).toEqual(['plan.update']);
    });

    it('lets exactly one of two simultaneous saves of the same version win', async () => {
      const results = await Promise.all(
        ['One', 'Two'].map((name) => updatePlan({ caller: superadmin, ip: IP, id: fx.plan.id, input: formOf(fx.plan, { name }) })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.formError === 'errors.conflict')).toHaveLength(1);
      expect((await planRow(fx.plan.id))?.version).toBe(2);
    });
  });
});
