import { beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/list-audit';

import { addDomain } from '@/lib/domains/add-domain';
import { setDomainActive } from '@/lib/domains/update-domain';
import { listPostmasters } from '@/lib/postmasters/list-postmasters';
import { mailboxUsage } from '@/db/schema';
import { adminCaller, postmasterCaller, superadminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { insertAdmin, insertPlan } from './helpers/fixtures';

const t = useTestDatabase();
const pmQuery = { page: 1, pageSize: 25, q: '', sort: 'domain' as const, dir: 'asc' as const };
const auditQuery = { page: 1, pageSize: 25, domain: '', actor: '' };

beforeEach(() => resetTables(t.db()));

async function world() {
  process.env.BCRYPT_COST ??= '4';
  const root = superadminCaller(await insertAdmin(t.db(), { role: 'superadmin', email: 'root@example.net' }));
  const A = adminCaller(await insertAdmin(t.db(), { email: 'a@example.net' }));
  const B = adminCaller(await insertAdmin(t.db(), { email: 'b@example.net' }));
  const plan = await insertPlan(t.db());
  const add = async (caller: typeof A, name: string) => {
    const r = await addDomain({ caller, ip: '192.0.2.9', input: { name, planId: plan.id } });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.data;
  };
  const a1 = await add(A, 'a1.example');
  const a2 = await add(A, 'bücher.de');
  const b1 = await add(B, 'b1.example');
  return { root, A, B, a1, a2, b1 };
}

describe('postmasters list', () => {
  it('shows an admin only the postmasters of its domains, with 50 MB and usage', async () => {
    const w = await world();
    await t.db().insert(mailboxUsage).values({ address: 'postmaster@a1.example', storageBytes: 1_048_576, messages: 3 });
    await setDomainActive({ caller: w.A, ip: null, id: w.a2.id, active: false });
    const listed = await listPostmasters({ caller: w.A, query: pmQuery });
    expect(listed.total).toBe(2);
    expect(listed.rows.map((r) => [r.address, r.quotaBytes, r.usedBytes, r.active])).toEqual([
      ['postmaster@a1.example', 52_428_800, 1_048_576, true],
      ['postmaster@xn--bcher-kva.de', 52_428_800, 0, false],
    ]);
    expect((await listPostmasters({ caller: w.root, query: pmQuery })).total).toBe(3);
    expect((await listPostmasters({ caller: w.A, query: { ...pmQuery, q: 'postmaster@bücher.de' } })).rows.map((r) => r.domainName)).toEqual([
      'xn--bcher-kva.de',
    ]);
    expect((await listPostmasters({ caller: w.B, query: { ...pmQuery, q: 'a1' } })).total).toBe(0);
  });

  it('is not for postmasters', async () => {
    const w = await world();
    const pm = postmasterCaller({ id: 1, address: 'postmaster@a1.example', domainId: w.a1.id });
    await expect(listPostmasters({ caller: pm, query: pmQuery })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
  });
});

describe('audit log list', () => {
  it('shows admins what concerns their domains, the superadmin everything, filterable', async () => {
    const w = await world();
    const mine = await listAudit({ caller: w.A, query: auditQuery });
    expect(mine.total).toBe(4); // two domains, each with its postmaster
    expect(new Set(mine.rows.map((r) => r.domainName))).toEqual(new Set(['a1.example', 'xn--bcher-kva.de']));
    expect(mine.rows[0]).toMatchObject({ actorLabel: 'a@example.net', ip: '192.0.2.9' });
    expect((await listAudit({ caller: w.root, query: auditQuery })).total).toBe(6);
    expect((await listAudit({ caller: w.root, query: { ...auditQuery, domain: 'bücher.de' } })).total).toBe(2);
    expect((await listAudit({ caller: w.root, query: { ...auditQuery, actor: 'b@' } })).total).toBe(2);
    expect((await listAudit({ caller: w.B, query: { ...auditQuery, domain: 'a1.example' } })).total).toBe(0);
    const page = await listAudit({ caller: w.root, query: { ...auditQuery, pageSize: 4, page: 2 } });
    expect(page.rows).toHaveLength(2);
  });

  it('is not for postmasters', async () => {
    const w = await world();
    const pm = postmasterCaller({ id: 1, address: 'postmaster@a1.example', domainId: w.a1.id });
    await expect(listAudit({ caller: pm, query: auditQuery })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
  });
});
