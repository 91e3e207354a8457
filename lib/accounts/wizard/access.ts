import 'server-only';
import { getOwnDraft, type DraftOwner, type DraftRow } from '@/db/queries/account-drafts';
import { getDomainRow } from '@/db/queries/domains';
import type { Executor } from '@/db';
import type { Caller } from '@/lib/auth/caller';
import { assertCan, canOnDomain } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { displayDomain } from '@/lib/domains/display-name';
import { forbidden, notFound, refused, type Failure } from '@/lib/failure';
import { keyWith } from '@/lib/i18n/translate';
import { isRowId } from '@/lib/validations/common';
import { isDraftId } from './paths';

// Who may use the wizard, for which domain and which draft. Every step and "Create" go through here
// again: each server action is a public endpoint, and the domain or its plan may have changed since.

/** A draft is kept this long after its last saved step; then it is refused and, later, purged. */
export const DRAFT_TTL_SECONDS = 2 * 60 * 60;

export type WizardDomain = NonNullable<Awaited<ReturnType<typeof getDomainRow>>>;

/**
 * The domain with its plan, mailbox count and allocated storage, if the caller may create accounts
 * and the domain is in its scope; a notFound failure otherwise (no existence leak).
 */
export async function loadWizardDomain({ ex, caller, domainId }: { ex: Executor; caller: Caller; domainId: number }): Promise<WizardDomain> {
  assertCan(caller, 'accounts:create');
  const row = isRowId(domainId) ? await getDomainRow({ ex, scope: domainScope(caller), id: domainId }) : undefined;
  if (!row) throw notFound();
  return row;
}

/**
 * Why no account can be created in this domain right now, or null: the domain is deactivated, its
 * postmaster was not allowed to create accounts, or the plan's accounts are used up.
 */
export function creationRefusal(caller: Caller, row: WizardDomain): Failure | null {
  if (!row.domain.active) return refused(keyWith('wizard.errors.domainInactive', { domain: displayDomain(row.domain.name) }));
  if (!canOnDomain(caller, 'accounts:create', row.domain)) return forbidden('wizard.errors.notAllowed');
  // The postmaster counts: it is one of the domain's mailboxes.
  if (row.accounts >= row.plan.maxAccounts) return refused(keyWith('wizard.errors.domainFull', { count: row.accounts, max: row.plan.maxAccounts }));
  return null;
}

/** The storage the domain still has to give: the plan's total minus every mailbox's quota. */
export function freeBytes(row: WizardDomain): number {
  return Math.max(0, row.plan.domainStorageBytes - row.allocated);
}

export function draftOwner(caller: Caller): DraftOwner {
  return { kind: caller.kind, id: caller.id };
}

/**
 * The caller's own draft for this domain, or a notFound failure (someone else's draft, a malformed id and no
 * draft at all look the same). An expired draft comes back with `expired` set: only its owner learns that.
 */
export async function loadOwnDraft({
  ex,
  caller,
  domainId,
  draftId,
  lock = false,
}: {
  ex: Executor;
  caller: Caller;
  domainId: number;
  draftId: unknown;
  lock?: boolean;
}): Promise<DraftRow> {
  if (!isDraftId(draftId)) throw notFound();
  const draft = await getOwnDraft({ ex, id: draftId.toLowerCase(), domainId, owner: draftOwner(caller), lock });
  if (!draft) throw notFound();
  return draft;
}
