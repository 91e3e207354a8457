import { domainToASCII } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { admins, domains, mailboxes } from '@/db/schema';
import { formatPrincipal, type PrincipalRef } from './caller';
import { burnPasswordCheck, verifyPassword } from './password';

/** The first factor passed: who, under which session version, and whether a code must follow. */
export type PasswordCheck = { principal: string; sessionVersion: number; ref: PrincipalRef; otpEnabled: boolean };

/** Addresses are stored in ASCII: a Unicode domain typed at sign-in is converted to punycode. */
export function normalizeIdentifier(identifier: string): string {
  const value = identifier.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at < 1) return value;
  const ascii = domainToASCII(value.slice(at + 1));
  return ascii ? `${value.slice(0, at)}@${ascii}` : value;
}

/**
 * Whether `ip` may use the mailbox: its allowed-IP list is empty, or the address is in one of its
 * entries. An unknown address (null) passes only an empty list. Postgres does the CIDR matching.
 */
export function mailboxIpAllowed(ip: string | null) {
  return sql<boolean>`(cardinality(${mailboxes.allowedIps}) = 0 or coalesce(${ip}::inet <<= any(${mailboxes.allowedIps}), false))`;
}

/**
 * Checks an identifier and password against admins and mailboxes, and (for a mailbox) the caller's
 * address against its allowed IPs. Every failure looks the same and costs one bcrypt comparison,
 * whether the identifier exists or not. Nothing is written: see recordSignIn.
 */
export async function checkPassword(identifier: string, password: string, ip: string | null = null): Promise<PasswordCheck | null> {
  const db = getDb();
  const id = normalizeIdentifier(identifier);
  const [admin] = await db
    .select({
      id: admins.id,
      hash: admins.passwordHash,
      active: admins.active,
      sv: admins.sessionVersion,
      otpEnabled: sql<boolean>`(${admins.otpEnabledAt} is not null)`,
    })
    .from(admins)
    .where(eq(admins.email, id))
    .limit(1);
  const [mailbox] = await db
    .select({
      id: mailboxes.id,
      hash: mailboxes.passwordHash,
      active: sql<boolean>`${mailboxes.active} and ${domains.active}`,
      isPostmaster: mailboxes.isPostmaster,
      webmail: mailboxes.webmail,
      sv: mailboxes.sessionVersion,
      otpEnabled: sql<boolean>`(${mailboxes.otpEnabledAt} is not null)`,
      ipAllowed: mailboxIpAllowed(ip),
    })
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .where(eq(mailboxes.address, id))
    .limit(1);

  if (!admin && !mailbox) return burnPasswordCheck(password).then(() => null);

  if (admin && (await verifyPassword(password, admin.hash))) {
    if (!admin.active) return null;
    const ref = { kind: 'admin', id: admin.id } as const;
    return { ref, principal: formatPrincipal(ref), sessionVersion: admin.sv, otpEnabled: Boolean(admin.otpEnabled) };
  }
  if (mailbox && (await verifyPassword(password, mailbox.hash))) {
    if (!mailbox.active || (!mailbox.isPostmaster && !mailbox.webmail) || !mailbox.ipAllowed) return null;
    const ref = { kind: 'mailbox', id: mailbox.id } as const;
    return { ref, principal: formatPrincipal(ref), sessionVersion: mailbox.sv, otpEnabled: Boolean(mailbox.otpEnabled) };
  }
  return null;
}

/** A completed sign-in: the last panel sign-in is what the account list shows until the mail servers report. */
export async function recordSignIn(ref: PrincipalRef): Promise<void> {
  const db = getDb();
  if (ref.kind === 'admin') await db.update(admins).set({ lastLoginAt: new Date() }).where(eq(admins.id, ref.id));
  else await db.update(mailboxes).set({ lastPanelLoginAt: new Date() }).where(eq(mailboxes.id, ref.id));
}
