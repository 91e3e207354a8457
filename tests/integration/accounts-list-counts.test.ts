import { beforeEach, describe, expect, it } from 'vitest';
import { listAccountDomains, listAccountRows, MERGE_MAX_DOMAINS, type AccountFilters, type AccountSort } from '@/db/queries/accounts';
import { accountCriteria, listAccounts } from '@/lib/accounts/list-accounts';
import { accountSearchPatterns } from '@/lib/accounts/search-patterns';
import type { Caller } from '@/lib/auth/caller';
import { domainScope } from '@/lib/auth/scope';
import type { PageQuery } from '@/lib/pagination';
import { adminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { insertAdmin, insertDomain, insertMailbox, insertPlan, type DomainRow } from './helpers/fixtures';

// The list's total for a search or filter is counted up to a cap ("more than 10,000"), exact below it; and
// a search of one or two characters matches the start of the address or of a word of the name (issue 21,
// point 3), through the same trigram index as longer searches.

const t = useTestDatabase();
beforeEach(() => resetTables(t.db()));

type World = { A: Caller; d1: DomainRow; d2: DomainRow };

/**
 * d1: twelve accounts u01–u12, two-step on for the odd ones, named "Maria Rossi" (u01–u04), "Emma Mancini"
 * (u05–u08) and "Luca Bianchi" (u09–u12), with the description "Marketing" on u12; d2: u13–u15, two-step on.
 */
async function world(): Promise<World> {
  const db = t.db();
  const admin = await insertAdmin(db);
  const plan = await insertPlan(db);
  const d1 = await insertDomain(db, { adminId: admin.id, planId: plan.id }, { name: 'd1.example' });
  const d2 = await insertDomain(db, { adminId: admin.id, planId: plan.id }, { name: 'd2.example' });
  const names = [
    ['Maria', 'Rossi'],
    ['Emma', 'Mancini'],
    ['Luca', 'Bianchi'],
  ] as const;
  for (let i = 1; i <= 15; i++) {
    const [firstName, lastName] = names[Math.floor((i - 1) / 4) % 3]!;
    const otp = i % 2 === 1 || i > 12 ? { otpEnabledAt: new Date(), otpSecretEnc: 'x' } : {};
    await insertMailbox(db, i > 12 ? d2 : d1, `u${String(i).padStart(2, '0')}`, { firstName, lastName, description: i === 12 ? 'Marketing' : '', ...otp });
  }
  return { A: adminCaller(admin), d1, d2 };
}

function query(over: Partial<PageQuery<AccountSort>> = {}): PageQuery<AccountSort> {
  return { page: 1, pageSize: 25, q: '', sort: 'address', dir: 'asc', ...over };
}

describe('account list total', () => {
  it('is exact up to the cap and says "more" past it, on every way a page is read', { timeout: 120_000 }, async () => {
    const w = await world();
    const scope = domainScope(w.A);
    for (const domainId of [w.d1.id, undefined]) {
      const listed = await listAccountDomains({ ex: t.db(), scope, id: domainId, limit: MERGE_MAX_DOMAINS });
      const cases: [string, AccountFilters, number][] = [
        ['', { otp: true }, domainId ? 6 : 9],
        ['', { otp: false }, 6],
        ['mar', {}, domainId ? 5 : 8], // u01–u04 (Maria) and u12 (Marketing); u13–u15 in d2
      ];
      for (const [q, filters, matches] of cases) {
        for (const [limit, offset] of [[25, 0], [2, 0], [2, 4], [2, 40]] as const) {
          const args = { ex: t.db(), scope, domains: listed, criteria: accountCriteria(q, filters), sort: 'address' as const, dir: 'asc' as const, limit, offset };
          const label = `${q} ${JSON.stringify(filters)} ${limit}+${offset} in ${domainId ?? 'all'}`;
          const exact = await listAccountRows({ ...args, countCap: matches });
          expect(exact, label).toMatchObject({ total: matches, totalCapped: false });
          // Capped on the pages within the cap (those the pager links to); a page typed past it counts exactly.
          const within = offset + limit <= matches - 1;
          for (const searchSortMax of [0, 1, 2_000]) {
            const capped = await listAccountRows({ ...args, countCap: matches - 1, searchSortMax });
            expect(capped, `${label} sort max ${searchSortMax}`).toMatchObject({ total: within ? matches - 1 : matches, totalCapped: within });
            // The cap changes the total only, never which rows a page holds.
            expect(capped.rows.map((r) => r.id), label).toEqual(exact.rows.map((r) => r.id));
          }
        }
      }
    }
  });

  it('stays exact without a search or filter (the domains\' counters), whatever the cap', async () => {
    const w = await world();
    const scope = domainScope(w.A);
    const listed = await listAccountDomains({ ex: t.db(), scope, id: w.d1.id, limit: MERGE_MAX_DOMAINS });
    const page = await listAccountRows({ ex: t.db(), scope, domains: listed, criteria: accountCriteria(''), sort: 'address', dir: 'asc', limit: 5, offset: 0, countCap: 3 });
    expect(page).toMatchObject({ total: 12, totalCapped: false });
    // The list reports it too; below the real cap nothing here is capped.
    expect(await listAccounts({ caller: w.A, query: query({ q: 'u0' }), domainId: w.d1.id })).toMatchObject({ total: 9, totalCapped: false });
  });

  it('is exact however many match when asked (the REST API\'s total)', async () => {
    const w = await world();
    const args = { caller: w.A, query: query({ q: 'u0', pageSize: 2 }), domainId: w.d1.id, countCap: 3 };
    expect(await listAccounts(args)).toMatchObject({ total: 3, totalCapped: true });
    expect(await listAccounts({ ...args, exactTotal: true })).toMatchObject({ total: 9, totalCapped: false });
  });
});

describe('account search of one or two characters', () => {
  const find = async (w: World, q: string, over: Partial<PageQuery<AccountSort>> = {}, filters: AccountFilters = {}) => {
    const list = await listAccounts({ caller: w.A, query: query({ q, ...over }), filters, domainId: w.d1.id });
    return list.rows.map((r) => r.address.split('@')[0]);
  };

  it('matches the start of the address or of a word of the name or description, in any case', async () => {
    const w = await world();
    expect(accountSearchPatterns('ma')).toEqual(['ma%', '% ma%']);
    expect(accountSearchPatterns('m_')).toEqual(['m\\_%', '% m\\_%']);
    // "Maria", "Mancini", "Marketing"; not "Emma" (inside a word).
    expect(await find(w, 'ma')).toEqual(['u01', 'u02', 'u03', 'u04', 'u05', 'u06', 'u07', 'u08', 'u12']);
    expect(await find(w, 'MA')).toEqual(await find(w, 'ma'));
    expect(await find(w, 'em')).toEqual(['u05', 'u06', 'u07', 'u08']);
    expect(await find(w, 'mm')).toEqual([]);
    // The address's start: "u1" is u10–u12, not "…u1…" elsewhere in it.
    expect(await find(w, 'u1')).toEqual(['u10', 'u11', 'u12']);
    expect(await find(w, 'l')).toEqual(['u09', 'u10', 'u11', 'u12']);
    // A LIKE wildcard typed is a character like any other.
    expect(await find(w, '%')).toEqual([]);
    expect(await find(w, '_a')).toEqual([]);
    // Three characters and more: anywhere, as before.
    expect(await find(w, 'mma')).toEqual(['u05', 'u06', 'u07', 'u08']);
  });

  it('combines with filters, the sort and the pages, on both ways a page is read', async () => {
    const w = await world();
    expect(await find(w, 'ma', {}, { otp: true })).toEqual(['u01', 'u03', 'u05', 'u07']);
    expect(await find(w, 'ma', { sort: 'address', dir: 'desc', pageSize: 3, page: 2 })).toEqual(['u06', 'u05', 'u04']);
    const scope = domainScope(w.A);
    const listed = await listAccountDomains({ ex: t.db(), scope, id: undefined, limit: MERGE_MAX_DOMAINS });
    for (const filters of [{}, { otp: false }] as AccountFilters[]) {
      for (const [limit, offset] of [[3, 0], [3, 3], [25, 0]] as const) {
        const args = { ex: t.db(), scope, domains: listed, criteria: accountCriteria('ma', filters), sort: 'status' as const, dir: 'desc' as const, limit, offset };
        const sorted = await listAccountRows(args);
        const walked = await listAccountRows({ ...args, searchSortMax: 0 });
        expect(walked.rows.map((r) => r.id)).toEqual(sorted.rows.map((r) => r.id));
        expect(walked.total).toBe(sorted.total);
      }
    }
  });
});
