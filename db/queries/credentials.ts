import 'server-only';
import { and, eq, sql, type Placeholder } from 'drizzle-orm';
import type { Executor } from '@/db';
import { preparedFor } from '@/db/prepared';
import { adminAccessColumns } from '@/db/columns';
import { admins, domains, mailboxes, panelSettings } from '@/db/schema';

// The accounts behind sign-in and sessions: admins and mailboxes as credentials (password, session
// version, allowed IPs, the password policy), not as the settings pages show them.

/**
 * Whether `ip` may use the account (a mailbox or an admin): its allowed-IP list is empty, or the address
 * is in one of its entries. An unknown address (null) passes only an empty list. Postgres does the CIDR
 * matching.
 */
function ipAllowedBy(allowedIps: typeof mailboxes.allowedIps | typeof admins.allowedIps, ip: string | null | Placeholder) {
  return sql<boolean>`(cardinality(${allowedIps}) = 0 or coalesce(${ip}::inet <<= any(${allowedIps}), false))`;
}
const mailboxIpAllowed = (ip: string | null | Placeholder) => ipAllowedBy(mailboxes.allowedIps, ip);
const adminIpAllowed = (ip: string | null | Placeholder) => ipAllowedBy(admins.allowedIps, ip);

/** The panel-wide "every admin signs in with a code" (panel_settings; no row: off). */
const adminOtpRequired = sql<boolean>`coalesce((select ${panelSettings.adminOtpRequired} from ${panelSettings} where ${panelSettings.id} = 1), false)`;

/** What sign-in checks a password against: the admin and the mailbox with that (normalized) address, if any. */
export async function findSignInCandidates({ ex, identifier, ip }: { ex: Executor; identifier: string; ip: string | null }) {
  const [admin] = await ex
    .select({
      id: admins.id,
      hash: admins.passwordHash,
      active: admins.active,
      sv: admins.sessionVersion,
      otpEnabled: sql<boolean>`(${admins.otpEnabledAt} is not null)`,
      ipAllowed: adminIpAllowed(ip),
    })
    .from(admins)
    .where(eq(admins.email, identifier))
    .limit(1);
  const [mailbox] = await ex
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
    .where(eq(mailboxes.address, identifier))
    .limit(1);
  return { admin, mailbox };
}

/** A completed sign-in: the admin's last sign-in, or the mailbox's last panel sign-in. */
export async function recordPanelSignIn({ ex, account, at }: { ex: Executor; account: { kind: 'admin' | 'mailbox'; id: number }; at: Date }): Promise<void> {
  if (account.kind === 'admin') await ex.update(admins).set({ lastLoginAt: at }).where(eq(admins.id, account.id));
  else await ex.update(mailboxes).set({ lastPanelLoginAt: at }).where(eq(mailboxes.id, account.id));
}

/** The columns a session reads of an admin: with whether `ip` is among its allowed IPs and whether it must use OTP. */
export function adminPrincipalColumns(ip: string | null | Placeholder) {
  return {
    ...adminAccessColumns,
    language: admins.language,
    timeZone: admins.timeZone,
    ipAllowed: adminIpAllowed(ip),
    otpRequired: adminOtpRequired,
    otpEnabledAt: admins.otpEnabledAt,
    passwordChangedAt: admins.passwordChangedAt,
  };
}

/** The columns a session reads of a mailbox, with whether `ip` is among its allowed IPs. */
export function mailboxPrincipalColumns(ip: string | null | Placeholder) {
  return {
    id: mailboxes.id,
    address: mailboxes.address,
    domainId: mailboxes.domainId,
    isPostmaster: mailboxes.isPostmaster,
    webmail: mailboxes.webmail,
    sessionVersion: mailboxes.sessionVersion,
    language: mailboxes.language,
    timeZone: mailboxes.timeZone,
    ipAllowed: mailboxIpAllowed(ip),
    forcePasswordChange: mailboxes.forcePasswordChange,
    passwordExpiryMonths: mailboxes.passwordExpiryMonths,
    passwordChangedAt: mailboxes.passwordChangedAt,
    otpRequired: mailboxes.otpRequired,
    otpEnabledAt: mailboxes.otpEnabledAt,
    apiAccess: mailboxes.apiAccess,
  };
}

/** A mailbox counts only while it and its domain are active. */
export const mailboxPrincipalWhere = (id: number | Placeholder) => and(eq(mailboxes.id, id), eq(mailboxes.active, true), eq(domains.active, true));

const adminPrincipalRead = (ex: Executor, name: string) =>
  ex.select(adminPrincipalColumns(sql.placeholder('ip'))).from(admins).where(eq(admins.id, sql.placeholder('id'))).limit(1).prepare(name);

const mailboxPrincipalRead = (ex: Executor, name: string) =>
  ex
    .select(mailboxPrincipalColumns(sql.placeholder('ip')))
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .where(mailboxPrincipalWhere(sql.placeholder('id')))
    .limit(1)
    .prepare(name);

/** An admin as a session sees it (every API request reads it: built once, db/prepared.ts). */
export async function findAdminPrincipal({ ex, id, ip }: { ex: Executor; id: number; ip: string | null }) {
  const [row] = await preparedFor(ex, 'admin_principal', adminPrincipalRead).execute({ id, ip });
  return row;
}

/** An active mailbox of an active domain as a session sees it (built once, as above). */
export async function findMailboxPrincipal({ ex, id, ip }: { ex: Executor; id: number; ip: string | null }) {
  const [row] = await preparedFor(ex, 'mailbox_principal', mailboxPrincipalRead).execute({ id, ip });
  return row;
}

/** An active admin's own password row. */
export async function findOwnAdminPassword({ ex, id }: { ex: Executor; id: number }) {
  const [row] = await ex
    .select({ address: admins.email, passwordHash: admins.passwordHash, passwordChangedAt: admins.passwordChangedAt, sessionVersion: admins.sessionVersion })
    .from(admins)
    .where(and(eq(admins.id, id), eq(admins.active, true)))
    .limit(1);
  return row;
}

/** An active mailbox's own password row and policy, with its domain. */
export async function findOwnMailboxPassword({ ex, id }: { ex: Executor; id: number }) {
  const [row] = await ex
    .select({
      address: mailboxes.address,
      passwordHash: mailboxes.passwordHash,
      passwordChangedAt: mailboxes.passwordChangedAt,
      sessionVersion: mailboxes.sessionVersion,
      forcePasswordChange: mailboxes.forcePasswordChange,
      passwordExpiryMonths: mailboxes.passwordExpiryMonths,
      passwordChangeDisabled: mailboxes.passwordChangeDisabled,
      blockPasswordReuse: mailboxes.blockPasswordReuse,
      otpRequired: mailboxes.otpRequired,
      domain: { id: domains.id, name: domains.name },
    })
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .where(and(eq(mailboxes.id, id), eq(mailboxes.active, true)))
    .limit(1);
  return row;
}

/**
 * The account's own new password, only over the row as it was checked (same hash, same session
 * version); the session version moves on, and a mailbox's "force change" is cleared. Returns the new
 * session version, or undefined when the row changed in between.
 */
export async function setOwnPassword({
  ex,
  account,
  expected,
  passwordHash,
  now,
}: {
  ex: Executor;
  account: { kind: 'admin' | 'mailbox'; id: number };
  expected: { passwordHash: string; sessionVersion: number };
  passwordHash: string;
  now: Date;
}): Promise<number | undefined> {
  const set = { passwordHash, passwordChangedAt: now, sessionVersion: sql`session_version + 1`, version: sql`version + 1`, updatedAt: now };
  if (account.kind === 'admin') {
    const [updated] = await ex
      .update(admins)
      .set(set)
      .where(and(eq(admins.id, account.id), eq(admins.passwordHash, expected.passwordHash), eq(admins.sessionVersion, expected.sessionVersion)))
      .returning({ sessionVersion: admins.sessionVersion });
    return updated?.sessionVersion;
  }
  const [updated] = await ex
    .update(mailboxes)
    .set({ ...set, forcePasswordChange: false })
    .where(and(eq(mailboxes.id, account.id), eq(mailboxes.passwordHash, expected.passwordHash), eq(mailboxes.sessionVersion, expected.sessionVersion)))
    .returning({ sessionVersion: mailboxes.sessionVersion });
  return updated?.sessionVersion;
}

/** What a device cookie is checked against: the account's sign-in name and password hash as they are now. */
export async function findDeviceBinding({ ex, account }: { ex: Executor; account: { kind: 'admin' | 'mailbox'; id: number } }) {
  if (account.kind === 'admin') {
    const [row] = await ex.select({ identifier: admins.email, passwordHash: admins.passwordHash }).from(admins).where(eq(admins.id, account.id)).limit(1);
    return row;
  }
  const [row] = await ex.select({ identifier: mailboxes.address, passwordHash: mailboxes.passwordHash }).from(mailboxes).where(eq(mailboxes.id, account.id)).limit(1);
  return row;
}
