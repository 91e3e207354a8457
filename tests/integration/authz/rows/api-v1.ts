import { eq } from 'drizzle-orm';
import * as accountsRoute from '@/app/api/v1/accounts/route';
import * as aliasesRoute from '@/app/api/v1/aliases/route';
import * as aliasRoute from '@/app/api/v1/aliases/[id]/route';
import * as aliasDomainRoute from '@/app/api/v1/alias-domains/[id]/route';
import * as accountRoute from '@/app/api/v1/accounts/[id]/route';
import * as accountAutoresponder from '@/app/api/v1/accounts/[id]/autoresponder/route';
import * as accountDeactivate from '@/app/api/v1/accounts/[id]/deactivate/route';
import * as accountGeneral from '@/app/api/v1/accounts/[id]/general/route';
import * as accountMasterData from '@/app/api/v1/accounts/[id]/master-data/route';
import * as accountReactivate from '@/app/api/v1/accounts/[id]/reactivate/route';
import * as accountSecurity from '@/app/api/v1/accounts/[id]/security/route';
import * as accountWebmail from '@/app/api/v1/accounts/[id]/webmail/route';
import * as auditRoute from '@/app/api/v1/audit/route';
import * as domainsRoute from '@/app/api/v1/domains/route';
import * as domainRoute from '@/app/api/v1/domains/[id]/route';
import * as domainAccounts from '@/app/api/v1/domains/[id]/accounts/route';
import * as domainAliases from '@/app/api/v1/domains/[id]/aliases/route';
import * as domainAliasDomains from '@/app/api/v1/domains/[id]/alias-domains/route';
import * as domainAliasesExport from '@/app/api/v1/domains/[id]/aliases/export/route';
import * as domainAliasesImport from '@/app/api/v1/domains/[id]/aliases/import/route';
import * as domainAccountsBulk from '@/app/api/v1/domains/[id]/accounts/bulk/route';
import * as domainAccountsExport from '@/app/api/v1/domains/[id]/accounts/export/route';
import * as domainAccountsImport from '@/app/api/v1/domains/[id]/accounts/import/route';
import * as domainDeactivate from '@/app/api/v1/domains/[id]/deactivate/route';
import * as domainDkimKeys from '@/app/api/v1/domains/[id]/dkim-keys/route';
import * as domainDkimEd25519 from '@/app/api/v1/domains/[id]/dkim-keys/ed25519/route';
import * as domainDkimActivate from '@/app/api/v1/domains/[id]/dkim-keys/activate/route';
import * as domainReactivate from '@/app/api/v1/domains/[id]/reactivate/route';
import * as domainSettings from '@/app/api/v1/domains/[id]/settings/route';
import * as meRoute from '@/app/api/v1/me/route';
import * as meAutoresponder from '@/app/api/v1/me/autoresponder/route';
import * as meForwards from '@/app/api/v1/me/forwards/route';
import * as meLocalization from '@/app/api/v1/me/localization/route';
import * as mePassword from '@/app/api/v1/me/password/route';
import * as meWebmail from '@/app/api/v1/me/webmail/route';
import * as webmailPassword from '@/app/api/v1/webmail/password/route';
import * as plansRoute from '@/app/api/v1/plans/route';
import * as planRoute from '@/app/api/v1/plans/[id]/route';
import * as postmastersRoute from '@/app/api/v1/postmasters/route';
import * as postmasterRoute from '@/app/api/v1/postmasters/[id]/route';
import * as postmasterAutoresponder from '@/app/api/v1/postmasters/[id]/autoresponder/route';
import * as postmasterGeneral from '@/app/api/v1/postmasters/[id]/general/route';
import * as postmasterMasterData from '@/app/api/v1/postmasters/[id]/master-data/route';
import * as postmasterSecurity from '@/app/api/v1/postmasters/[id]/security/route';
import * as postmasterWebmail from '@/app/api/v1/postmasters/[id]/webmail/route';
import type { ApiRouteHandler } from '@/lib/api/handler';
import { aliases, mailboxes } from '@/db/schema';
import { createApiToken } from '@/lib/api-tokens/create-token';
import type { MailboxRow } from '../../helpers/fixtures';
import { activeEd25519Key, publishedPendingKey, testDns } from './dns';
import { MISSING_ID, mailboxVersion, ownVersion, SERVICES_ON } from './support';
import { domainAStaff, everyone, nobody, only, row, signedIn, type AuthzRow, type CallContext, type PublicEndpoint, type World } from './types';

// Rows for the REST API's route handlers (app/api/v1/**/route.ts, bearer tokens). The matrix fails for
// every exported HTTP method under app/api/v1 that has no row here, and for every row whose endpoint no
// longer exists.
//
// To add a row: one per (endpoint, target), with the expectation for each of the seven callers, e.g.
//
//   row<string | null>({
//     endpoint: 'app/api/v1/domains/[id]/route.ts#GET',         // path#METHOD, as in the repository
//     target: 'domain A',
//     expect: domainAStaff(),                                     // or only(...), nobody(), signedIn()…
//     // A token for the caller (null for anonymous), made before the "before" digest.
//     prepare: ({ callerObject }) => (callerObject ? mintTokenFor(callerObject) : Promise.resolve(null)),
//     call: ({ world, prepared }) =>
//       GET(new Request(`http://panel.test/api/v1/domains/${world.domainA.id}`, { headers: prepared ? { authorization: `Bearer ${prepared}` } : {} }),
//           { params: Promise.resolve({ id: String(world.domainA.id) }) }),
//     writes: false,                                              // GETs change nothing; writes default to false for routes
//   }),
//
// A Response with status 2xx/3xx counts as allowed; 401, 403 and 404 as denied; anything else (a 500, a
// 400 for the valid input the row sends) fails the row. A denied call must leave every table unchanged,
// and an allowed call with `writes: true` must change something. `row`, the caller helpers and the World
// (domain A owned by `owningAdmin`, domain B by `otherAdmin`, …) are in ./types.ts.
//
// Every request with a token records the token's last use and counts it against its rate window (in
// api_tokens), refused or not: that table is a throttle by design and the matrix leaves it out of its
// digest for these rows.

/** The caller's token, made through the panel's own function (a mailbox gets API access first), or null for anonymous. */
export async function mintTokenFor({ db, callerObject }: CallContext<unknown>): Promise<string | null> {
  if (!callerObject) return null;
  if (callerObject.kind === 'mailbox') await db.update(mailboxes).set({ apiAccess: true }).where(eq(mailboxes.id, callerObject.id));
  const created = await createApiToken({ caller: callerObject, ip: null, input: { name: 'matrix', access: 'read_write', expiresInDays: '7' } });
  if (!created.ok) throw new Error(`no token for ${callerObject.label}: ${created.formError}`);
  return created.data.token;
}

type Prepared = { token: string | null; version: number };
type Route = { path: (w: World) => string; params?: (w: World) => Record<string, string>; query?: (w: World) => Record<string, string> };

function send(handler: ApiRouteHandler | undefined, method: string, token: string | null, route: Route, world: World, body?: unknown) {
  if (!handler) throw new Error(`no ${method} handler`);
  const url = new URL(`http://panel.test/api/v1${route.path(world)}`);
  for (const [key, value] of Object.entries(route.query?.(world) ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const csv = body instanceof CsvBody ? body.text : undefined;
  if (body !== undefined) headers['content-type'] = csv === undefined ? 'application/json' : 'text/csv';
  const request = new Request(url, { method, headers, body: body === undefined ? undefined : (csv ?? JSON.stringify(body)) });
  return handler(request, { params: Promise.resolve(route.params?.(world) ?? {}) });
}

/** A CSV upload's body (the import), sent as text/csv instead of JSON. */
class CsvBody {
  constructor(readonly text: string) {}
}

/** One row: the endpoint's file under app/api/v1, its method, a target, who may, and the body (given the target's version). */
function apiRow(spec: {
  file: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  handler: ApiRouteHandler | undefined;
  target: string;
  expect: AuthzRow['expect'];
  route: Route;
  /** The version the body names: the target's (default) or the caller's own. */
  version?: (context: CallContext<unknown>) => Promise<number>;
  body?: (world: World, version: number) => unknown;
  writes?: boolean;
  /** What the target needs before the call (before the digest), e.g. a DKIM key to activate. */
  setUp?: (context: CallContext<unknown>) => Promise<void>;
}): AuthzRow<unknown> {
  return row<Prepared>({
    endpoint: `app/api/v1/${spec.file}#${spec.method}`,
    target: spec.target,
    expect: spec.expect,
    prepare: async (context) => {
      await spec.setUp?.(context);
      return { token: await mintTokenFor(context), version: spec.version ? await spec.version(context) : 1 };
    },
    call: ({ world, prepared }) => send(spec.handler, spec.method, prepared.token, spec.route, world, spec.body?.(world, prepared.version)),
    writes: spec.writes ?? false,
  });
}

function at(base: string, id: (w: World) => number, suffix = ''): Route {
  return { path: (w) => `${base}/${id(w)}${suffix}`, params: (w) => ({ id: String(id(w)) }) };
}

const admins = only('owningAdmin', 'otherAdmin', 'superadmin');
const domainAAdmins = only('owningAdmin', 'superadmin');
const anyStaff = only('postmaster', 'otherPostmaster', 'owningAdmin', 'otherAdmin', 'superadmin');
const mailboxCallers = only('user', 'postmaster', 'otherPostmaster');
const versionOf = (mailbox: (w: World) => MailboxRow) => (context: CallContext<unknown>) => mailboxVersion(context.db, mailbox(context.world).id);

/** The five settings sections' bodies for a mailbox as the world seeds it. */
function sectionBodies(mailbox: (w: World) => MailboxRow) {
  return {
    'master-data': (w: World, version: number) => ({ version, firstName: 'Changed', lastName: '', description: '', language: 'en', timeZone: 'UTC' }),
    general: (w: World, version: number) => ({
      version,
      quotaBytes: mailbox(w).quotaBytes,
      dailySendLimit: mailbox(w).dailySendLimit,
      services: SERVICES_ON,
      forwards: ['elsewhere@example.org'],
      forwardKeepCopy: true,
      spamToInbox: false,
      rejectAll: false,
      rejectMessage: '',
    }),
    security: (w: World, version: number) => ({
      version,
      passwordExpiryMonths: 3,
      blockPasswordReuse: false,
      passwordChangeDisabled: false,
      passwordRecoveryDisabled: false,
      forcePasswordChange: false,
      otpRequired: false,
      allowedIps: [],
      apiAccess: mailbox(w).apiAccess,
    }),
    autoresponder: (_w: World, version: number) => ({ version, enabled: true, subject: 'Away', body: 'Back soon.', startsAt: '', endsAt: '' }),
    webmail: (_w: World, version: number) => ({ version, language: 'it', timeZone: 'UTC', dateFormat: 'yyyy-MM-dd', timeFormat: 'HH:mm', inAddressBook: false }),
  } as const;
}

const accountSections = { 'master-data': accountMasterData, general: accountGeneral, security: accountSecurity, autoresponder: accountAutoresponder, webmail: accountWebmail };
const postmasterSections = {
  'master-data': postmasterMasterData,
  general: postmasterGeneral,
  security: postmasterSecurity,
  autoresponder: postmasterAutoresponder,
  webmail: postmasterWebmail,
};

const accountA = (w: World) => w.accountA;
const postmasterA = (w: World) => w.postmasterA;
const NEW_PASSWORD = 'A new matrix passphrase 77';

// The aliases' REST endpoints (issue 17). Domain A's postmaster may manage aliases, domain B's may not
// (the default): so of the postmasters only A's reaches A's aliases, and B's is refused even its own.

const aliasVersion = (alias: (w: World) => { id: number }) => async ({ db, world }: CallContext<unknown>) => {
  const [row] = await db.select({ version: aliases.version }).from(aliases).where(eq(aliases.id, alias(world).id));
  return row?.version ?? 1;
};

const domainBAdmins = only('otherAdmin', 'superadmin');

const aliasRows: AuthzRow<unknown>[] = [
  apiRow({
    file: 'aliases/route.ts',
    method: 'GET',
    handler: aliasesRoute.GET,
    target: 'the cross-domain alias list',
    expect: only('postmaster', 'owningAdmin', 'otherAdmin', 'superadmin'),
    route: { path: () => '/aliases' },
  }),
  ...[
    { target: 'domain A', domain: (w: World) => w.domainA.id, expect: domainAStaff() },
    { target: 'domain B (its postmaster may not manage aliases)', domain: (w: World) => w.domainB.id, expect: domainBAdmins },
    { target: 'a missing domain', domain: () => MISSING_ID, expect: nobody() },
  ].flatMap(({ target, domain, expect }) => [
    apiRow({ file: 'domains/[id]/aliases/route.ts', method: 'GET', handler: domainAliases.GET, target, expect, route: at('/domains', domain, '/aliases') }),
    apiRow({
      file: 'domains/[id]/aliases/route.ts',
      method: 'POST',
      handler: domainAliases.POST,
      target,
      expect,
      route: at('/domains', domain, '/aliases'),
      body: () => ({ localPart: 'sales', description: 'Sales', targets: ['someone@elsewhere.example'] }),
      writes: true,
    }),
    apiRow({ file: 'domains/[id]/aliases/export/route.ts', method: 'GET', handler: domainAliasesExport.GET, target, expect, route: at('/domains', domain, '/aliases/export') }),
    apiRow({
      file: 'domains/[id]/aliases/import/route.ts',
      method: 'POST',
      handler: domainAliasesImport.POST,
      target,
      expect,
      route: at('/domains', domain, '/aliases/import'),
      body: () => new CsvBody('local_part,targets\r\nimported,someone@elsewhere.example\r\n'),
      writes: true,
    }),
  ]),
  ...[
    { target: 'an alias of domain A', alias: (w: World) => w.aliasA, expect: domainAStaff() },
    { target: 'an alias of domain B (its postmaster may not manage aliases)', alias: (w: World) => w.aliasB, expect: domainBAdmins },
  ].flatMap(({ target, alias, expect }) => [
    apiRow({ file: 'aliases/[id]/route.ts', method: 'GET', handler: aliasRoute.GET, target, expect, route: at('/aliases', (w) => alias(w).id) }),
    apiRow({
      file: 'aliases/[id]/route.ts',
      method: 'PUT',
      handler: aliasRoute.PUT,
      target,
      expect,
      route: at('/aliases', (w) => alias(w).id),
      version: aliasVersion(alias),
      body: (_w, version) => ({ version, description: 'Changed', active: false, targets: ['someone@elsewhere.example'] }),
      writes: true,
    }),
    apiRow({ file: 'aliases/[id]/route.ts', method: 'DELETE', handler: aliasRoute.DELETE, target, expect, route: at('/aliases', (w) => alias(w).id), writes: true }),
  ]),
];

// Alias domains (issue 17, point 4): read by whoever reads the domain, added and removed by its admins.
const aliasDomainRows: AuthzRow<unknown>[] = [
  ...[
    { target: 'domain A', domain: (w: World) => w.domainA.id, read: domainAStaff(), write: domainAAdmins },
    { target: 'domain B', domain: (w: World) => w.domainB.id, read: only('otherPostmaster', 'otherAdmin', 'superadmin'), write: domainBAdmins },
    { target: 'a missing domain', domain: () => MISSING_ID, read: nobody(), write: nobody() },
  ].flatMap(({ target, domain, read, write }) => [
    apiRow({ file: 'domains/[id]/alias-domains/route.ts', method: 'GET', handler: domainAliasDomains.GET, target, expect: read, route: at('/domains', domain, '/alias-domains') }),
    apiRow({
      file: 'domains/[id]/alias-domains/route.ts',
      method: 'POST',
      handler: domainAliasDomains.POST,
      target,
      expect: write,
      route: at('/domains', domain, '/alias-domains'),
      body: () => ({ name: 'new-alias.example' }),
      writes: true,
    }),
  ]),
  ...[
    { target: 'an alias domain of domain A', id: (w: World) => w.aliasDomainA.id, expect: domainAAdmins },
    { target: 'an alias domain of domain B', id: (w: World) => w.aliasDomainB.id, expect: domainBAdmins },
    { target: 'a missing alias domain', id: () => MISSING_ID, expect: nobody() },
  ].map(({ target, id, expect }) =>
    apiRow({ file: 'alias-domains/[id]/route.ts', method: 'DELETE', handler: aliasDomainRoute.DELETE, target, expect, route: at('/alias-domains', id), writes: true }),
  ),
];

export const apiV1Rows: AuthzRow<unknown>[] = [
  // Domains.
  apiRow({ file: 'domains/route.ts', method: 'GET', handler: domainsRoute.GET, target: 'the domain list', expect: anyStaff, route: { path: () => '/domains' } }),
  apiRow({
    file: 'domains/route.ts',
    method: 'POST',
    handler: domainsRoute.POST,
    target: 'a new domain on the plan',
    expect: admins,
    route: { path: () => '/domains' },
    body: (w) => ({ name: 'gamma.example', planId: w.plan.id }),
    writes: true,
  }),
  ...[
    { target: 'domain A', id: (w: World) => w.domainA.id, read: domainAStaff(), write: domainAAdmins },
    { target: 'a domain that does not exist', id: () => MISSING_ID, read: nobody(), write: nobody() },
  ].flatMap(({ target, id, read, write }) => [
    apiRow({ file: 'domains/[id]/route.ts', method: 'GET', handler: domainRoute.GET, target, expect: read, route: at('/domains', id) }),
    apiRow({ file: 'domains/[id]/accounts/route.ts', method: 'GET', handler: domainAccounts.GET, target, expect: read, route: at('/domains', id, '/accounts') }),
    apiRow({ file: 'domains/[id]/accounts/export/route.ts', method: 'GET', handler: domainAccountsExport.GET, target, expect: read, route: at('/domains', id, '/accounts/export') }),
    apiRow({
      file: 'domains/[id]/accounts/import/route.ts',
      method: 'POST',
      handler: domainAccountsImport.POST,
      target,
      expect: read,
      route: at('/domains', id, '/accounts/import'),
      body: () => new CsvBody('local_part,first_name\r\nimported,Imported\r\n'),
      writes: true,
    }),
    apiRow({
      file: 'domains/[id]/accounts/bulk/route.ts',
      method: 'POST',
      handler: domainAccountsBulk.POST,
      target,
      expect: read,
      route: at('/domains', id, '/accounts/bulk'),
      body: () => ({ action: 'forcePasswordChange', match: { q: '' } }),
      writes: true,
    }),
    apiRow({
      file: 'domains/[id]/settings/route.ts',
      method: 'PUT',
      handler: domainSettings.PUT,
      target,
      expect: write,
      route: at('/domains', id, '/settings'),
      body: (w) => ({ version: w.domainA.version, services: SERVICES_ON, defaultStorageBytes: null, pmCanCreate: true, pmCanDelete: true, pmCanToggle: true, pmCanChangeLimits: false }),
      writes: true,
    }),
    apiRow({ file: 'domains/[id]/deactivate/route.ts', method: 'POST', handler: domainDeactivate.POST, target, expect: write, route: at('/domains', id, '/deactivate'), writes: true }),
    apiRow({ file: 'domains/[id]/reactivate/route.ts', method: 'POST', handler: domainReactivate.POST, target, expect: write, route: at('/domains', id, '/reactivate') }),
    // DKIM keys (issue 18): the domain's admins, never its postmaster (as the DNS records page's actions).
    apiRow({ file: 'domains/[id]/dkim-keys/route.ts', method: 'POST', handler: domainDkimKeys.POST, target, expect: write, route: at('/domains', id, '/dkim-keys'), writes: true }),
    apiRow({
      file: 'domains/[id]/dkim-keys/activate/route.ts',
      method: 'POST',
      handler: domainDkimActivate.POST,
      target,
      expect: write,
      route: at('/domains', id, '/dkim-keys/activate'),
      // A pending key whose record the test's DNS server publishes: activating it is allowed to succeed.
      setUp: async ({ db, world }) => (id(world) === MISSING_ID ? void (await testDns()) : publishedPendingKey(db, world.domainA)),
      writes: true,
    }),
    apiRow({
      file: 'domains/[id]/dkim-keys/ed25519/route.ts',
      method: 'DELETE',
      handler: domainDkimEd25519.DELETE,
      target,
      expect: write,
      route: at('/domains', id, '/dkim-keys/ed25519'),
      // A domain signing with ed25519: stopping it is allowed to change something.
      setUp: async ({ db, world }) => (id(world) === MISSING_ID ? undefined : activeEd25519Key(db, world.domainA)),
      writes: true,
    }),
    apiRow({
      file: 'domains/[id]/route.ts',
      method: 'DELETE',
      handler: domainRoute.DELETE,
      target,
      expect: write,
      route: { ...at('/domains', id), query: (w) => ({ confirmName: w.domainA.name }) },
      writes: true,
    }),
    apiRow({
      file: 'domains/[id]/accounts/route.ts',
      method: 'POST',
      handler: domainAccounts.POST,
      target,
      expect: read,
      route: at('/domains', id, '/accounts'),
      body: () => ({
        account: { firstName: 'New', lastName: '', description: '', localPart: 'newcomer', passwordMode: 'generate' },
        services: { quotaBytes: 1_073_741_824, services: SERVICES_ON },
        security: { forcePasswordChange: true, passwordExpiryMonths: 0, blockPasswordReuse: false, passwordChangeDisabled: false, passwordRecoveryDisabled: false, otpRequired: false, allowedIps: [], apiAccess: false },
        options: { forwards: [], forwardKeepCopy: true, spamToInbox: false },
      }),
      writes: true,
    }),
  ]),

  // Accounts.
  apiRow({ file: 'accounts/route.ts', method: 'GET', handler: accountsRoute.GET, target: 'the cross-domain account list', expect: anyStaff, route: { path: () => '/accounts' } }),
  ...[
    { target: 'an account of domain A', mailbox: accountA, expect: domainAStaff() },
    { target: "domain A's postmaster mailbox (no account)", mailbox: postmasterA, expect: nobody() },
  ].flatMap(({ target, mailbox, expect }) => [
    apiRow({ file: 'accounts/[id]/route.ts', method: 'GET', handler: accountRoute.GET, target, expect, route: at('/accounts', (w) => mailbox(w).id) }),
    ...Object.entries(sectionBodies(mailbox)).map(([section, body]) =>
      apiRow({
        file: `accounts/[id]/${section}/route.ts`,
        method: 'PUT',
        handler: accountSections[section as keyof typeof accountSections].PUT,
        target,
        expect,
        route: at('/accounts', (w) => mailbox(w).id, `/${section}`),
        version: versionOf(mailbox),
        body,
        writes: true,
      }),
    ),
    apiRow({ file: 'accounts/[id]/deactivate/route.ts', method: 'POST', handler: accountDeactivate.POST, target, expect, route: at('/accounts', (w) => mailbox(w).id, '/deactivate'), writes: true }),
    apiRow({ file: 'accounts/[id]/reactivate/route.ts', method: 'POST', handler: accountReactivate.POST, target, expect, route: at('/accounts', (w) => mailbox(w).id, '/reactivate') }),
    apiRow({
      file: 'accounts/[id]/route.ts',
      method: 'DELETE',
      handler: accountRoute.DELETE,
      target,
      expect,
      route: { ...at('/accounts', (w) => mailbox(w).id), query: (w) => ({ confirmAddress: mailbox(w).address }) },
      writes: true,
    }),
  ]),

  // Postmasters.
  apiRow({ file: 'postmasters/route.ts', method: 'GET', handler: postmastersRoute.GET, target: 'the postmaster list', expect: admins, route: { path: () => '/postmasters' } }),
  ...[
    { target: "domain A's postmaster", mailbox: postmasterA, expect: domainAAdmins },
    { target: 'an account of domain A (no postmaster)', mailbox: accountA, expect: nobody() },
  ].flatMap(({ target, mailbox, expect }) => [
    apiRow({ file: 'postmasters/[id]/route.ts', method: 'GET', handler: postmasterRoute.GET, target, expect, route: at('/postmasters', (w) => mailbox(w).id) }),
    ...Object.entries(sectionBodies(mailbox)).map(([section, body]) =>
      apiRow({
        file: `postmasters/[id]/${section}/route.ts`,
        method: 'PUT',
        handler: postmasterSections[section as keyof typeof postmasterSections].PUT,
        target,
        expect,
        route: at('/postmasters', (w) => mailbox(w).id, `/${section}`),
        version: versionOf(mailbox),
        body,
        writes: true,
      }),
    ),
  ]),

  // Plans and the audit log.
  apiRow({ file: 'plans/route.ts', method: 'GET', handler: plansRoute.GET, target: 'the plans', expect: admins, route: { path: () => '/plans' } }),
  apiRow({ file: 'plans/[id]/route.ts', method: 'GET', handler: planRoute.GET, target: 'the plan', expect: admins, route: at('/plans', (w) => w.plan.id) }),
  apiRow({ file: 'audit/route.ts', method: 'GET', handler: auditRoute.GET, target: 'the audit log', expect: admins, route: { path: () => '/audit' } }),

  // The token owner's own settings.
  apiRow({ file: 'me/route.ts', method: 'GET', handler: meRoute.GET, target: 'the caller itself', expect: signedIn(), route: { path: () => '/me' } }),
  apiRow({
    file: 'me/localization/route.ts',
    method: 'PUT',
    handler: meLocalization.PUT,
    target: 'the caller itself',
    expect: signedIn(),
    route: { path: () => '/me/localization' },
    version: ownVersion,
    body: (_w, version) => ({ version, language: 'it', timeZone: 'Europe/Rome' }),
    writes: true,
  }),
  apiRow({
    file: 'me/password/route.ts',
    method: 'PUT',
    handler: mePassword.PUT,
    target: 'the caller itself',
    expect: signedIn(),
    route: { path: () => '/me/password' },
    body: (w) => ({ currentPassword: w.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    writes: true,
  }),
  ...(
    [
      ['webmail', meWebmail, (version: number) => ({ version, language: 'it', timeZone: 'UTC', dateFormat: 'yyyy-MM-dd', timeFormat: 'HH:mm' })],
      ['autoresponder', meAutoresponder, (version: number) => ({ version, enabled: true, subject: 'Away', body: 'Back soon.', startsAt: '', endsAt: '' })],
      ['forwards', meForwards, (version: number) => ({ version, forwards: ['me@elsewhere.example'], forwardKeepCopy: true })],
    ] as const
  ).map(([section, handlers, body]) =>
    apiRow({
      file: `me/${section}/route.ts`,
      method: 'PUT',
      handler: handlers.PUT,
      target: 'the caller’s own mailbox (admins have none)',
      expect: mailboxCallers,
      route: { path: () => `/me/${section}` },
      version: ownVersion,
      body: (_w, version) => body(version),
      writes: true,
    }),
  ),
  ...aliasRows,
  ...aliasDomainRows,
  // The webmail's password change: no token; the body's address and current password decide, whoever sends
  // it (each caller sends its own token too, which stands in for nothing).
  ...(
    [
      ['the user’s mailbox with its current password', everyone(), (w: World) => ({ address: w.userA.address, currentPassword: w.password, newPassword: NEW_PASSWORD })],
      ['the user’s mailbox with a wrong password', nobody(), (w: World) => ({ address: w.userA.address, currentPassword: 'not the password', newPassword: NEW_PASSWORD })],
      ['an admin’s address with its own password (mailboxes only)', nobody(), (w: World) => ({ address: w.owningAdmin.email, currentPassword: w.password, newPassword: NEW_PASSWORD })],
    ] as const
  ).map(([target, expect, body]) =>
    apiRow({
      file: 'webmail/password/route.ts',
      method: 'POST',
      handler: webmailPassword.POST,
      target,
      expect,
      route: { path: () => '/webmail/password' },
      body: (w) => body(w),
      writes: true,
    }),
  ),
];

/** The REST API's one public endpoint. */
export const apiV1PublicEndpoints: PublicEndpoint[] = [
  { endpoint: 'app/api/v1/openapi.json/route.ts#GET', reason: 'The OpenAPI document: a description of the API, the same for everyone, with nothing in it about any account.' },
];
