import { addAliasDomainAction, addDomainAction, deleteDomainAction, removeAliasDomainAction, setDomainActiveAction, updateDomainSettingsAction } from '@/app/(panel)/domains/actions';
import type { DomainRow } from '../../helpers/fixtures';
import { MISSING_ID } from './support';
import { nobody, only, row, type AuthzRow, type World } from './types';

const ENDPOINT = 'app/(panel)/domains/actions.ts';

function settingsInput(domain: DomainRow) {
  return {
    version: domain.version,
    services: { pop: domain.pop, imap: domain.imap, smtp: domain.smtp, webmail: domain.webmail, activesync: false, dav: false, xmpp: false },
    defaultStorageBytes: null,
    pmCanCreate: true,
    pmCanDelete: false,
    pmCanToggle: false,
    pmCanChangeLimits: false,
  };
}

type Target = { target: string; domain: (w: World) => DomainRow; expect: AuthzRow['expect'] };

const targets: Target[] = [
  { target: 'domain A', domain: (w) => w.domainA, expect: only('owningAdmin', 'superadmin') },
  { target: 'domain B', domain: (w) => w.domainB, expect: only('otherAdmin', 'superadmin') },
  { target: 'a domain that does not exist', domain: (w) => ({ ...w.domainA, id: MISSING_ID, name: 'missing.example' }), expect: nobody() },
];

export const domainRows = [
  row({
    endpoint: `${ENDPOINT}#addDomainAction`,
    target: 'a new domain on the plan',
    expect: only('owningAdmin', 'otherAdmin', 'superadmin'),
    call: ({ world, caller }) => addDomainAction({ name: `new-${caller.toLowerCase()}.example`, planId: world.plan.id }),
  }),
  row({
    endpoint: `${ENDPOINT}#addDomainAction`,
    target: 'a new domain for another admin (only the superadmin may name another owner)',
    expect: only('superadmin'),
    denials: ['domains.errors.ownerSuperadminOnly'],
    call: ({ world }) => addDomainAction({ name: 'given-away.example', planId: world.plan.id, adminId: world.spareAdmin.id }),
  }),
  ...targets.flatMap(({ target, domain, expect }) => [
    row({
      endpoint: `${ENDPOINT}#updateDomainSettingsAction`,
      target,
      expect,
      call: ({ world }) => updateDomainSettingsAction(domain(world).id, settingsInput(domain(world))),
    }),
    row({
      endpoint: `${ENDPOINT}#setDomainActiveAction`,
      target,
      expect,
      call: ({ world }) => setDomainActiveAction(domain(world).id, false),
    }),
    row({
      endpoint: `${ENDPOINT}#deleteDomainAction`,
      target,
      expect,
      call: ({ world }) => deleteDomainAction(domain(world).id, { confirmName: domain(world).name }),
    }),
    row({
      endpoint: `${ENDPOINT}#addAliasDomainAction`,
      target,
      expect,
      call: ({ world }) => addAliasDomainAction(domain(world).id, { name: 'new-alias.example' }),
    }),
  ]),
  // Removing an alias domain: by its id, reached through its domain.
  ...[
    { target: 'an alias domain of domain A', id: (w: World) => w.aliasDomainA.id, expect: only('owningAdmin', 'superadmin') },
    { target: 'an alias domain of domain B', id: (w: World) => w.aliasDomainB.id, expect: only('otherAdmin', 'superadmin') },
    { target: 'an alias domain that does not exist', id: () => MISSING_ID, expect: nobody() },
  ].map(({ target, id, expect }) =>
    row({
      endpoint: `${ENDPOINT}#removeAliasDomainAction`,
      target,
      expect,
      call: ({ world }) => removeAliasDomainAction(id(world)),
    }),
  ),
];
