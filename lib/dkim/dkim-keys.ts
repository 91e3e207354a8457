import 'server-only';
import { getDb } from '@/db';
import { activatePendingDkimKey, deletePendingDkimKey, insertDkimKey, listDkimKeys, retireActiveDkimKey } from '@/db/queries/dkim-keys';
import { fail, ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import { encryptAtRest } from '@/lib/auth/at-rest';
import type { Caller } from '@/lib/auth/caller';
import type { DkimAlgorithm } from '@/db/schema';
import { assertCan } from '@/lib/auth/permissions';
import { refused } from '@/lib/failure';
import { lockDomain, scopedDomain } from '@/lib/domains/lock-domain';
import { dkimSyncJob, queueMailJobs } from '@/lib/jobs/enqueue';
import { compareRecord } from '@/lib/dns/compare';
import { dnsConfigFromEnv } from '@/lib/dns/dns-config';
import { expectedRecords } from '@/lib/dns/records';
import { lookup, resolverFromEnv } from '@/lib/dns/resolve';
import { dkimKeyOwner, generateDkimKey, nextSelector } from './generate-key';

/** How long a replaced key still verifies (its record stays published, the signer keeps its file). */
export const DKIM_GRACE_MS = 7 * 24 * 3_600_000;


type DkimKeyResult = { algorithm: DkimAlgorithm; selector: string };

/**
 * A new key for the domain, pending until its record is published (activateDkimKey). It replaces a
 * pending key of its algorithm not yet activated. The key pair is made before the transaction (it takes a
 * moment). An ed25519 key is the domain's second signature, chosen by making one (off until then).
 */
export async function createDkimKey({ caller, ip, id, algorithm = 'rsa', now = new Date() }: { caller: Caller; ip: string | null; id: number; algorithm?: DkimAlgorithm; now?: Date }): Promise<ActionResult<DkimKeyResult>> {
  assertCan(caller, 'domains:update');
  // Out of reach or no such domain: refused before the (costly) key generation.
  await scopedDomain(caller, id);
  const { privateKeyPem, publicKey } = await generateDkimKey(algorithm);
  return getDb().transaction(async (tx) => {
    const { domain } = await lockDomain(tx, caller, id, 'domains:update');
    await deletePendingDkimKey({ ex: tx, domainId: domain.id, algorithm });
    const taken = new Set((await listDkimKeys({ ex: tx, domainId: domain.id })).map((k) => k.selector));
    const selector = nextSelector(now, taken, algorithm);
    const privateKeyEnc = encryptAtRest(privateKeyPem, 'dkim-key-encryption v1', dkimKeyOwner(domain.name, selector));
    await insertDkimKey({ ex: tx, domainId: domain.id, selector, algorithm, privateKeyEnc, publicKey });
    await auditDkim(tx, { caller, ip, action: algorithm === 'rsa' ? 'dkim.create' : 'dkim.createEd25519', domain, label: `${selector}._domainkey.${domain.name}` });
    return ok({ algorithm, selector });
  });
}

/**
 * The pending key becomes the one the signer uses, once the live check finds its record published
 * exactly; the key it replaces retires for DKIM_GRACE_MS. The worker renders the signer's files.
 */
export async function activateDkimKey({ caller, ip, id, algorithm = 'rsa', now = new Date() }: { caller: Caller; ip: string | null; id: number; algorithm?: DkimAlgorithm; now?: Date }): Promise<ActionResult<DkimKeyResult>> {
  assertCan(caller, 'domains:update');
  const peek = await scopedDomain(caller, id);
  const pending = (await listDkimKeys({ ex: getDb(), domainId: peek.id })).find((k) => k.state === 'pending' && k.algorithm === algorithm);
  if (!pending) return fail(refused('dns.dkim.noPending'));
  // Looked up outside the transaction: a slow resolver must not hold the domain's row lock.
  const config = dnsConfigFromEnv();
  const [record] = expectedRecords(peek.name, config, [pending]).filter((r) => r.kind === 'dkim');
  const check = compareRecord(record!, await lookup(resolverFromEnv(), record!), config);
  if (check.status !== 'ok') return fail(refused('dns.dkim.notPublished'));
  return getDb().transaction(async (tx) => {
    const { domain } = await lockDomain(tx, caller, id, 'domains:update');
    const active = await activatePendingDkimKey({ ex: tx, domainId: domain.id, keyId: pending.id, algorithm, retireAfter: new Date(now.getTime() + DKIM_GRACE_MS) });
    if (!active) return fail(refused('dns.dkim.noPending'));
    await queueMailJobs(tx, [dkimSyncJob(domain)]);
    await auditDkim(tx, { caller, ip, action: algorithm === 'rsa' ? 'dkim.activate' : 'dkim.activateEd25519', domain, label: `${active.selector}._domainkey.${domain.name}` });
    return ok({ algorithm, selector: active.selector });
  });
}

/**
 * The domain stops signing with ed25519 (turning the second signature off): a pending ed25519 key goes, the
 * active one retires for DKIM_GRACE_MS like a replaced key (mail signed just before still verifies). RSA
 * signing is untouched.
 */
export async function stopEd25519Signing({ caller, ip, id, now = new Date() }: { caller: Caller; ip: string | null; id: number; now?: Date }): Promise<ActionResult<{ stopped: boolean }>> {
  assertCan(caller, 'domains:update');
  return getDb().transaction(async (tx) => {
    const { domain } = await lockDomain(tx, caller, id, 'domains:update');
    const dropped = await deletePendingDkimKey({ ex: tx, domainId: domain.id, algorithm: 'ed25519' });
    const retired = await retireActiveDkimKey({ ex: tx, domainId: domain.id, algorithm: 'ed25519', retireAfter: new Date(now.getTime() + DKIM_GRACE_MS) });
    if (dropped.length === 0 && retired.length === 0) return ok({ stopped: false });
    if (retired.length > 0) await queueMailJobs(tx, [dkimSyncJob(domain)]);
    await auditDkim(tx, { caller, ip, action: 'dkim.stopEd25519', domain, label: domain.name });
    return ok({ stopped: true });
  });
}

/** A DKIM change's audit row: on the domain, labelled with the record it is about. */
function auditDkim(tx: Parameters<typeof writeAudit>[0], { caller, ip, action, domain, label }: { caller: Caller; ip: string | null; action: Parameters<typeof writeAudit>[1]['action']; domain: { id: number; name: string }; label: string }) {
  return writeAudit(tx, { actor: caller, ip, action, targetType: 'domain', targetId: domain.id, targetLabel: label, domain: { id: domain.id, name: domain.name } });
}
