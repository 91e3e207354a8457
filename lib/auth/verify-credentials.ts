import { domainToASCII } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { admins, domains, mailboxes } from '@/db/schema';
import { formatPrincipal } from './caller';
import { burnPasswordCheck, verifyPassword } from './password';

export type VerifiedPrincipal = { principal: string; sessionVersion: number };

/** Addresses are stored in ASCII: a Unicode domain typed at sign-in is converted to punycode. */
export function normalizeIdentifier(identifier: string): string {
  const value = identifier.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at < 1) return value;
  const ascii = domainToASCII(value.slice(at + 1));
  return ascii ? `${value.slice(0, at)}@${ascii}` : value;
}

/**
 * Checks an identifier and password against admins and mailboxes. Every failure looks the same
 * and costs one bcrypt comparison, whether the identifier exists or not.
 */
export async function verifyCredentials(identifier: string, password: string): Promise<VerifiedPrincipal | null> {
  const db = getDb();
  const id = normalizeIdentifier(identifier);
  const [admin] = await db
    .select({ id: admins.id, hash: admins.passwordHash, active: admins.active, sv: admins.sessionVersion })
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
    })
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .where(eq(mailboxes.address, id))
    .limit(1);

  if (!admin && !mailbox) return burnPasswordCheck(password).then(() => null);

  if (admin && (await verifyPassword(password, admin.hash))) {
    if (!admin.active) return null;
    await db.update(admins).set({ lastLoginAt: new Date() }).where(eq(admins.id, admin.id));
    return { principal: formatPrincipal({ kind: 'admin', id: admin.id }), sessionVersion: admin.sv };
  }
  if (mailbox && (await verifyPassword(password, mailbox.hash))) {
    if (!mailbox.active || (!mailbox.isPostmaster && !mailbox.webmail)) return null;
    await db.update(mailboxes).set({ lastPanelLoginAt: new Date() }).where(eq(mailboxes.id, mailbox.id));
    return { principal: formatPrincipal({ kind: 'mailbox', id: mailbox.id }), sessionVersion: mailbox.sv };
  }
  return null;
}
