import { activateDkimKeyAction, checkDomainDnsAction, createDkimKeyAction } from '@/app/(panel)/domains/[id]/dns/actions';
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
let key: Promise<{ publicKey: string }> | undefined;

export async function testDns(): Promise<TestDnsServer> {
  dns ??= startDnsServer();
  const server = await dns;
  process.env.DNS_RESOLVER = server.address;
  process.env.MAIL_HOSTNAME = 'mail.example.net';
  return server;
}

/** A pending key of the domain, its record published: activating it is allowed to succeed. */
export async function publishedPendingKey(db: Database, domain: DomainRow) {
  const server = await testDns();
  key ??= generateDkimKey();
  const { publicKey } = await key;
  await db.insert(dkimKeys).values({ domainId: domain.id, selector: 'mp202612', privateKeyEnc: 'v1.not-read-here', publicKey, state: 'pending' });
  server.records[`mp202612._domainkey.${domain.name}`] = { TXT: [`v=DKIM1; k=rsa; p=${publicKey}`] };
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
]);
