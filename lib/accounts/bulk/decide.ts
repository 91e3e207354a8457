import type { Service } from '@/lib/mail/services';
import type { BulkAction, BulkRefusal } from '@/lib/validations/account-bulk-constants';

// The rules of the single-account actions, row by row, for a bulk action. Kept pure (no database) so
// each rule is read once here: lib/accounts/lifecycle/* and lib/mailboxes/settings/general.ts, security.ts.

export type Verdict = 'change' | 'unchanged' | BulkRefusal;

type Row = {
  isPostmaster: boolean;
  active: boolean;
  quotaBytes: number;
  usedBytes: number;
  forcePasswordChange: boolean;
} & Record<Service, boolean>;

export type BulkContext = {
  action: BulkAction;
  /** The caller may do the action in this domain (its role, and for a postmaster the domain's switch). */
  allowed: boolean;
  quotaBytes?: number;
  service?: Service;
  /** Storage: the new limit is one of the plan's options. */
  inPlan: boolean;
  /** Service on: the domain enables it and the plan allows it. */
  serviceAllowed: boolean;
};

/** What happens to one selected account; storage raises are checked against the domain's space afterwards (fitStorage). */
export function decideRow(ctx: BulkContext, row: Row): Verdict {
  // The postmaster mailbox goes with its domain: never deactivated, deleted or changed in bulk.
  if (row.isPostmaster) return 'postmaster';
  if (!ctx.allowed) return 'notAllowed';
  switch (ctx.action) {
    case 'deactivate':
      return row.active ? 'change' : 'unchanged';
    case 'reactivate':
      return row.active ? 'unchanged' : 'change';
    case 'delete':
      return 'change';
    default:
      break;
  }
  // An Offline account's settings cannot be changed (the settings sections refuse it).
  if (!row.active) return 'inactive';
  switch (ctx.action) {
    case 'storage': {
      const quota = ctx.quotaBytes!;
      if (quota === row.quotaBytes) return 'unchanged';
      if (!ctx.inPlan) return 'notInPlan';
      if (quota < row.usedBytes) return 'belowUsed';
      return 'change';
    }
    case 'serviceOn':
      if (row[ctx.service!]) return 'unchanged';
      return ctx.serviceAllowed ? 'change' : 'serviceNotAllowed';
    case 'serviceOff':
      return row[ctx.service!] ? 'change' : 'unchanged';
    case 'forcePasswordChange':
      return row.forcePasswordChange ? 'unchanged' : 'change';
  }
}

/**
 * Which storage changes fit the domain's space, as the single save decides it one at a time: a raise
 * fits if the domain's total after it stays within the plan's domain storage; lowering always fits.
 * Lowerings are taken first (they make room), then raises smallest first, then by id.
 */
export function fitStorage<R extends { id: number; quotaBytes: number }>(
  rows: R[],
  quotaBytes: number,
  domainTotal: number,
  domainStorageBytes: number,
): { fit: R[]; beyond: R[] } {
  const sorted = [...rows].sort((a, b) => quotaBytes - a.quotaBytes - (quotaBytes - b.quotaBytes) || a.id - b.id);
  const fit: R[] = [];
  const beyond: R[] = [];
  let total = domainTotal;
  for (const row of sorted) {
    const delta = quotaBytes - row.quotaBytes;
    if (delta > 0 && total + delta > domainStorageBytes) {
      beyond.push(row);
      continue;
    }
    total += delta;
    fit.push(row);
  }
  return { fit, beyond };
}
