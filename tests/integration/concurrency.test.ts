import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAccountAction } from '@/app/(panel)/domains/[id]/accounts/new/actions';
import { updateDomainSettingsAction } from '@/app/(panel)/domains/actions';
import {
  updateAutoresponderAction,
  updateGeneralAction,
  updateMasterDataAction,
  updateSecurityAction,
  updateWebmailAction,
} from '@/app/(panel)/mailbox-settings-actions';
import { updatePlanAction } from '@/app/(panel)/plans/actions';
import { auditLog, domains, mailboxes, plans } from '@/db/schema';
import { saveAccountStep, saveSecurityStep, saveServicesStep } from '@/lib/accounts/wizard/steps';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { planToFormValues } from '@/lib/validations/plan';
import { WIZARD_STEP_2, WIZARD_STEP_3, WIZARD_STEP_4 } from './authz/rows/support';
import type { World } from './authz/rows/types';
import { signInAs } from './authz/support/next-mocks';
import { describeOutcome, outcomeOf, type Outcome } from './authz/support/outcome';
import { principalOf, seedWorld } from './authz/support/world';
import { adminCaller, superadminCaller } from './helpers/callers';
import { useTestDatabase } from './helpers/db';
import { GIB } from './helpers/fixtures';

// Concurrency through the real endpoints. On real Postgres (TEST_DATABASE_URL) the calls run on several
// connections at once and meet at the database's row locks; on the embedded driver (one connection)
// they interleave at every await. Either way: of two saves that read the same version exactly one
// wins and the other is told (errors.conflict); 50 creations racing for a domain with room for 10
// make exactly 10 accounts, and the domain's storage is never allocated beyond its total.

await vi.hoisted(() => import('./authz/support/mock-next-request'));

const t = useTestDatabase();
let world: World;

beforeEach(async () => {
  world = await seedWorld(t.db());
});

/**
 * Starts the call signed in as `caller`. The session is read synchronously when the action starts, so
 * calls started one after the other carry their own caller even while they run at the same time.
 */
function startAs(caller: 'postmaster' | 'owningAdmin' | 'superadmin', call: () => Promise<unknown>): Promise<Outcome> {
  signInAs(principalOf(world, caller));
  return outcomeOf(call);
}

function isWin(outcome: Outcome): boolean {
  return outcome.kind === 'result' && outcome.result.ok;
}

function isConflict(outcome: Outcome): boolean {
  return outcome.kind === 'result' && !outcome.result.ok && outcome.result.formError === 'errors.conflict';
}

async function auditCount(action: string): Promise<number> {
  const [row] = await t.db().select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, action));
  return Number(row?.n ?? 0);
}

type Section = 'masterData' | 'general' | 'security' | 'autoresponder' | 'webmail';
const sections = [
  { section: 'masterData', action: updateMasterDataAction, a: { firstName: 'Admin wrote this' }, b: { firstName: 'Postmaster wrote this' } },
  { section: 'general', action: updateGeneralAction, a: { forwards: 'admin@elsewhere.example' }, b: { forwards: 'postmaster@elsewhere.example' } },
  { section: 'security', action: updateSecurityAction, a: { passwordExpiryMonths: 3 }, b: { passwordExpiryMonths: 12 } },
  { section: 'autoresponder', action: updateAutoresponderAction, a: { enabled: true, subject: 'A', body: 'From the admin.' }, b: { enabled: true, subject: 'B', body: 'From the postmaster.' } },
  { section: 'webmail', action: updateWebmailAction, a: { language: 'it' }, b: { timeZone: 'Asia/Tokyo' } },
] as const;

describe('two people save the same settings section at once', () => {
  it.each(sections)('$section: exactly one save wins, the other is refused as a conflict and writes nothing', async ({ section, action, a, b }) => {
    for (let round = 0; round < 5; round++) {
      const { initial } = await getMailboxSettings({ caller: superadminCaller(world.superadmin), id: world.accountA.id });
      // Both read the same version, then both save.
      const form = initial[section as Section] as Record<string, unknown>;
      const audits = await auditCount(`mailbox.update.${section}`);
      const outcomes = await Promise.all([
        startAs('owningAdmin', () => action(world.accountA.id, { ...form, ...a })),
        startAs('postmaster', () => action(world.accountA.id, { ...form, ...b })),
      ]);
      const described = outcomes.map(describeOutcome).join(' / ');
      expect(outcomes.filter(isWin), described).toHaveLength(1);
      expect(outcomes.filter(isConflict), described).toHaveLength(1);
      // One save, one version step, one audit row — by the winner.
      const [mailbox] = await t.db().select({ version: mailboxes.version }).from(mailboxes).where(eq(mailboxes.id, world.accountA.id));
      expect(mailbox!.version).toBe(Number(form.version) + 1);
      expect(await auditCount(`mailbox.update.${section}`)).toBe(audits + 1);
      const [last] = await t.db().select().from(auditLog).where(eq(auditLog.action, `mailbox.update.${section}`)).orderBy(sql`${auditLog.id} desc`).limit(1);
      const winner = isWin(outcomes[0]!) ? { actorAdminId: world.owningAdmin.id } : { actorMailboxId: world.postmasterA.id };
      expect(last).toMatchObject(winner);
    }
  });

  it("a domain's settings: one admin's save wins, the superadmin's is refused as a conflict", async () => {
    const [domain] = await t.db().select().from(domains).where(eq(domains.id, world.domainA.id));
    const form = {
      version: domain!.version,
      services: { pop: true, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false },
      defaultStorageBytes: null,
      pmCanCreate: true,
      pmCanDelete: false,
      pmCanToggle: true,
      pmCanChangeLimits: false,
    };
    const outcomes = await Promise.all([
      startAs('owningAdmin', () => updateDomainSettingsAction(world.domainA.id, { ...form, pmCanDelete: true })),
      startAs('superadmin', () => updateDomainSettingsAction(world.domainA.id, { ...form, pmCanChangeLimits: true })),
    ]);
    const described = outcomes.map(describeOutcome).join(' / ');
    expect(outcomes.filter(isWin), described).toHaveLength(1);
    expect(outcomes.filter(isConflict), described).toHaveLength(1);
    const [after] = await t.db().select().from(domains).where(eq(domains.id, world.domainA.id));
    expect(after!.version).toBe(domain!.version + 1);
    // The winner's change only, never a mix of the two.
    expect([after!.pmCanDelete, after!.pmCanChangeLimits]).toEqual(isWin(outcomes[0]!) ? [true, false] : [false, true]);
  });

  it('a plan: two edits of the superadmin in two tabs, one wins and one is refused as a conflict', async () => {
    const [plan] = await t.db().select().from(plans).where(eq(plans.id, world.sparePlan.id));
    const form = planToFormValues(plan!);
    signInAs(principalOf(world, 'superadmin'));
    const outcomes = await Promise.all([
      outcomeOf(() => updatePlanAction(plan!.id, { ...form, name: 'First tab' })),
      outcomeOf(() => updatePlanAction(plan!.id, { ...form, name: 'Second tab' })),
    ]);
    const described = outcomes.map(describeOutcome).join(' / ');
    expect(outcomes.filter(isWin), described).toHaveLength(1);
    expect(outcomes.filter(isConflict), described).toHaveLength(1);
    const [after] = await t.db().select({ name: plans.name, version: plans.version }).from(plans).where(eq(plans.id, plan!.id));
    expect(after).toEqual({ name: isWin(outcomes[0]!) ? 'First tab' : 'Second tab', version: plan!.version + 1 });
  });
});

describe('50 account creations race for a domain with room for 10', () => {
  const PASSWORD = 'Racing password, 50 horses';

  /** `count` drafts of domain A's admin, each with steps 1–3 saved through the wizard's own steps (1 GB each). */
  async function drafts(count: number): Promise<string[]> {
    const admin = adminCaller(world.owningAdmin);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const step1 = await saveAccountStep({
        caller: admin,
        domainId: world.domainA.id,
        draftId: null,
        input: { firstName: `Racer ${i}`, lastName: '', description: '', localPart: `racer${i}`, passwordMode: 'set', password: PASSWORD, confirmPassword: PASSWORD },
      });
      if (!step1.ok) throw new Error(`step 1: ${JSON.stringify(step1)}`);
      const { draftId } = step1.data;
      for (const [save, input] of [
        [saveServicesStep, { ...WIZARD_STEP_2, quotaBytes: String(GIB) }],
        [saveSecurityStep, WIZARD_STEP_3],
      ] as const) {
        const saved = await save({ caller: admin, domainId: world.domainA.id, draftId, input });
        if (!saved.ok) throw new Error(`a later step: ${JSON.stringify(saved)}`);
      }
      ids.push(draftId);
    }
    return ids;
  }

  /** "Create" on every draft at once, through the wizard's action (step 4 and Create). */
  async function createAll(ids: string[]): Promise<Outcome[]> {
    signInAs(principalOf(world, 'owningAdmin'));
    return Promise.all(ids.map((id) => outcomeOf(() => createAccountAction(world.domainA.id, id, WIZARD_STEP_4))));
  }

  async function domainFigures() {
    const [row] = await t
      .db()
      .select({ accounts: sql<number>`count(*)::int`, allocated: sql<string>`coalesce(sum(${mailboxes.quotaBytes}), 0)::text` })
      .from(mailboxes)
      .where(eq(mailboxes.domainId, world.domainA.id));
    const [plan] = await t.db().select().from(plans).where(eq(plans.id, world.plan.id));
    return { accounts: Number(row!.accounts), allocated: Number(row!.allocated), total: plan!.domainStorageBytes };
  }

  const created = (outcome: Outcome) => outcome.kind === 'redirect' && outcome.location.startsWith(`/domains/${world.domainA.id}/accounts?created=`);

  it('the plan allows 10 more accounts: exactly 10 are created, the other 40 are told the domain is full', async () => {
    const before = await domainFigures();
    await t.db().update(plans).set({ maxAccounts: before.accounts + 10 }).where(eq(plans.id, world.plan.id));
    const outcomes = await createAll(await drafts(50));

    const described = outcomes.map(describeOutcome);
    expect(outcomes.filter(created), described.join('\n')).toHaveLength(10);
    const refused = outcomes.filter((o) => !created(o));
    expect(refused.every((o) => o.kind === 'result' && !o.result.ok && o.result.formError?.startsWith('wizard.errors.domainFull')), described.join('\n')).toBe(true);
    const after = await domainFigures();
    expect(after.accounts).toBe(before.accounts + 10);
    expect(after.allocated).toBeLessThanOrEqual(after.total);
    expect(await t.db().select({ id: mailboxes.id }).from(mailboxes).where(and(eq(mailboxes.domainId, world.domainA.id), sql`${mailboxes.localPart} like 'racer%'`))).toHaveLength(10);
    expect(await auditCount('account.create')).toBe(10);
  });

  it('the domain has storage for 10 more 1 GB accounts: exactly 10 are created, and the storage is never over its total', async () => {
    const before = await domainFigures();
    // Room for ten 1 GB accounts and a little (not an eleventh); accounts are plentiful.
    await t.db().update(plans).set({ maxAccounts: 1_000, domainStorageBytes: before.allocated + 10 * GIB + GIB / 2 }).where(eq(plans.id, world.plan.id));
    const total = before.allocated + 10 * GIB + GIB / 2;

    const ids = await drafts(50);
    // While the creations run, the allocated storage is sampled: it never goes past the total either.
    let running = true;
    const samples: number[] = [];
    const sampler = (async () => {
      while (running) {
        samples.push((await domainFigures()).allocated);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const outcomes = await createAll(ids);
    running = false;
    await sampler;

    const described = outcomes.map(describeOutcome);
    expect(outcomes.filter(created), described.join('\n')).toHaveLength(10);
    for (const refusal of outcomes.filter((o) => !created(o))) {
      expect(refusal.kind === 'result' && !refusal.result.ok && refusal.result.fieldErrors['services.quotaBytes'], describeOutcome(refusal)).toMatch(/^mailboxSettings\.errors\.storageBeyondDomain/);
    }
    const after = await domainFigures();
    expect(after.accounts).toBe(before.accounts + 10);
    expect(after.allocated).toBe(before.allocated + 10 * GIB);
    expect(Math.max(...samples, after.allocated)).toBeLessThanOrEqual(total);
  });
});
