import 'server-only';
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { accountDrafts, aliases, mailboxes } from '@/db/schema';

// The account wizard's drafts: kept in the database (any app server can continue one), owned by the
// admin or postmaster who started it, and expiring. Times are the database's, so app servers whose
// clocks differ still agree on what has expired.

/** Who a draft belongs to: exactly one of the two owner columns is set (CHECK account_drafts_one_owner). */
export type DraftOwner = { kind: 'admin' | 'mailbox'; id: number };

function ownedBy(owner: DraftOwner) {
  return owner.kind === 'admin' ? eq(accountDrafts.ownerAdminId, owner.id) : eq(accountDrafts.ownerMailboxId, owner.id);
}

function expiresIn(seconds: number) {
  return sql`now() + make_interval(secs => ${seconds})`;
}

export type DraftRow = {
  id: string;
  domainId: number;
  step: number;
  data: Record<string, unknown>;
  expiresAt: Date;
  expired: boolean;
};

const draftColumns = {
  id: accountDrafts.id,
  domainId: accountDrafts.domainId,
  step: accountDrafts.step,
  data: accountDrafts.data,
  expiresAt: accountDrafts.expiresAt,
  expired: sql<boolean>`(${accountDrafts.expiresAt} <= now())`,
};

// PGlite may hand jsonb over as text.
function parsed(row: { data: unknown } & Omit<DraftRow, 'data'>): DraftRow {
  const data = typeof row.data === 'string' ? (JSON.parse(row.data) as unknown) : row.data;
  return { ...row, data: data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {} };
}

export async function insertDraft({
  ex,
  domainId,
  owner,
  step,
  data,
  ttlSeconds,
}: {
  ex: Executor;
  domainId: number;
  owner: DraftOwner;
  step: number;
  data: Record<string, unknown>;
  ttlSeconds: number;
}): Promise<{ id: string }> {
  const [row] = await ex
    .insert(accountDrafts)
    .values({
      domainId,
      ownerAdminId: owner.kind === 'admin' ? owner.id : null,
      ownerMailboxId: owner.kind === 'mailbox' ? owner.id : null,
      step,
      data,
      expiresAt: expiresIn(ttlSeconds),
    })
    .returning({ id: accountDrafts.id });
  if (!row) throw new Error('insert into account_drafts returned no row');
  return row;
}

/**
 * The draft if it is this owner's, for this domain; undefined otherwise (someone else's draft and no
 * draft look the same). An expired one is returned with `expired` set. `lock`: FOR UPDATE, so steps
 * saved and "Create" on one draft take turns.
 */
export async function getOwnDraft({
  ex,
  id,
  domainId,
  owner,
  lock = false,
}: {
  ex: Executor;
  id: string;
  domainId: number;
  owner: DraftOwner;
  lock?: boolean;
}): Promise<DraftRow | undefined> {
  const query = ex
    .select(draftColumns)
    .from(accountDrafts)
    .where(and(eq(accountDrafts.id, id), eq(accountDrafts.domainId, domainId), ownedBy(owner)))
    .limit(1);
  const [row] = await (lock ? query.for('update') : query);
  return row && parsed(row);
}

/**
 * Saves one step's section (replacing that section only, merged into the jsonb), moves the furthest
 * step reached on (never back), and starts the expiry again.
 */
export async function saveDraftSection({
  ex,
  id,
  section,
  value,
  reached,
  ttlSeconds,
}: {
  ex: Executor;
  id: string;
  section: string;
  value: unknown;
  reached: number;
  ttlSeconds: number;
}): Promise<void> {
  await ex
    .update(accountDrafts)
    .set({
      data: sql`${accountDrafts.data} || jsonb_build_object(${section}::text, ${JSON.stringify(value)}::jsonb)`,
      step: sql`greatest(${accountDrafts.step}, ${reached})`,
      expiresAt: expiresIn(ttlSeconds),
    })
    .where(eq(accountDrafts.id, id));
}

export async function deleteDraft({ ex, id }: { ex: Executor; id: string }): Promise<void> {
  await ex.delete(accountDrafts).where(eq(accountDrafts.id, id));
}

/** Drops every expired draft (through account_drafts_expires_idx); how many went. */
export async function purgeExpiredDrafts({ ex }: { ex: Executor }): Promise<number> {
  const rows = await ex.delete(accountDrafts).where(lte(accountDrafts.expiresAt, sql`now()`)).returning({ id: accountDrafts.id });
  return rows.length;
}

/**
 * Whether the domain already has this local part: a mailbox (mailboxes_domain_local_part_key) or an alias
 * (one address space per domain, the address_space_guard trigger).
 */
export async function localPartTaken({ ex, domainId, localPart }: { ex: Executor; domainId: number; localPart: string }): Promise<boolean> {
  const rows = await ex
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(and(eq(mailboxes.domainId, domainId), eq(mailboxes.localPart, localPart)))
    .union(ex.select({ id: aliases.id }).from(aliases).where(and(eq(aliases.domainId, domainId), eq(aliases.localPart, localPart))))
    .limit(1);
  return rows.length > 0;
}
