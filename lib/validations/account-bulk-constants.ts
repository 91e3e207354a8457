// Zod-free: the bulk bar imports these without pulling zod into the page.

export const BULK_ACTIONS = ['deactivate', 'reactivate', 'delete', 'storage', 'serviceOn', 'serviceOff', 'forcePasswordChange'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** Ticked rows sent by id (a page holds at most 100; the API may send more). Beyond: use `match`. */
export const BULK_IDS_MAX = 10_000;
export const BULK_SEARCH_MAX = 200;

/** Why a selected account was left as it was. */
export const BULK_REFUSALS = ['postmaster', 'notAllowed', 'inactive', 'notInPlan', 'belowUsed', 'beyondDomain', 'serviceNotAllowed'] as const;
export type BulkRefusal = (typeof BULK_REFUSALS)[number];

export type BulkSummary = {
  action: BulkAction;
  /** Accounts the selection held. */
  selected: number;
  changed: number;
  /** Already as asked (deactivating an Offline account, say). */
  unchanged: number;
  refused: { reason: BulkRefusal; count: number; addresses: string[] }[];
};

/** What the panel's bulk route streams, one JSON line each: progress per group of accounts, then the outcome. */
export type BulkEvent = { type: 'progress'; done: number; total: number } | { type: 'result'; summary: BulkSummary } | { type: 'error'; message: string };
