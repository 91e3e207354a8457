import { GET as exportAll } from '@/app/(panel)/accounts/export.csv/route';
import { POST as bulkRoute } from '@/app/(panel)/domains/[id]/accounts/bulk/route';
import { GET as exportDomain } from '@/app/(panel)/domains/[id]/accounts/export.csv/route';
import { POST as checkImport } from '@/app/(panel)/domains/[id]/accounts/import/check/route';
import { POST as runImport } from '@/app/(panel)/domains/[id]/accounts/import/run/route';
import { GET as importTemplate } from '@/app/(panel)/domains/[id]/accounts/import/template.csv/route';
import { GET as exportAliases } from '@/app/(panel)/domains/[id]/aliases/export.csv/route';
import { POST as importAliases } from '@/app/(panel)/domains/[id]/aliases/import.csv/route';
import { MISSING_ID } from './support';
import { domainAStaff, domainBStaff, nobody, only, row, type AuthzRow, type World } from './types';

/** The aliases' CSV (issue 17): domain A's postmaster may manage aliases, domain B's may not. */
const ALIASES_CSV = 'local_part,targets\r\nimported,someone@elsewhere.example\r\n';
const aliasTargets: { target: string; domain: (w: World) => { id: number }; expect: AuthzRow['expect'] }[] = [
  { target: 'domain A', domain: (w) => w.domainA, expect: domainAStaff() },
  { target: 'domain B (its postmaster may not manage aliases)', domain: (w) => w.domainB, expect: only('otherAdmin', 'superadmin') },
  { target: 'a domain that does not exist', domain: () => ({ id: MISSING_ID }), expect: nobody() },
];

// The panel's own CSV route handlers (session cookie, not /api/v1): exports, the import template, and
// the import's check and run. Those that write accept only requests from the panel's own pages.

const BASE = 'http://panel.test';
const CSV = 'local_part,first_name\r\nimported,Imported\r\n';

function get(path: string): Request {
  return new Request(`${BASE}${path}`);
}

function post(path: string, { sameOrigin = true, body = CSV } = {}): Request {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(sameOrigin ? { 'sec-fetch-site': 'same-origin' } : { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }) },
    body,
  });
}

/** The bulk bar's request: JSON (every staff role may force a password change: no postmaster switch). */
function postBulk(path: string, { sameOrigin = true } = {}): Request {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(sameOrigin ? { 'sec-fetch-site': 'same-origin' } : { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }) },
    body: JSON.stringify({ action: 'forcePasswordChange', match: { q: '' } }),
  });
}

const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

type Target = { target: string; domain: (w: World) => { id: number }; expect: AuthzRow['expect'] };
const targets: Target[] = [
  { target: 'domain A', domain: (w) => w.domainA, expect: domainAStaff() },
  { target: 'domain B', domain: (w) => w.domainB, expect: domainBStaff() },
  { target: 'a domain that does not exist', domain: () => ({ id: MISSING_ID }), expect: nobody() },
];

export const csvRows = [
  row({
    endpoint: 'app/(panel)/accounts/export.csv/route.ts#GET',
    target: 'every account the caller may see',
    expect: only('postmaster', 'otherPostmaster', 'owningAdmin', 'otherAdmin', 'superadmin'),
    call: () => exportAll(get('/accounts/export.csv')),
  }),
  ...targets.flatMap(({ target, domain, expect }) => [
    row({
      endpoint: 'app/(panel)/domains/[id]/accounts/export.csv/route.ts#GET',
      target,
      expect,
      call: ({ world }) => exportDomain(get(`/domains/${domain(world).id}/accounts/export.csv`), params(domain(world).id)),
    }),
    row({
      endpoint: 'app/(panel)/domains/[id]/accounts/import/template.csv/route.ts#GET',
      target,
      expect,
      call: ({ world }) => importTemplate(get(`/domains/${domain(world).id}/accounts/import/template.csv`), params(domain(world).id)),
    }),
    row({
      endpoint: 'app/(panel)/domains/[id]/accounts/import/check/route.ts#POST',
      target,
      expect,
      call: ({ world }) => checkImport(post(`/domains/${domain(world).id}/accounts/import/check`), params(domain(world).id)),
    }),
    row({
      endpoint: 'app/(panel)/domains/[id]/accounts/import/run/route.ts#POST',
      target,
      expect,
      writes: true,
      call: ({ world }) => runImport(post(`/domains/${domain(world).id}/accounts/import/run`), params(domain(world).id)),
    }),
    row({
      endpoint: 'app/(panel)/domains/[id]/accounts/bulk/route.ts#POST',
      target,
      expect,
      writes: true,
      call: ({ world }) => bulkRoute(postBulk(`/domains/${domain(world).id}/accounts/bulk`), params(domain(world).id)),
    }),
  ]),
  row({
    endpoint: 'app/(panel)/domains/[id]/accounts/bulk/route.ts#POST',
    target: 'domain A, from another site',
    expect: nobody(),
    call: ({ world }) => bulkRoute(postBulk(`/domains/${world.domainA.id}/accounts/bulk`, { sameOrigin: false }), params(world.domainA.id)),
  }),
  ...aliasTargets.flatMap(({ target, domain, expect }) => [
    row({
      endpoint: 'app/(panel)/domains/[id]/aliases/export.csv/route.ts#GET',
      target,
      expect,
      call: ({ world }) => exportAliases(get(`/domains/${domain(world).id}/aliases/export.csv`), params(domain(world).id)),
    }),
    row({
      endpoint: 'app/(panel)/domains/[id]/aliases/import.csv/route.ts#POST',
      target,
      expect,
      writes: true,
      call: ({ world }) => importAliases(post(`/domains/${domain(world).id}/aliases/import.csv`, { body: ALIASES_CSV }), params(domain(world).id)),
    }),
  ]),
  row({
    endpoint: 'app/(panel)/domains/[id]/aliases/import.csv/route.ts#POST',
    target: 'domain A, from another site',
    expect: nobody(),
    call: ({ world }) => importAliases(post(`/domains/${world.domainA.id}/aliases/import.csv`, { sameOrigin: false, body: ALIASES_CSV }), params(world.domainA.id)),
  }),
  // A request from another site (a form or fetch elsewhere, riding on the session cookie) is refused.
  row({
    endpoint: 'app/(panel)/domains/[id]/accounts/import/check/route.ts#POST',
    target: 'domain A, from another site',
    expect: nobody(),
    call: ({ world }) => checkImport(post(`/domains/${world.domainA.id}/accounts/import/check`, { sameOrigin: false }), params(world.domainA.id)),
  }),
  row({
    endpoint: 'app/(panel)/domains/[id]/accounts/import/run/route.ts#POST',
    target: 'domain A, from another site',
    expect: nobody(),
    call: ({ world }) => runImport(post(`/domains/${world.domainA.id}/accounts/import/run`, { sameOrigin: false }), params(world.domainA.id)),
  }),
];
