import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, vi } from 'vitest';
import { createAdminAction, setAdminActiveAction } from '@/app/(panel)/admins/actions';
import { setAdminAllowedIpsAction, setAdminOtpRequiredAction } from '@/app/(panel)/admins/security-actions';
import { addAliasDomainAction, addDomainAction, deleteDomainAction, removeAliasDomainAction, setDomainActiveAction, updateDomainSettingsAction } from '@/app/(panel)/domains/actions';
import { activateDkimKeyAction, checkDomainDnsAction, createDkimKeyAction, stopEd25519SigningAction } from '@/app/(panel)/domains/[id]/dns/actions';
import { retryJobAction } from '@/app/(panel)/jobs/actions';
import { createPlanAction, deletePlanAction, updatePlanAction } from '@/app/(panel)/plans/actions';
import { dkimKeys, domains, mailJobs, plans } from '@/db/schema';
import { generateDkimKey } from '@/lib/dkim/generate-key';
import { emptyPlanFormValues, planToFormValues } from '@/lib/validations/plan';
import type { World } from './authz/rows/types';
import { hostileValue, idChoice, mutation, applyMutation, resolveId } from './authz/support/hostile';
import { hostileSuite, spec } from './authz/support/hostile-suite';
import { signInAs } from './authz/support/next-mocks';
import { principalOf, seedWorld } from './authz/support/world';
import { useTestDatabase } from './helpers/db';
import { insertPlan } from './helpers/fixtures';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';

// Hostile input to the superadmin's actions: domains, plans, admins. The superadmin may do all of
// them, so what is exercised is validation (and what the data-access layer checks after it).
// Runs on both drivers.

await vi.hoisted(() => import('./authz/support/mock-next-request'));

const t = useTestDatabase();
let world: World;
let counter = 0;
const fresh = (prefix: string) => `${prefix}${++counter}`;

async function reseed(): Promise<void> {
  world = await seedWorld(t.db());
  signInAs(principalOf(world, 'superadmin'));
}

beforeAll(reseed);

const asSuperadmin = async () => signInAs(principalOf(world, 'superadmin'));

async function domainA() {
  const [row] = await t.db().select().from(domains).where(eq(domains.id, world.domainA.id));
  return row;
}

async function livePlan(id: number) {
  const [row] = await t.db().select().from(plans).where(eq(plans.id, id));
  return row;
}

/** A failed mail-host job of an account of domain A (what Retry is for). */
async function failedJob(): Promise<number> {
  const [job] = await t
    .db()
    .insert(mailJobs)
    .values({ address: world.accountA.address, mailboxId: world.accountA.id, domainId: world.domainA.id, kind: 'kick', state: 'failed', attempts: 5, lastError: 'refused' })
    .returning({ id: mailJobs.id });
  return job!.id;
}
let jobId = 0;

// The DNS page's actions look records up in a DNS server of the test's own.
let dns: TestDnsServer | undefined;
async function withTestDns() {
  dns ??= await startDnsServer();
  process.env.DNS_RESOLVER = dns.address;
  process.env.MAIL_HOSTNAME = 'mail.example.net';
  await asSuperadmin();
}
/** Mostly hostile ids: a valid one makes a 2048-bit key, which takes a moment. */
const rareTarget = fc.oneof({ weight: 1, arbitrary: idChoice }, { weight: 12, arbitrary: idChoice.filter((c) => c.kind === 'hostile') });
let published: { publicKey: string } | undefined;
/** Domain A has a pending key whose record is published (what activating needs); true when one was made. */
async function pendingPublishedKey(): Promise<boolean> {
  const [pending] = await t
    .db()
    .select({ selector: dkimKeys.selector })
    .from(dkimKeys)
    .where(and(eq(dkimKeys.domainId, world.domainA.id), eq(dkimKeys.state, 'pending')));
  if (pending && dns!.records[`${pending.selector}._domainkey.${world.domainA.name}`]) return false;
  // One made by another spec (createDkimKeyAction) is not published: replaced by one that is.
  await t.db().delete(dkimKeys).where(and(eq(dkimKeys.domainId, world.domainA.id), eq(dkimKeys.state, 'pending')));
  published ??= await generateDkimKey();
  const selector = `k${++counter}`;
  await t.db().insert(dkimKeys).values({ domainId: world.domainA.id, selector, privateKeyEnc: 'v1.not-read-here', publicKey: published.publicKey, state: 'pending' });
  dns!.records[`${selector}._domainkey.${world.domainA.name}`] = { TXT: [`v=DKIM1; k=rsa; p=${published.publicKey}`] };
  return true;
}

const SERVICE_PATHS = ['services', 'services.pop', 'services.imap', 'services.smtp', 'services.webmail', 'services.activesync', 'services.dav', 'services.xmpp'];
const flag = fc.oneof({ weight: 3, arbitrary: fc.boolean() }, { weight: 1, arbitrary: hostileValue });
/** A DKIM key's algorithm: one of the two, or anything at all. */
const algorithm = fc.oneof({ weight: 2, arbitrary: fc.constantFrom('rsa', 'ed25519', undefined) }, { weight: 2, arbitrary: hostileValue });

hostileSuite('admin', () => t.db(), [
  spec({
    endpoint: 'app/(panel)/domains/actions.ts#addDomainAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    arbitrary: mutation(['name', 'planId', 'adminId']),
    run: (m) => addDomainAction(applyMutation({ name: `${fresh('added')}.example`, planId: world.plan.id, adminId: world.owningAdmin.id }, m)),
  }),
  spec({
    endpoint: 'app/(panel)/domains/actions.ts#updateDomainSettingsAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    arbitrary: fc.record({ id: idChoice, m: mutation(['version', ...SERVICE_PATHS, 'defaultStorageBytes', 'pmCanCreate', 'pmCanDelete', 'pmCanToggle', 'pmCanChangeLimits']) }),
    run: async ({ id, m }) => {
      const domain = (await domainA())!;
      const valid = {
        version: domain.version,
        services: { pop: domain.pop, imap: domain.imap, smtp: domain.smtp, webmail: domain.webmail, activesync: false, dav: false, xmpp: false },
        defaultStorageBytes: world.plan.storageOptionsBytes[0],
        pmCanCreate: true,
        pmCanDelete: true,
        pmCanToggle: true,
        pmCanChangeLimits: false,
      };
      return updateDomainSettingsAction(resolveId(id, world.domainA.id, world.domainB.id) as number, applyMutation(valid, m));
    },
  }),
  spec({
    endpoint: 'app/(panel)/domains/actions.ts#setDomainActiveAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    arbitrary: fc.record({ id: idChoice, active: flag }),
    run: ({ id, active }) => setDomainActiveAction(resolveId(id, world.domainB.id, world.domainA.id) as number, active as boolean),
  }),
  spec({
    endpoint: 'app/(panel)/domains/actions.ts#deleteDomainAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    arbitrary: fc.record({ id: idChoice, m: mutation(['confirmName']) }),
    run: ({ id, m }) => deleteDomainAction(resolveId(id, world.domainB.id, world.domainA.id) as number, applyMutation({ confirmName: world.domainB.name }, m)),
    // The domain is gone: the next cases need it back.
    onSuccess: reseed,
  }),
  spec({
    endpoint: 'app/(panel)/domains/actions.ts#addAliasDomainAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    arbitrary: fc.record({ id: idChoice, m: mutation(['name']) }),
    run: ({ id, m }) => addAliasDomainAction(resolveId(id, world.domainB.id, world.domainA.id) as number, applyMutation({ name: `${fresh('alias')}.example` }, m)),
  }),
  spec({
    endpoint: 'app/(panel)/domains/actions.ts#removeAliasDomainAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    arbitrary: idChoice,
    run: (id) => removeAliasDomainAction(resolveId(id, world.aliasDomainB.id, world.aliasDomainA.id) as number),
    // The alias domain is gone: the next cases need it back.
    onSuccess: reseed,
  }),
  spec({
    endpoint: 'app/(panel)/domains/[id]/dns/actions.ts#checkDomainDnsAction',
    as: 'the superadmin',
    setUp: withTestDns,
    arbitrary: idChoice,
    run: (id) => checkDomainDnsAction(resolveId(id, world.domainA.id, world.domainB.id) as number),
  }),
  spec({
    endpoint: 'app/(panel)/domains/[id]/dns/actions.ts#createDkimKeyAction',
    as: 'the superadmin',
    setUp: withTestDns,
    arbitrary: fc.record({ id: rareTarget, algorithm }),
    run: ({ id, algorithm: a }) => createDkimKeyAction(resolveId(id, world.domainA.id, world.domainB.id) as number, a as 'rsa'),
  }),
  spec({
    endpoint: 'app/(panel)/domains/[id]/dns/actions.ts#activateDkimKeyAction',
    as: 'the superadmin',
    setUp: withTestDns,
    beforeRun: pendingPublishedKey,
    arbitrary: fc.record({ id: idChoice, algorithm }),
    run: ({ id, algorithm: a }) => activateDkimKeyAction(resolveId(id, world.domainA.id, world.domainB.id) as number, a as 'rsa'),
  }),
  spec({
    endpoint: 'app/(panel)/domains/[id]/dns/actions.ts#stopEd25519SigningAction',
    as: 'the superadmin',
    setUp: withTestDns,
    arbitrary: idChoice,
    run: (id) => stopEd25519SigningAction(resolveId(id, world.domainA.id, world.domainB.id) as number),
  }),
  spec({
    endpoint: 'app/(panel)/plans/actions.ts#createPlanAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    arbitrary: mutation([
      'name',
      ...SERVICE_PATHS,
      'storageOptions',
      'domainStorage',
      'domainStorage.amount',
      'domainStorage.unit',
      'maxAccounts',
      'defaultDailySendLimit',
      'maxDailySendLimit',
      'maxMessageMb',
      'allowSpamToInbox',
      'userDetailFields',
      'version',
    ]),
    run: (m) => createPlanAction(applyMutation({ ...emptyPlanFormValues(), name: fresh('Hostile plan ') }, m)),
  }),
  spec({
    endpoint: 'app/(panel)/plans/actions.ts#updatePlanAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    arbitrary: fc.record({
      id: idChoice,
      m: mutation(['version', 'name', ...SERVICE_PATHS, 'storageOptions', 'domainStorage', 'domainStorage.amount', 'maxAccounts', 'defaultDailySendLimit', 'maxDailySendLimit', 'maxMessageMb', 'allowSpamToInbox', 'userDetailFields']),
    }),
    run: async ({ id, m }) => {
      const plan = (await livePlan(world.sparePlan.id))!;
      return updatePlanAction(resolveId(id, plan.id, world.plan.id) as number, applyMutation({ ...planToFormValues(plan), name: fresh('Renamed plan ') }, m));
    },
  }),
  spec({
    endpoint: 'app/(panel)/plans/actions.ts#deletePlanAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    arbitrary: idChoice,
    run: (id) => deletePlanAction(resolveId(id, world.sparePlan.id, world.plan.id) as number),
    // The spare plan is gone: another one takes its place.
    onSuccess: async () => {
      world.sparePlan = await insertPlan(t.db(), { name: fresh('Spare plan ') });
    },
  }),
  spec({
    endpoint: 'app/(panel)/admins/actions.ts#createAdminAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    arbitrary: fc.record({ mode: fc.constantFrom('set', 'generate'), m: mutation(['email', 'name', 'passwordMode', 'password', 'confirmPassword']) }),
    run: ({ mode, m }) => {
      const password = 'Hostile admin password 31';
      return createAdminAction(applyMutation({ email: `${fresh('admin')}@panel.example`, name: 'Hostile', passwordMode: mode, password, confirmPassword: password }, m));
    },
  }),
  spec({
    endpoint: 'app/(panel)/admins/actions.ts#setAdminActiveAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    arbitrary: fc.record({ id: idChoice, active: flag }),
    run: ({ id, active }) => setAdminActiveAction(resolveId(id, world.spareAdmin.id, world.superadmin.id) as number, active as boolean),
  }),
  spec({
    endpoint: 'app/(panel)/admins/security-actions.ts#setAdminAllowedIpsAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    // The id is inside the input: the mutation replaces or drops it like any field.
    arbitrary: mutation(['id', 'allowedIps']),
    run: (m) => setAdminAllowedIpsAction(applyMutation({ id: world.spareAdmin.id, allowedIps: '192.0.2.0/24\n2001:db8::/32' }, m)),
  }),
  spec({
    endpoint: 'app/(panel)/admins/security-actions.ts#setAdminOtpRequiredAction',
    as: 'the superadmin',
    setUp: asSuperadmin,
    arbitrary: mutation(['required']),
    run: (m) => setAdminOtpRequiredAction(applyMutation({ required: false }, m)),
  }),
  spec({
    endpoint: 'app/(panel)/jobs/actions.ts#retryJobAction',
    as: 'the superadmin',
    setUp: async () => {
      await asSuperadmin();
      jobId = await failedJob();
    },
    arbitrary: idChoice,
    run: (id) => retryJobAction(resolveId(id, jobId, jobId + 1_000) as number),
    // The job is pending again: the next cases retry another failed one.
    onSuccess: async () => {
      jobId = await failedJob();
    },
  }),
]);
