import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, dkimKeys, domainDnsChecks, mailJobs } from '@/db/schema';
import { decryptAtRest } from '@/lib/auth/at-rest';
import type { Caller } from '@/lib/auth/caller';
import { activateDkimKey, createDkimKey, DKIM_GRACE_MS, stopEd25519Signing } from '@/lib/dkim/dkim-keys';
import { dkimKeyOwner } from '@/lib/dkim/generate-key';
import { DOMAINS_INCLUDE, renderDkimKeys, SELECTOR_MAP } from '@/lib/dkim/render-keys';
import { checkDomainDns, getDomainDns } from '@/lib/dns/check-domain-dns';
import { getDomain } from '@/lib/domains/get-domain';
import { listDomains } from '@/lib/domains/list-domains';
import { isFailure } from '@/lib/failure';
import { runScheduledDnsWork } from '@/lib/jobs/scheduled-dns';
import { runDueJobs } from '@/lib/jobs/worker';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { adminCaller, postmasterCaller, superadminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { insertAdmin, insertDomain, insertMailbox, insertPlan, POSTMASTER_QUOTA_BYTES, type DomainRow } from './helpers/fixtures';

// Issue 18: DKIM keys (encrypted at rest, pending → active → retiring → removed, published before they
// sign), the DNS records' live check (on demand and the worker's daily job) against a DNS server of the
// test's own on loopback, and who may see or do what.

process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-0123456789-abcdefghij';
const t = useTestDatabase();
let dns: TestDnsServer;
const saved = { resolver: process.env.DNS_RESOLVER, host: process.env.MAIL_HOSTNAME };
let owner: Caller;
let otherAdmin: Caller;
let postmaster: Caller;
let otherPostmaster: Caller;
let domain: DomainRow;
let other: DomainRow;
const ip = '192.0.2.1';
const DEC = new Date('2026-12-07T06:00:00Z');

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

beforeEach(async () => {
  const db = t.db();
  await resetTables(db);
  dns.records = {};
  const a = await insertAdmin(db);
  const b = await insertAdmin(db);
  owner = adminCaller(a);
  otherAdmin = adminCaller(b);
  const plan = await insertPlan(db);
  domain = await insertDomain(db, { adminId: a.id, planId: plan.id }, { name: 'alpha.example' });
  other = await insertDomain(db, { adminId: b.id, planId: plan.id }, { name: 'beta.example' });
  postmaster = postmasterCaller(await insertMailbox(db, domain, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES }));
  otherPostmaster = postmasterCaller(await insertMailbox(db, other, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES }));
});

async function keys() {
  return t.db().select().from(dkimKeys).where(eq(dkimKeys.domainId, domain.id)).orderBy(dkimKeys.id);
}

/** Publishes the domain's DKIM record for `selector` in the test DNS server. */
function publish(selector: string, publicKey: string) {
  dns.records[`${selector}._domainkey.alpha.example`] = { TXT: [`v=DKIM1; k=rsa; p=${publicKey}`] };
}

async function mustCreate(now = DEC) {
  const result = await createDkimKey({ caller: owner, ip, id: domain.id, now });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data.selector;
}

describe('DKIM keys', () => {
  it('stores the private key encrypted (never the PEM), readable only with the server secret and for its own row', async () => {
    expect(await mustCreate()).toBe('mp202612');
    const [key] = await keys();
    expect(key).toMatchObject({ selector: 'mp202612', state: 'pending', algorithm: 'rsa', activatedAt: null });
    expect(key!.privateKeyEnc).not.toContain('BEGIN PRIVATE KEY');
    expect(key!.privateKeyEnc).toMatch(/^v1\./);
    const pem = decryptAtRest(key!.privateKeyEnc, 'dkim-key-encryption v1', dkimKeyOwner('alpha.example', 'mp202612'));
    expect(pem).toContain('BEGIN PRIVATE KEY');
    // Copied onto another domain or selector, it does not decrypt; nor under the OTP secrets' key.
    expect(decryptAtRest(key!.privateKeyEnc, 'dkim-key-encryption v1', dkimKeyOwner('beta.example', 'mp202612'))).toBeNull();
    expect(decryptAtRest(key!.privateKeyEnc, 'otp-secret-encryption v1', dkimKeyOwner('alpha.example', 'mp202612'))).toBeNull();
    const [audit] = await t.db().select().from(auditLog).where(eq(auditLog.action, 'dkim.create'));
    expect(audit).toMatchObject({ targetLabel: 'mp202612._domainkey.alpha.example', domainId: domain.id });
  });

  it('activates a key only once its record is published, then rotates: the old key retires for the grace period and the worker removes it', async () => {
    const first = await mustCreate();
    const refused = await activateDkimKey({ caller: owner, ip, id: domain.id });
    expect(refused).toMatchObject({ ok: false, formError: 'dns.dkim.notPublished' });
    // A record with another key is not the published key either.
    publish(first, 'MIIBIjANotTheKey');
    expect(await activateDkimKey({ caller: owner, ip, id: domain.id })).toMatchObject({ ok: false, formError: 'dns.dkim.notPublished' });
    expect((await keys())[0]!.state).toBe('pending');

    publish(first, (await keys())[0]!.publicKey);
    expect(await activateDkimKey({ caller: owner, ip, id: domain.id })).toEqual({ ok: true, data: { algorithm: 'rsa', selector: first } });
    expect((await keys()).map((k) => k.state)).toEqual(['active']);
    const syncJobs = await t.db().select().from(mailJobs).where(eq(mailJobs.kind, 'dkim-sync'));
    expect(syncJobs).toMatchObject([{ address: 'alpha.example', domainId: domain.id, state: 'pending' }]);

    // Rotation: a second key in the same month gets the next selector and stays pending until published.
    const second = await mustCreate();
    expect(second).toBe('mp202612-2');
    expect((await keys()).map((k) => [k.selector, k.state])).toEqual([
      [first, 'active'],
      [second, 'pending'],
    ]);
    publish(second, (await keys())[1]!.publicKey);
    const before = Date.now();
    expect(await activateDkimKey({ caller: owner, ip, id: domain.id })).toMatchObject({ ok: true });
    const [old, current] = await keys();
    expect([old!.state, current!.state]).toEqual(['retiring', 'active']);
    expect(old!.retireAfter!.getTime()).toBeGreaterThanOrEqual(before + DKIM_GRACE_MS - 1000);
    expect(await t.db().select().from(auditLog).where(eq(auditLog.action, 'dkim.activate'))).toHaveLength(2);

    // The worker's round within the grace period keeps it; after, removes it and renders the files again.
    await runScheduledDnsWork({ ex: t.db(), now: new Date(old!.retireAfter!.getTime() - 60_000) });
    expect(await keys()).toHaveLength(2);
    await t.db().delete(mailJobs);
    await runScheduledDnsWork({ ex: t.db(), now: new Date(old!.retireAfter!.getTime() + 60_000) });
    expect((await keys()).map((k) => k.selector)).toEqual([second]);
    expect((await t.db().select().from(mailJobs).where(eq(mailJobs.kind, 'dkim-sync'))).map((j) => j.address)).toEqual(['alpha.example']);
  });

  it('a new key replaces a pending one; activating with none pending is refused', async () => {
    await mustCreate();
    expect(await activateDkimKey({ caller: owner, ip, id: other.id }).catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'notFound'));
    await mustCreate();
    expect((await keys()).map((k) => [k.selector, k.state])).toEqual([['mp202612', 'pending']]);
    const superadmin = superadminCaller(await insertAdmin(t.db(), { role: 'superadmin' }));
    expect(await activateDkimKey({ caller: superadmin, ip, id: other.id })).toMatchObject({ ok: false, formError: 'dns.dkim.noPending' });
  });

  it('the worker renders active and retiring keys as 0640 files with the selector map, and removes files of keys gone', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mp-dkim-'));
    try {
      const selector = await mustCreate();
      publish(selector, (await keys())[0]!.publicKey);
      await activateDkimKey({ caller: owner, ip, id: domain.id });
      await fs.writeFile(path.join(dir, 'old.example.mp1.key'), 'stale');
      expect(await renderDkimKeys({ ex: t.db(), files: { dir } })).toMatchObject({ keys: 1, includeChanged: false });
      const file = path.join(dir, `alpha.example.${selector}.key`);
      expect(await fs.readFile(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
      // Readable by the folder's group (rspamd's, on a host: lib/dkim/key-files.ts), by nobody else.
      expect((await fs.stat(file)).mode & 0o777).toBe(0o640);
      expect(await fs.readFile(path.join(dir, SELECTOR_MAP), 'utf8')).toBe(`alpha.example ${selector}\n`);
      expect((await fs.readdir(dir)).sort()).toEqual([`alpha.example.${selector}.key`, DOMAINS_INCLUDE, SELECTOR_MAP].sort());
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('ed25519, the second signature', () => {
  function publishEd(selector: string, publicKey: string) {
    dns.records[`${selector}._domainkey.alpha.example`] = { TXT: [`v=DKIM1; k=ed25519; p=${publicKey}`] };
  }

  async function mustCreateEd() {
    const result = await createDkimKey({ caller: owner, ip, id: domain.id, algorithm: 'ed25519', now: DEC });
    if (!result.ok) throw new Error(JSON.stringify(result));
    return result.data.selector;
  }

  it('is generated beside the RSA key, encrypted at rest like it, with its own selector, record and audit row', async () => {
    const rsa = await mustCreate();
    expect(await mustCreateEd()).toBe('ed202612');
    const [rsaKey, edKey] = await keys();
    expect([rsaKey!.selector, rsaKey!.algorithm, rsaKey!.state]).toEqual([rsa, 'rsa', 'pending']);
    expect(edKey).toMatchObject({ selector: 'ed202612', algorithm: 'ed25519', state: 'pending' });
    expect(Buffer.from(edKey!.publicKey, 'base64')).toHaveLength(32);
    expect(edKey!.privateKeyEnc).toMatch(/^v1\./);
    expect(edKey!.privateKeyEnc).not.toContain('PRIVATE KEY');
    const pem = decryptAtRest(edKey!.privateKeyEnc, 'dkim-key-encryption v1', dkimKeyOwner('alpha.example', 'ed202612'));
    expect(createPrivateKey(pem!).asymmetricKeyType).toBe('ed25519');
    expect(decryptAtRest(edKey!.privateKeyEnc, 'dkim-key-encryption v1', dkimKeyOwner('beta.example', 'ed202612'))).toBeNull();
    expect(await t.db().select().from(auditLog).where(eq(auditLog.action, 'dkim.createEd25519'))).toMatchObject([{ targetLabel: 'ed202612._domainkey.alpha.example' }]);
    // The DNS page's records: one per key, the ed25519 one with k=ed25519.
    const { records } = await getDomainDns({ caller: owner, id: domain.id });
    expect(records.filter((r) => r.kind === 'dkim').map((r) => [r.name, r.value])).toEqual([
      [`${rsa}._domainkey.alpha.example`, `v=DKIM1; k=rsa; p=${rsaKey!.publicKey}`],
      ['ed202612._domainkey.alpha.example', `v=DKIM1; k=ed25519; p=${edKey!.publicKey}`],
    ]);
  });

  it('activates on its own published record (k=ed25519), leaves the RSA key alone, rotates and stops with a grace period', async () => {
    const rsa = await mustCreate();
    publish(rsa, (await keys())[0]!.publicKey);
    expect(await activateDkimKey({ caller: owner, ip, id: domain.id })).toMatchObject({ ok: true });
    const ed = await mustCreateEd();
    const edKey = (await keys()).find((k) => k.selector === ed)!;
    // Its key published as an RSA record is not its record.
    dns.records[`${ed}._domainkey.alpha.example`] = { TXT: [`v=DKIM1; k=rsa; p=${edKey.publicKey}`] };
    expect(await activateDkimKey({ caller: owner, ip, id: domain.id, algorithm: 'ed25519' })).toMatchObject({ ok: false, formError: 'dns.dkim.notPublished' });
    publishEd(ed, edKey.publicKey);
    expect(await activateDkimKey({ caller: owner, ip, id: domain.id, algorithm: 'ed25519' })).toEqual({ ok: true, data: { algorithm: 'ed25519', selector: ed } });
    expect((await keys()).map((k) => [k.selector, k.state])).toEqual([
      [rsa, 'active'],
      [ed, 'active'],
    ]);
    expect(await t.db().select().from(auditLog).where(eq(auditLog.action, 'dkim.activateEd25519'))).toHaveLength(1);

    // Rotation of the ed25519 key retires only the ed25519 key.
    const next = await mustCreateEd();
    publishEd(next, (await keys()).find((k) => k.selector === next)!.publicKey);
    expect(await activateDkimKey({ caller: owner, ip, id: domain.id, algorithm: 'ed25519' })).toMatchObject({ ok: true });
    expect((await keys()).map((k) => [k.selector, k.state])).toEqual([
      [rsa, 'active'],
      [ed, 'retiring'],
      [next, 'active'],
    ]);

    // Turned off: the active ed25519 key retires (its record keeps verifying), RSA still signs.
    await t.db().delete(mailJobs);
    expect(await stopEd25519Signing({ caller: owner, ip, id: domain.id })).toEqual({ ok: true, data: { stopped: true } });
    expect((await keys()).map((k) => [k.selector, k.state])).toEqual([
      [rsa, 'active'],
      [ed, 'retiring'],
      [next, 'retiring'],
    ]);
    expect(await t.db().select().from(mailJobs).where(eq(mailJobs.kind, 'dkim-sync'))).toHaveLength(1);
    expect(await t.db().select().from(auditLog).where(eq(auditLog.action, 'dkim.stopEd25519'))).toHaveLength(1);
    // Nothing left to stop: no change, no audit row.
    expect(await stopEd25519Signing({ caller: owner, ip, id: domain.id })).toEqual({ ok: true, data: { stopped: false } });
    expect(await t.db().select().from(auditLog).where(eq(auditLog.action, 'dkim.stopEd25519'))).toHaveLength(1);
  });

  it('the worker writes the ed25519 key as rspamd reads it and lists the domain with both selectors for rspamd', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mp-dkim-ed-'));
    try {
      const rsa = await mustCreate();
      publish(rsa, (await keys())[0]!.publicKey);
      await activateDkimKey({ caller: owner, ip, id: domain.id });
      expect(await renderDkimKeys({ ex: t.db(), files: { dir } })).toMatchObject({ keys: 1, includeChanged: false });
      const ed = await mustCreateEd();
      const edKey = (await keys()).find((k) => k.selector === ed)!;
      publishEd(ed, edKey.publicKey);
      await activateDkimKey({ caller: owner, ip, id: domain.id, algorithm: 'ed25519' });
      const rendered = await renderDkimKeys({ ex: t.db(), files: { dir } });
      expect(rendered).toMatchObject({ keys: 2, includeChanged: true });
      // libsodium's 64-byte secret key, base64: the seed, then the published public key.
      const file = Buffer.from((await fs.readFile(path.join(dir, `alpha.example.${ed}.key`), 'utf8')).trim(), 'base64');
      expect(file).toHaveLength(64);
      expect(file.subarray(32).toString('base64')).toBe(edKey.publicKey);
      expect(await fs.readFile(path.join(dir, SELECTOR_MAP), 'utf8')).toBe(`alpha.example ${rsa}\n`);
      const include = await fs.readFile(path.join(dir, DOMAINS_INCLUDE), 'utf8');
      expect(include).toContain(`"alpha.example" {`);
      expect(include.indexOf(`selector = "${rsa}"; path = "${dir}/alpha.example.${rsa}.key";`)).toBeLessThan(include.indexOf(`selector = "${ed}"; path = "${dir}/alpha.example.${ed}.key";`));
      // Rendered again unchanged: no reload needed.
      expect(await renderDkimKeys({ ex: t.db(), files: { dir } })).toMatchObject({ includeChanged: false });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the dkim-sync job', () => {
  it('renders the key files through the worker when DKIM_KEY_DIR is set, and notes it when it is not', async () => {
    const selector = await mustCreate();
    publish(selector, (await keys())[0]!.publicKey);
    await activateDkimKey({ caller: owner, ip, id: domain.id });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mp-dkim-job-'));
    const before = process.env.DKIM_KEY_DIR;
    try {
      delete process.env.DKIM_KEY_DIR;
      await runDueJobs({ host: null });
      await t.db().update(mailJobs).set({ state: 'pending' }).where(eq(mailJobs.kind, 'dkim-sync'));
      const notes = async () => (await t.db().select().from(mailJobs).where(eq(mailJobs.kind, 'dkim-sync'))).map((j) => j.note);
      expect(await notes()).toEqual(['noDkimKeyDir']);
      process.env.DKIM_KEY_DIR = dir;
      await runDueJobs({ host: null });
      expect(await notes()).toEqual(['dkimKeys:1']);
      expect(await fs.readFile(path.join(dir, `alpha.example.${selector}.key`), 'utf8')).toContain('BEGIN PRIVATE KEY');
    } finally {
      if (before === undefined) delete process.env.DKIM_KEY_DIR;
      else process.env.DKIM_KEY_DIR = before;
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('DNS live check', () => {
  function publishAll() {
    dns.records['alpha.example'] = {
      MX: [{ priority: 10, exchange: 'mail.example.net' }],
      TXT: ['v=spf1 include:_spf.elsewhere.example ~all', 'site-verification=abc'],
    };
    dns.records['_dmarc.alpha.example'] = { TXT: ['v=DMARC1; p=reject'] };
    dns.records['autoconfig.alpha.example'] = { CNAME: 'mail.example.net' };
  }

  it('on demand: stores each record’s outcome (ok / wrong with the value found / missing) with its time', async () => {
    publishAll();
    const selector = await mustCreate();
    publish(selector, 'MIIBIjANotTheKey');
    expect(await checkDomainDns({ caller: owner, id: domain.id })).toEqual({ ok: true, data: { status: 'problems' } });
    const [stored] = await t.db().select().from(domainDnsChecks).where(eq(domainDnsChecks.domainId, domain.id));
    expect(stored!.status).toBe('problems');
    expect(stored!.checkedAt).toBeInstanceOf(Date);
    const byKind = Object.fromEntries((stored!.results as { kind: string; status: string; found: string[] }[]).map((r) => [r.kind, r]));
    expect(byKind.mx).toMatchObject({ status: 'ok', found: [] });
    expect(byKind.spf).toMatchObject({ status: 'wrong', found: ['v=spf1 include:_spf.elsewhere.example ~all'] });
    expect(byKind.dkim).toMatchObject({ status: 'wrong', found: ['v=DKIM1; k=rsa; p=MIIBIjANotTheKey'] });
    expect(byKind.dmarc).toMatchObject({ status: 'ok' });
    expect(byKind.autoconfig).toMatchObject({ status: 'ok' });
    expect(byKind.autodiscover).toMatchObject({ status: 'missing', found: [] });

    // The domain list's badge and the API's representation read it.
    const list = await listDomains({ caller: owner, query: { page: 1, pageSize: 25, q: '', sort: 'name', dir: 'asc' } });
    expect(list.rows[0]).toMatchObject({ name: 'alpha.example', dnsStatus: 'problems' });
    expect((await getDomain({ caller: owner, id: domain.id })).dnsCheck).toMatchObject({ status: 'problems' });

    // Everything fixed: ok.
    dns.records['alpha.example']!.TXT = ['v=spf1 mx a:mail.example.net ~all'];
    publish(selector, (await keys())[0]!.publicKey);
    dns.records['autodiscover.alpha.example'] = { CNAME: 'mail.example.net.' };
    expect(await checkDomainDns({ caller: owner, id: domain.id })).toEqual({ ok: true, data: { status: 'ok' } });
  });

  it('daily: the worker queues a dns-check job for domains not checked for a day and the job stores the result', async () => {
    publishAll();
    expect(await runScheduledDnsWork({ ex: t.db() })).toEqual({ checks: 2, retiredDomains: 0 });
    // Not twice while one is open.
    expect(await runScheduledDnsWork({ ex: t.db() })).toEqual({ checks: 0, retiredDomains: 0 });
    const summary = await runDueJobs({ host: null });
    expect(summary).toMatchObject({ claimed: 2, done: 2 });
    const notes = (await t.db().select().from(mailJobs).orderBy(mailJobs.id)).map((j) => [j.kind, j.address, j.note]);
    expect(notes).toEqual([
      ['dns-check', 'alpha.example', 'dns:problems'],
      ['dns-check', 'beta.example', 'dns:problems'],
    ]);
    expect(await t.db().select({ id: domainDnsChecks.domainId }).from(domainDnsChecks)).toHaveLength(2);
    // Checked just now: not due again.
    expect(await runScheduledDnsWork({ ex: t.db() })).toEqual({ checks: 0, retiredDomains: 0 });
  });
});

describe('who may', () => {
  it('a postmaster sees its own domain’s records but cannot rotate, activate or run the check; another domain is not found', async () => {
    const own = await getDomainDns({ caller: postmaster, id: domain.id });
    expect(own.records.map((r) => r.kind)).toEqual(['mx', 'spf', 'dmarc', 'autoconfig', 'autodiscover']);
    for (const attempt of [
      () => createDkimKey({ caller: postmaster, ip, id: domain.id }),
      () => activateDkimKey({ caller: postmaster, ip, id: domain.id }),
      () => checkDomainDns({ caller: postmaster, id: domain.id }),
    ]) {
      expect(await attempt().catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'forbidden'));
    }
    expect(await getDomainDns({ caller: otherPostmaster, id: domain.id }).catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'notFound'));
    expect(await keys()).toHaveLength(0);
  });

  it('another admin gets not-found for every operation and nothing is written', async () => {
    for (const attempt of [
      () => getDomainDns({ caller: otherAdmin, id: domain.id }),
      () => createDkimKey({ caller: otherAdmin, ip, id: domain.id }),
      () => activateDkimKey({ caller: otherAdmin, ip, id: domain.id }),
      () => checkDomainDns({ caller: otherAdmin, id: domain.id }),
    ]) {
      expect(await attempt().catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'notFound'));
    }
    expect(await keys()).toHaveLength(0);
    expect(await t.db().select().from(domainDnsChecks)).toHaveLength(0);
  });
});
