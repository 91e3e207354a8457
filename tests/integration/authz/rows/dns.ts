import { activateDkimKeyAction, checkDomainDnsAction, createDkimKeyAction, stopEd25519SigningAction } from '@/app/(panel)/domains/[id]/dns/actions';
import type { Database } from '@/db';
import { dkimKeys } from '@/db/schema';
import { generateDkimKey } from '@/lib/dkim/generate-key';
import { startDnsServer, type TestDnsServer } from '../../../helpers/dns-server';
import type { DomainRow } from '../../helpers/fixtures';
import { MISSING_ID } from './support';
import { nobody, only, row, type AuthzRow, type World } from './types';

// The DNS records page's actions (issue 18): the live check, creating (rotating) and activating a DKIM
// key are the domain's admins' (domains:update); a postmaster only reads its domain's records (the page).
// The lookups go to a DNS server of the test's own on loopback.

let dns: Promise<TestDnsServer> | undefined;
const keys: Partial<Record<'rsa' | 'ed25519', Promise<{ publicKey: string }>>> = {};

export async function testDns(): Promise<TestDnsServer> {
  dns ??= startDnsServer();
  const server = await dns;
  process.env.DNS_RESOLVER = server.address;
  process.env.MAIL_HOSTNAME = 'mail.example.net';
  return server;
}

/** A pending key of the domain, its record published: activating it is allowed to succeed. */
export async function publishedPendingKey(db: Database, domain: DomainRow, algorithm: 'rsa' | 'ed25519' = 'rsa') {
  const server = await testDns();
  keys[algorithm] ??= generateDkimKey(algorithm);
  const { publicKey } = await keys[algorithm];
  const selector = algorithm === 'rsa' ? 'mp202612' : 'ed202612';
  await db.insert(dkimKeys).values({ domainId: domain.id, selector, algorithm, privateKeyEnc: 'v1.not-read-here', publicKey, state: 'pending' });
  server.records[`${selector}._domainkey.${domain.name}`] = { TXT: [`v=DKIM1; k=${algorithm}; p=${publicKey}`] };
}

/** An active ed25519 key of the domain: stopping the second signature has something to change. */
export async function activeEd25519Key(db: Database, domain: DomainRow) {
  keys.ed25519 ??= generateDkimKey('ed25519');
  const { publicKey } = await keys.ed25519;
  await db.insert(dkimKeys).values({ domainId: domain.id, selector: 'ed202611', algorithm: 'ed25519', privateKeyEnc: 'v1.not-read-here', publicKey, state: 'active' });
}

const ENDPOINT = 'app/(panel)/domains/[id]/dns/actions.ts';

type Target = { target: string; domain: (w: World) => DomainRow; expect: AuthzRow['expect'] };

const targets: Target[] = [
  { target: 'domain A', domain: (w) => w.domainA, expect: only('owningAdmin', 'superadmin') },
  { target: 'domain B', domain: (w) => w.domainB, expect: only('otherAdmin', 'superadmin') },
  { target: 'a domain that does not exist', domain: (w) => ({ ...w.domainA, id: MISSING_ID, name: 'missing.example' }), expect: nobody() },
];

export const dnsRows = targets.flatMap(({ target, domain, expect }) => [
  row({
    endpoint: `${ENDPOINT}#checkDomainDnsAction`,
    target,
    expect,
    prepare: async () => void (await testDns()),
    call: ({ world }) => checkDomainDnsAction(domain(world).id),
  }),
  row({
    endpoint: `${ENDPOINT}#createDkimKeyAction`,
    target,
    expect,
    call: ({ world }) => createDkimKeyAction(domain(world).id),
  }),
  row({
    endpoint: `${ENDPOINT}#activateDkimKeyAction`,
    target,
    expect,
    prepare: async ({ db, world }) => {
      if (domain(world).id !== MISSING_ID) await publishedPendingKey(db, domain(world));
    },
    call: ({ world }) => activateDkimKeyAction(domain(world).id),
  }),
  row({
    endpoint: `${ENDPOINT}#createDkimKeyAction`,
    target: `${target}, ed25519`,
    expect,
    call: ({ world }) => createDkimKeyAction(domain(world).id, 'ed25519'),
  }),
  row({
    endpoint: `${ENDPOINT}#activateDkimKeyAction`,
    target: `${target}, ed25519`,
    expect,
    prepare: async ({ db, world }) => {
      if (domain(world).id !== MISSING_ID) await publishedPendingKey(db, domain(world), 'ed25519');
    },
    call: ({ world }) => activateDkimKeyAction(domain(world).id, 'ed25519'),
  }),
  row({
    endpoint: `${ENDPOINT}#stopEd25519SigningAction`,
    target,
    expect,
    // A domain signing with ed25519: stopping it has something to change.
    prepare: async ({ db, world }) => {
      if (domain(world).id !== MISSING_ID) await activeEd25519Key(db, domain(world));
    },
    call: ({ world }) => stopEd25519SigningAction(domain(world).id),
  }),
]);
