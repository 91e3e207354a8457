import 'server-only';
import { getDb } from '@/db';
import { findAdminPrincipal, findMailboxPrincipal } from '@/db/queries/credentials';
import type { Language } from '@/lib/mail/services';
import type { Caller, PrincipalRef } from './caller';
import { gateFor, type PolicyState } from './gate';

export type LoadCallerOptions = {
  /** The client address as the custom server established it; null (unknown) passes only an empty allowed-IP list. */
  ip?: string | null;
  now?: Date;
};

/**
 * The caller behind a session, or null when the session no longer holds: the row is gone or
 * inactive, its session version moved on (password changed, deactivated, OTP reset), or the request
 * comes from an address outside the account's allowed IPs. A caller that must change its password
 * or enrol OTP first comes with `gate` set.
 */
export async function loadCaller(ref: PrincipalRef, sessionVersion: number, options: LoadCallerOptions = {}): Promise<Caller | null> {
  const loaded = await loadPrincipal(ref, options);
  return loaded && loaded.caller.sessionVersion === sessionVersion ? loaded.caller : null;
}

/** A caller as loaded, and whether its "API access" is on (admins: always). */
export type LoadedPrincipal = { caller: Caller; apiAccess: boolean };

/**
 * The account as loadCaller sees it, whatever its session version: the REST API's tokens (which are
 * no sessions) act as their owner through this, with the same checks (active, allowed IPs, gate).
 */
export async function loadPrincipal(ref: PrincipalRef, { ip = null, now = new Date() }: LoadCallerOptions = {}): Promise<LoadedPrincipal | null> {
  return ref.kind === 'admin'
    ? adminPrincipal(await findAdminPrincipal({ ex: getDb(), id: ref.id, ip }), now)
    : mailboxPrincipal(await findMailboxPrincipal({ ex: getDb(), id: ref.id, ip }), now);
}

type PrincipalRow = PolicyRow & { id: number; language: string; timeZone: string; sessionVersion: number };
type PolicyRow = Omit<PolicyState, 'otpEnabled'> & { otpEnabledAt: Date | null };
type Identity = Pick<Extract<Caller, { kind: 'admin' }>, 'kind' | 'role' | 'label'> | Pick<Extract<Caller, { kind: 'mailbox' }>, 'kind' | 'role' | 'label' | 'domainId'>;

/** The caller from its row: who it is, its language and zone, its session version and gate (if one applies now). */
function principal(identity: Identity, row: PrincipalRow, now: Date, apiAccess: boolean): LoadedPrincipal {
  const gate = gateFor({ ...row, otpEnabled: row.otpEnabledAt !== null }, now);
  const caller: Caller = {
    ...identity,
    id: row.id,
    language: row.language as Language,
    timeZone: row.timeZone,
    sessionVersion: row.sessionVersion,
    ...(gate ? { gate } : {}),
  };
  return { caller, apiAccess };
}

/** An admin's row as a caller: none when inactive or outside its allowed IPs. */
export function adminPrincipal(row: Awaited<ReturnType<typeof findAdminPrincipal>>, now: Date): LoadedPrincipal | null {
  if (!row || !row.active || !row.ipAllowed) return null;
  // Admins have no password policy; the panel may require OTP of every admin (lib/admins/admin-security.ts).
  return principal({ kind: 'admin', role: row.role, label: row.email }, { ...row, forcePasswordChange: false, passwordExpiryMonths: 0 }, now, true);
}

/** A mailbox's row as a caller: none outside its allowed IPs, nor a user without Webmail access. */
export function mailboxPrincipal(row: Awaited<ReturnType<typeof findMailboxPrincipal>>, now: Date): LoadedPrincipal | null {
  if (!row || !row.ipAllowed) return null;
  // A user reaches the self-service pages only with Webmail access; a postmaster always.
  if (!row.isPostmaster && !row.webmail) return null;
  const role = row.isPostmaster ? 'postmaster' : 'user';
  return principal({ kind: 'mailbox', role, label: row.address, domainId: row.domainId }, row, now, row.apiAccess);
}
