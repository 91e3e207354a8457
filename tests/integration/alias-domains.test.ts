import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aliasDomains, auditLog, dkimKeys, mailJobs } from '@/db/schema';
import { addAliasDomain, listAliasDomains, removeAliasDomain } from '@/lib/alias-domains/alias-domains';
import type { Caller } from '@/lib/auth/caller';
import { activateDkimKey, createDkimKey } from '@/lib/dkim/dkim-keys';
import { renderDkimKeys, SELECTOR_MAP } from '@/lib/dkim/render-keys';
import { getDomainDns } from '@/lib/dns/check-domain-dns';
import { addDomain } from '@/lib/domains/add-domain';
import { isFailure } from '@/lib/failure';
import { ALIAS_DOMAINS_MAX } from '@/lib/validations/alias-domain';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { superadminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { twoOwners } from './helpers/two-owners';
import { insertAdmin, type DomainRow } from './helpers/fixtures';

// Alias domains (issue 17, point 4): added and removed by the domain's admins, audited; a name is either a
// hosted domain or an alias domain, never both, refused by the panel with a message and by the database
// (its trigger) either way; the DNS page and the DKIM signer's files cover them. The mail servers' side is
// tests/mail/alias-domains.test.ts. Runs on both drivers.

process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-0123456789-abcdefghij';
const t = useTestDatabase();
const ip = '192.0.2.1';
let owner: Caller;
let otherAdmin: Caller;
let postmaster: Caller;
let domain: DomainRow;
let other: DomainRow;
let planId: number;

beforeEach(async () => {
  const db = t.db();
  await resetTables(db);
  ({ owner, otherAdmin, postmaster, domain, other, planId } = await twoOwners(db));
});

const add = (name: string, caller: Caller = owner, domainId: number = domain.id) => addAliasDomain({ caller, ip, domainId, input: { name } });
const rows = () => t.db().select({ name: aliasDomains.name, domainId: aliasDomains.domainId }).from(aliasDomains).orderBy(aliasDomains.name);
const audits = () => t.db().select().from(auditLog).where(sql`${auditLog.action} like 'aliasDomain.%'`).orderBy(auditLog.id);

describe('alias domains', () => {
  it('are added (the name in ASCII, lower-cased), listed, audited, and removed', async () => {
    const added = await add('Bücher.Example');
    expect(added).toMatchObject({ ok: true, data: { name: 'xn--bcher-kva.example' } });
    expect(await add('alias.example')).toMatchObject({ ok: true });
    expect((await listAliasDomains({ caller: owner, domainId: domain.id })).aliasDomains.map((a) => a.name)).toEqual(['alias.example', 'xn--bcher-kva.example']);
    expect((await listAliasDomains({ caller: postmaster, domainId: domain.id })).aliasDomains).toHaveLength(2);

    const id = added.ok ? added.data.id : 0;
    expect(await removeAliasDomain({ caller: owner, ip, id })).toEqual({ ok: true, data: { name: 'xn--bcher-kva.example', domainId: domain.id } });
    expect(await rows()).toEqual([{ name: 'alias.example', domainId: domain.id }]);
    expect((await audits()).map((a) => [a.action, a.targetLabel, a.domainId, a.ip])).toEqual([
      ['aliasDomain.create', 'xn--bcher-kva.example', domain.id, ip],
      ['aliasDomain.create', 'alias.example', domain.id, ip],
      ['aliasDomain.delete', 'xn--bcher-kva.example', domain.id, ip],
    ]);
    // No key signs for the domain: no job for the signer.
    expect(await t.db().select().from(mailJobs).where(eq(mailJobs.kind, 'dkim-sync'))).toEqual([]);
  });

  it('refuse the domain itself, a hosted domain, an alias domain already (of any domain), a bad name and more than the limit, writing nothing', async () => {
    expect(await add('other-alias.example', otherAdmin, other.id)).toMatchObject({ ok: true });
    const before = await rows();
    const auditsBefore = (await audits()).length;
    expect(await add('ALPHA.example')).toMatchObject({ ok: false, code: 'validation', fieldErrors: { name: 'domains.aliasDomains.errors.ownName' } });
    expect(await add('beta.example')).toMatchObject({ ok: false, fieldErrors: { name: expect.stringContaining('domains.aliasDomains.errors.hosted') } });
    expect(await add('other-alias.example')).toMatchObject({ ok: false, fieldErrors: { name: expect.stringContaining('domains.aliasDomains.errors.taken') } });
    expect(await add('not a domain')).toMatchObject({ ok: false, fieldErrors: { name: 'domains.errors.spaces' } });
    expect(await addAliasDomain({ caller: owner, ip, domainId: domain.id, input: { name: 7 } })).toMatchObject({ ok: false, code: 'validation' });
    expect(await rows()).toEqual(before);
    expect(await audits()).toHaveLength(auditsBefore);

    for (let i = 0; i < ALIAS_DOMAINS_MAX; i += 1) expect(await add(`a${i}.example`)).toMatchObject({ ok: true });
    expect(await add('one-more.example')).toMatchObject({ ok: false, fieldErrors: { name: expect.stringContaining('domains.aliasDomains.errors.tooMany') } });
  });

  it('an alias domain cannot become a hosted domain: refused by the panel and by the database either way', async () => {
    expect(await add('alias.example')).toMatchObject({ ok: true });
    const superadmin = superadminCaller(await insertAdmin(t.db(), { role: 'superadmin' }));
    expect(await addDomain({ caller: superadmin, ip, input: { name: 'alias.example', planId } })).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.stringContaining('domains.errors.isAliasDomain') },
    });
    // Written around the panel: the trigger refuses both ways.
    const direct = (query: ReturnType<typeof sql>) => t.db().execute(query).then(() => 'written', (e: unknown) => String((e as { cause?: unknown }).cause ?? e));
    expect(await direct(sql`insert into domains (name, admin_id, plan_id) values ('alias.example', ${domain.adminId}, ${planId})`)).toContain('domain_name_space_key');
    expect(await direct(sql`insert into alias_domains (domain_id, name) values (${domain.id}, 'beta.example')`)).toContain('domain_name_space_key');
    expect(await direct(sql`update alias_domains set name = 'beta.example' where name = 'alias.example'`)).toContain('domain_name_space_key');
    expect(await rows()).toEqual([{ name: 'alias.example', domainId: domain.id }]);
  });

  it('racing: a domain and an alias domain of one name, and two alias domains of one name: exactly one wins', async () => {
    const superadmin = superadminCaller(await insertAdmin(t.db(), { role: 'superadmin' }));
    const results = await Promise.all([
      addDomain({ caller: superadmin, ip, input: { name: 'race.example', planId } }),
      add('race.example'),
      add('race.example', otherAdmin, other.id),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, code: 'validation' });
  });

  it('only the domain’s admins and the superadmin add and remove; others do not find the domain, postmasters are forbidden', async () => {
    expect(await add('alias.example', otherAdmin).catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'notFound'));
    expect(await add('alias.example', postmaster).catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'forbidden'));
    const added = await add('alias.example');
    const id = added.ok ? added.data.id : 0;
    expect(await removeAliasDomain({ caller: otherAdmin, ip, id }).catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'notFound'));
    expect(await removeAliasDomain({ caller: postmaster, ip, id }).catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'forbidden'));
    expect(await removeAliasDomain({ caller: owner, ip, id: 999_999 })).toMatchObject({ ok: false, code: 'notFound' });
    expect(await listAliasDomains({ caller: otherAdmin, domainId: domain.id }).catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'notFound'));
    expect(await rows()).toHaveLength(1);
    const superadmin = superadminCaller(await insertAdmin(t.db(), { role: 'superadmin' }));
    expect(await removeAliasDomain({ caller: superadmin, ip, id })).toMatchObject({ ok: true });
  });

  it('go with their domain', async () => {
    await add('alias.example');
    await t.db().execute(sql`delete from domains where id = ${domain.id}`);
    expect(await rows()).toEqual([]);
  });
});

describe('alias domains in DNS and DKIM', () => {
  let dns: TestDnsServer;
  const saved = { resolver: process.env.DNS_RESOLVER, host: process.env.MAIL_HOSTNAME };
  beforeAll(async () => {
    dns = await startDnsServer();
    process.env.DNS_RESOLVER = dns.address;
    process.env.MAIL_HOSTNAME = 'mail.example.net';
  });
  afterAll(async () => {
    await dns.close();
    for (const [key, value] of [['DNS_RESOLVER', saved.resolver], ['MAIL_HOSTNAME', saved.host]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('the DNS page lists the alias domain’s records with the domain’s DKIM keys; the signer gets its key files and selector', async () => {
    await add('alias.example');
    const created = await createDkimKey({ caller: owner, ip, id: domain.id });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const selector = created.data.selector;
    const [key] = await t.db().select().from(dkimKeys).where(eq(dkimKeys.domainId, domain.id));
    dns.records[`${selector}._domainkey.alpha.example`] = { TXT: [`v=DKIM1; k=rsa; p=${key!.publicKey}`] };
    expect(await activateDkimKey({ caller: owner, ip, id: domain.id })).toMatchObject({ ok: true });

    const page = await getDomainDns({ caller: owner, id: domain.id });
    expect(page.aliasDomains.map((a) => a.name)).toEqual(['alias.example']);
    const records = page.aliasDomains[0]!.records;
    expect(records.map((r) => [r.kind, r.name])).toEqual([
      ['mx', 'alias.example'],
      ['spf', 'alias.example'],
      ['dkim', `${selector}._domainkey.alias.example`],
      ['dmarc', '_dmarc.alias.example'],
    ]);
    expect(records.find((r) => r.kind === 'dkim')!.value).toBe(`v=DKIM1; k=rsa; p=${key!.publicKey}`);

    // A new alias domain of a signing domain asks the worker to render the signer's files again.
    await t.db().delete(mailJobs);
    await add('second.example');
    expect((await t.db().select().from(mailJobs).where(eq(mailJobs.kind, 'dkim-sync'))).map((j) => j.address)).toEqual(['alpha.example']);

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mp-dkim-alias-'));
    try {
      expect(await renderDkimKeys({ ex: t.db(), files: { dir } })).toMatchObject({ keys: 3 });
      const own = await fs.readFile(path.join(dir, `alpha.example.${selector}.key`), 'utf8');
      expect(own).toContain('BEGIN PRIVATE KEY');
      expect(await fs.readFile(path.join(dir, `alias.example.${selector}.key`), 'utf8')).toBe(own);
      expect(await fs.readFile(path.join(dir, SELECTOR_MAP), 'utf8')).toBe(`alpha.example ${selector}\nalias.example ${selector}\nsecond.example ${selector}\n`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
