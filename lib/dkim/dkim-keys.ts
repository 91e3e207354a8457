import 'server-only';
import { getDb } from '@/db';
import { activatePendingDkimKey, deletePendingDkimKey, insertDkimKey, listDkimKeys } from '@/db/queries/dkim-keys';
import { fail, ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import { encryptAtRest } from '@/lib/auth/at-rest';
import type { Caller } from '@/lib/auth/caller';
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


/**
 * A new key for the domain, pending until its record is published (activateDkimKey). It replaces a
 * pending key not yet activated. The key pair is made before the transaction (it takes a moment).
 */
export async function createDkimKey({ caller, ip, id, now = new Date() }: { caller: Caller; ip: string | null; id: number; now?: Date }): Promise<ActionResult<{ selector: string }>> {
  assertCan(caller, 'domains:update');
  // Out of reach or no such domain: refused before the (costly) key generation.
  await scopedDomain(caller, id);
  const { privateKeyPem, publicKey } = await generateDkimKey();
  return getDb().transaction(async (tx) => {
    const { domain } = await lockDomain(tx, caller, id, 'domains:update');
    await deletePendingDkimKey({ ex: tx, domainId: domain.id });
    const taken = new Set((await listDkimKeys({ ex: tx, domainId: domain.id })).map((k) => k.selector));
    const selector = nextSelector(now, taken);
    const privateKeyEnc = encryptAtRest(privateKeyPem, 'dkim-key-encryption v1', dkimKeyOwner(domain.name, selector));
    await insertDkimKey({ ex: tx, domainId: domain.id, selector, privateKeyEnc, publicKey });
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'dkim.create',
      targetType: 'domain',
      targetId: domain.id,
      targetLabel: `${selector}._domainkey.${domain.name}`,
      domain: { id: domain.id, name: domain.name },
    });
    return ok({ selector });
  });
}

/**
 * The pending key becomes the one the signer uses, once the live check finds its record published
 * exactly; the key it replaces retires for DKIM_GRACE_MS. The worker renders the signer's files.
 */
export async function activateDkimKey({ caller, ip, id, now = new Date() }: { caller: Caller; ip: string | null; id: number; now?: Date }): Promise<ActionResult<{ selector: string }>> {
  assertCan(caller, 'domains:update');
  const peek = await scopedDomain(caller, id);
  const pending = (await listDkimKeys({ ex: getDb(), domainId: peek.id })).find((k) => k.state === 'pending');
  if (!pending) return fail(refused('dns.dkim.noPending'));
  // Looked up outside the transaction: a slow resolver must not hold the domain's row lock.
  const config = dnsConfigFromEnv();
  const [record] = expectedRecords(peek.name, config, [pending]).filter((r) => r.kind === 'dkim');
  const check = compareRecord(record!, await lookup(resolverFromEnv(), record!), config);
  if (check.status !== 'ok') return fail(refused('dns.dkim.notPublished'));
  return getDb().transaction(async (tx) => {
    const { domain } = await lockDomain(tx, caller, id, 'domains:update');
    const active = await activatePendingDkimKey({ ex: tx, domainId: domain.id, keyId: pending.id, retireAfter: new Date(now.getTime() + DKIM_GRACE_MS) });
    if (!active) return fail(refused('dns.dkim.noPending'));
    await queueMailJobs(tx, [dkimSyncJob(domain)]);
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'dkim.activate',
      targetType: 'domain',
      targetId: domain.id,
      targetLabel: `${active.selector}._domainkey.${domain.name}`,
      domain: { id: domain.id, name: domain.name },
    });
    return ok({ selector: active.selector });
  });
}
