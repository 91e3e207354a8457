import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { vi } from 'vitest';
import { createAccountAction, saveAccountStepAction, saveSecurityStepAction, saveServicesStepAction } from '@/app/(panel)/domains/[id]/accounts/new/actions';
import { insertDraft, type DraftOwner } from '@/db/queries/account-drafts';
import { plans } from '@/db/schema';
import { DRAFT_TTL_SECONDS } from '@/lib/accounts/wizard/access';
import { optionsStepSchema, securityStepSchema, servicesStepSchema } from '@/lib/validations/account-wizard';
import { WIZARD_STEP_1, WIZARD_STEP_2, WIZARD_STEP_3, WIZARD_STEP_4 } from './authz/rows/support';
import type { World } from './authz/rows/types';
import { applyMutation, hostileString, hostileValue, idChoice, mutation, resolveId, type IdChoice, type Mutation } from './authz/support/hostile';
import { hostileSuite, spec } from './authz/support/hostile-suite';
import { signInAs } from './authz/support/next-mocks';
import { principalOf, seedWorld } from './authz/support/world';
import { useTestDatabase } from './helpers/db';
import { BCRYPT_HASH, GIB } from './helpers/fixtures';

// Hostile input to the four steps of the new-account wizard, as domain A's postmaster (allowed to
// create), with its own draft; "other" ids name domain B, and a draft may also be the superadmin's, a
// new one (step 1), or anything at all. The plan leaves room for every account the runs create.
// Runs on both drivers.

await vi.hoisted(() => import('./authz/support/mock-next-request'));

const t = useTestDatabase();
let world: World;
let drafts: { own: string; others: string };
let counter = 0;
const freshLocalPart = () => `fuzz${++counter}`;

/** A complete draft (steps 1–3 saved, at step 4) in domain A, owned by `owner`, for a new local part. */
async function completeDraft(owner: DraftOwner): Promise<string> {
  const data = {
    account: { firstName: 'Fuzz', lastName: 'Wizard', description: '', localPart: freshLocalPart(), passwordHash: BCRYPT_HASH, passwordGenerated: false },
    services: servicesStepSchema.parse(WIZARD_STEP_2),
    security: securityStepSchema.parse(WIZARD_STEP_3),
  };
  return (await insertDraft({ ex: t.db(), domainId: world.domainA.id, owner, step: 4, data, ttlSeconds: DRAFT_TTL_SECONDS })).id;
}

async function freshWorld(): Promise<void> {
  world = await seedWorld(t.db());
  await t.db().update(plans).set({ maxAccounts: 1_000_000, domainStorageBytes: 4_096 * GIB }).where(eq(plans.id, world.plan.id));
  drafts = {
    own: await completeDraft({ kind: 'mailbox', id: world.postmasterA.id }),
    others: await completeDraft({ kind: 'admin', id: world.superadmin.id }),
  };
  signInAs(principalOf(world, 'postmaster'));
}

type DraftChoice = { kind: 'own' } | { kind: 'others' } | { kind: 'new' } | { kind: 'hostile'; value: unknown };
const draftChoice = (withNew: boolean): fc.Arbitrary<DraftChoice> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant<DraftChoice>({ kind: 'own' }) },
    { weight: withNew ? 4 : 0, arbitrary: fc.constant<DraftChoice>({ kind: 'new' }) },
    { weight: 1, arbitrary: fc.constant<DraftChoice>({ kind: 'others' }) },
    { weight: 3, arbitrary: fc.oneof(fc.uuid(), hostileString, hostileValue).map((value): DraftChoice => ({ kind: 'hostile', value })) },
  );

function draftOf(choice: DraftChoice): unknown {
  switch (choice.kind) {
    case 'own':
      return drafts.own;
    case 'others':
      return drafts.others;
    case 'new':
      return null;
    case 'hostile':
      return choice.value;
  }
}

type Case = { domain: IdChoice; draft: DraftChoice; m: Mutation };
const caseOf = (paths: string[], withNew = false): fc.Arbitrary<Case> => fc.record({ domain: idChoice, draft: draftChoice(withNew), m: mutation(paths) });
const domainOf = (choice: IdChoice) => resolveId(choice, world.domainA.id, world.domainB.id) as number;

const SERVICES = ['pop', 'imap', 'smtp', 'webmail', 'activesync', 'dav', 'xmpp'].map((s) => `services.${s}`);

hostileSuite('wizard', () => t.db(), [
  spec({
    endpoint: 'app/(panel)/domains/[id]/accounts/new/actions.ts#saveAccountStepAction',
    as: "domain A's postmaster",
    setUp: freshWorld,
    arbitrary: fc.record({ mode: fc.constantFrom('set', 'generate'), c: caseOf(['firstName', 'lastName', 'description', 'localPart', 'passwordMode', 'password', 'confirmPassword'], true) }),
    run: ({ mode, c }) =>
      saveAccountStepAction(domainOf(c.domain), draftOf(c.draft) as string | null, applyMutation({ ...WIZARD_STEP_1, passwordMode: mode, localPart: freshLocalPart() }, c.m)),
  }),
  spec({
    endpoint: 'app/(panel)/domains/[id]/accounts/new/actions.ts#saveServicesStepAction',
    as: "domain A's postmaster",
    setUp: freshWorld,
    arbitrary: caseOf(['quotaBytes', 'services', ...SERVICES]),
    run: (c) => saveServicesStepAction(domainOf(c.domain), draftOf(c.draft) as string, applyMutation({ ...WIZARD_STEP_2, quotaBytes: 5 * GIB }, c.m)),
  }),
  spec({
    endpoint: 'app/(panel)/domains/[id]/accounts/new/actions.ts#saveSecurityStepAction',
    as: "domain A's postmaster",
    setUp: freshWorld,
    arbitrary: caseOf([
      'forcePasswordChange',
      'passwordExpiryMonths',
      'blockPasswordReuse',
      'passwordChangeDisabled',
      'passwordRecoveryDisabled',
      'otpRequired',
      'allowedIps',
      'apiAccess',
    ]),
    run: (c) => saveSecurityStepAction(domainOf(c.domain), draftOf(c.draft) as string, applyMutation({ ...WIZARD_STEP_3, allowedIps: '192.0.2.1\n2001:db8::/32' }, c.m)),
  }),
  spec({
    endpoint: 'app/(panel)/domains/[id]/accounts/new/actions.ts#createAccountAction',
    as: "domain A's postmaster",
    setUp: freshWorld,
    arbitrary: caseOf(['forwards', 'forwardKeepCopy', 'spamToInbox']),
    run: (c) => createAccountAction(domainOf(c.domain), draftOf(c.draft) as string, applyMutation({ ...WIZARD_STEP_4, forwards: 'copy@elsewhere.example' }, c.m)),
    // Step 4 is saved into the draft before "Create" is checked (so Back keeps it): a refusal of Create
    // itself may have changed the draft, and nothing else.
    verdict: (c) => ({ refusalMayWrite: optionsStepSchema.safeParse(applyMutation({ ...WIZARD_STEP_4, forwards: 'copy@elsewhere.example' }, c.m)).success ? ['account_drafts'] : [] }),
    // The draft became an account: the next cases get a new one.
    onSuccess: async () => {
      drafts.own = await completeDraft({ kind: 'mailbox', id: world.postmasterA.id });
    },
  }),
]);
