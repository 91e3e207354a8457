import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { vi } from 'vitest';
import { createAliasAction, deleteAliasAction, updateAddressSettingsAction, updateAliasAction } from '@/app/(panel)/aliases/actions';
import { aliases, domains } from '@/db/schema';
import type { World } from './authz/rows/types';
import { applyMutation, idChoice, mutation, resolveId, type IdChoice, type Mutation } from './authz/support/hostile';
import { hostileSuite, spec } from './authz/support/hostile-suite';
import { signInAs } from './authz/support/next-mocks';
import { principalOf, seedWorld } from './authz/support/world';
import { useTestDatabase } from './helpers/db';

// Hostile input to the panel's alias forms, as domain A's postmaster (its admin lets it manage aliases);
// "other" ids name domain B or its alias (whose postmaster may not). Runs on both drivers.

await vi.hoisted(() => import('./authz/support/mock-next-request'));

const t = useTestDatabase();
let world: World;
let counter = 0;

async function freshWorld(): Promise<void> {
  world = await seedWorld(t.db());
  signInAs(principalOf(world, 'postmaster'));
}

async function aliasForm(): Promise<Record<string, unknown>> {
  const [row] = await t.db().select({ version: aliases.version }).from(aliases).where(eq(aliases.id, world.aliasA.id));
  return { version: row?.version ?? 1, description: 'Front desk', active: true, targets: `${world.accountA.address}\nfriend@elsewhere.example`, senders: 'members', sendAs: world.accountA.address };
}

const FIELDS = ['description', 'active', 'targets', 'senders', 'sendAs'];

async function addressSettingsForm(): Promise<Record<string, unknown>> {
  const [row] = await t.db().select({ version: domains.version }).from(domains).where(eq(domains.id, world.domainA.id));
  return { version: row?.version ?? 1, catchAll: world.accountA.address.split('@')[0], plusAddressing: false };
}

hostileSuite('aliases', () => t.db(), [
  spec<{ id: IdChoice; m: Mutation }>({
    endpoint: 'app/(panel)/aliases/actions.ts#createAliasAction',
    as: "domain A's postmaster",
    setUp: freshWorld,
    arbitrary: fc.record({ id: idChoice, m: mutation(['localPart', ...FIELDS]) }),
    run: ({ id, m }) =>
      createAliasAction(
        resolveId(id, world.domainA.id, world.domainB.id) as number,
        applyMutation({ localPart: `sales${++counter}`, description: 'Sales', active: true, targets: `${world.accountA.address}, friend@elsewhere.example`, senders: 'domain', sendAs: [world.accountA.address] }, m),
      ),
    // Room under the plan's alias limit for the next ones.
    onSuccess: freshWorld,
  }),
  spec<{ id: IdChoice; m: Mutation }>({
    endpoint: 'app/(panel)/aliases/actions.ts#updateAliasAction',
    as: "domain A's postmaster",
    setUp: freshWorld,
    arbitrary: fc.record({ id: idChoice, m: mutation(['version', ...FIELDS]) }),
    run: async ({ id, m }) => updateAliasAction(resolveId(id, world.aliasA.id, world.aliasB.id) as number, applyMutation(await aliasForm(), m)),
  }),
  spec({
    endpoint: 'app/(panel)/aliases/actions.ts#deleteAliasAction',
    as: "domain A's postmaster",
    setUp: freshWorld,
    arbitrary: idChoice,
    run: (id) => deleteAliasAction(resolveId(id, world.aliasA.id, world.aliasB.id) as number),
    // The alias is gone: the next cases need it back.
    onSuccess: freshWorld,
  }),
  spec<{ id: IdChoice; m: Mutation }>({
    endpoint: 'app/(panel)/aliases/actions.ts#updateAddressSettingsAction',
    as: "domain A's postmaster",
    setUp: freshWorld,
    arbitrary: fc.record({ id: idChoice, m: mutation(['version', 'catchAll', 'plusAddressing']) }),
    run: async ({ id, m }) => updateAddressSettingsAction(resolveId(id, world.domainA.id, world.domainB.id) as number, applyMutation(await addressSettingsForm(), m)),
  }),
]);
