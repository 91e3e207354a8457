import type { Database } from '@/db';
import type { Caller } from '@/lib/auth/caller';
import type { aliases } from '@/db/schema';
import type { AdminRow, DomainRow, MailboxRow, PlanRow } from '../../helpers/fixtures';

type AliasRow = typeof aliases.$inferSelect;

// The one shared shape of the authorization matrix (tests/integration/authz/authz-matrix.test.ts).
// A row names one endpoint (as tests/integration/authz/support/endpoints.ts collects it), one target,
// how to call the endpoint, and for each of the seven callers whether it must be allowed or denied.

/** The callers, relative to domain A (the postmaster and owning admin are domain A's). */
export const CALLERS = ['anonymous', 'user', 'postmaster', 'otherPostmaster', 'owningAdmin', 'otherAdmin', 'superadmin'] as const;
export type CallerName = (typeof CALLERS)[number];
export type Expectation = 'allow' | 'deny';

/**
 * What every row runs against, seeded afresh whenever a call may have changed it (support/world.ts).
 * Domain A belongs to `owningAdmin`, its postmaster may do everything (create, delete, toggle, limits);
 * domain B belongs to `otherAdmin`, its postmaster has the defaults (no delete, no limits). Every
 * principal's password is `password`.
 */
export type World = {
  password: string;
  superadmin: AdminRow;
  owningAdmin: AdminRow;
  otherAdmin: AdminRow;
  /** An admin nobody signs in as: a target for the superadmin's admin actions. */
  spareAdmin: AdminRow;
  plan: PlanRow;
  /** A plan no domain is on: a target for plan edits and deletion. */
  sparePlan: PlanRow;
  domainA: DomainRow;
  domainB: DomainRow;
  postmasterA: MailboxRow;
  /** The `user` caller: an account of domain A with Webmail, and a recovery address. */
  userA: MailboxRow;
  /** An ordinary account of domain A that nobody signs in as: the usual target. */
  accountA: MailboxRow;
  postmasterB: MailboxRow;
  userB: MailboxRow;
  accountB: MailboxRow;
  /** info@ of each domain, delivering to its `accountA` / `accountB` (domain A's postmaster may manage aliases, B's may not). */
  aliasA: AliasRow;
  aliasB: AliasRow;
  /** An alias domain of each domain (alpha-alias.example, beta-alias.example). */
  aliasDomainA: { id: number; name: string };
  aliasDomainB: { id: number; name: string };
};

export type CallContext<P = undefined> = {
  world: World;
  caller: CallerName;
  /** The caller as the data-access layer sees it (null: anonymous), for setting things up in `prepare`. */
  callerObject: Caller | null;
  db: Database;
  /** What `prepare` returned. */
  prepared: P;
};

export type AuthzRow<P = undefined> = {
  /** `path#export`, e.g. `app/(panel)/domains/actions.ts#addDomainAction` or `app/api/v1/domains/route.ts#GET`. */
  endpoint: string;
  /** What is acted on, in a few words (shown in the test name). */
  target: string;
  expect: Record<CallerName, Expectation>;
  /** Runs before the "before" digest (e.g. a draft or a pending OTP secret the call needs). */
  prepare?: (context: CallContext<unknown>) => Promise<P>;
  /** Calls the endpoint once; returns its answer (an ActionResult or a Response) or throws Next's redirect/notFound. */
  call: (context: CallContext<P>) => Promise<unknown>;
  /**
   * Refusals (formError keys) that mean "denied" here besides not found / signed out — e.g. a postmaster
   * the domain's admin did not allow to delete. Route handlers: 401, 403 and 404 are denials.
   */
  denials?: readonly string[];
  /** An allowed call must change the database (default: true for server actions, false for route handlers). */
  writes?: boolean;
};

/** An endpoint that is deliberately public and not part of the matrix (with the reason). */
export type PublicEndpoint = { endpoint: string; reason: string };

/** Erases a row's `prepared` type so rows of different shapes share one list. */
export function row<P = undefined>(definition: AuthzRow<P>): AuthzRow<unknown> {
  return definition as unknown as AuthzRow<unknown>;
}

/** These callers are allowed; every other one is denied. */
export function only(...allowed: CallerName[]): Record<CallerName, Expectation> {
  return Object.fromEntries(CALLERS.map((name) => [name, allowed.includes(name) ? 'allow' : 'deny'])) as Record<CallerName, Expectation>;
}

export const nobody = (): Record<CallerName, Expectation> => only();
export const everyone = (): Record<CallerName, Expectation> => only(...CALLERS);
export const signedIn = (): Record<CallerName, Expectation> => only(...CALLERS.filter((name) => name !== 'anonymous'));
/** Domain A's side: its postmaster, its admin, the superadmin. */
export const domainAStaff = (): Record<CallerName, Expectation> => only('postmaster', 'owningAdmin', 'superadmin');
/** Domain B's side. */
export const domainBStaff = (): Record<CallerName, Expectation> => only('otherPostmaster', 'otherAdmin', 'superadmin');
