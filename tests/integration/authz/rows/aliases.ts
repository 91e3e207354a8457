import { eq } from 'drizzle-orm';
import { createAliasAction, deleteAliasAction, updateAddressSettingsAction, updateAliasAction } from '@/app/(panel)/aliases/actions';
import { aliases, domains as domainTable } from '@/db/schema';
import { MISSING_ID } from './support';
import { domainAStaff, nobody, only, row, type World } from './types';

// The panel's alias actions (issue 17), as the REST API's rows in api-v1.ts: domain A's postmaster may
// manage aliases, domain B's may not (the default), so of the postmasters only A's reaches A's aliases.

const ENDPOINT = 'app/(panel)/aliases/actions.ts';
const domainBAdmins = only('otherAdmin', 'superadmin');

const domains = [
  { target: 'domain A', domain: (w: World) => w.domainA.id, expect: domainAStaff() },
  { target: 'domain B (its postmaster may not manage aliases)', domain: (w: World) => w.domainB.id, expect: domainBAdmins },
  { target: 'a domain that does not exist', domain: () => MISSING_ID, expect: nobody() },
];

const targets = [
  { target: 'an alias of domain A', alias: (w: World) => w.aliasA, expect: domainAStaff() },
  { target: 'an alias of domain B (its postmaster may not manage aliases)', alias: (w: World) => w.aliasB, expect: domainBAdmins },
  { target: 'an alias that does not exist', alias: (w: World) => ({ ...w.aliasA, id: MISSING_ID }), expect: nobody() },
];

export const aliasRows = [
  ...domains.map(({ target, domain, expect }) =>
    row({
      endpoint: `${ENDPOINT}#createAliasAction`,
      target,
      expect,
      call: ({ world }) => createAliasAction(domain(world), { localPart: 'sales', description: 'Sales', targets: 'someone@elsewhere.example' }),
    }),
  ),
  // The catch-all (to the domain's own postmaster mailbox) and plus-addressing.
  ...domains.map(({ target, domain, expect }) =>
    row({
      endpoint: `${ENDPOINT}#updateAddressSettingsAction`,
      target,
      expect,
      call: async ({ world, db }) => {
        const [current] = await db.select({ version: domainTable.version }).from(domainTable).where(eq(domainTable.id, domain(world)));
        return updateAddressSettingsAction(domain(world), { version: current?.version ?? 1, catchAll: 'postmaster', plusAddressing: false });
      },
    }),
  ),
  ...targets.flatMap(({ target, alias, expect }) => [
    row({
      endpoint: `${ENDPOINT}#updateAliasAction`,
      target,
      expect,
      call: async ({ world, db }) => {
        const [current] = await db.select({ version: aliases.version }).from(aliases).where(eq(aliases.id, alias(world).id));
        return updateAliasAction(alias(world).id, { version: current?.version ?? 1, description: 'Changed', active: false, targets: 'someone@elsewhere.example' });
      },
    }),
    row({
      endpoint: `${ENDPOINT}#deleteAliasAction`,
      target,
      expect,
      call: ({ world }) => deleteAliasAction(alias(world).id),
    }),
  ]),
];
