import 'server-only';
import { domainToASCII } from 'node:url';
import { getDb } from '@/db';
import { findSignInCandidates, recordPanelSignIn } from '@/db/queries/credentials';
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
 * Checks an identifier and password against admins and mailboxes, and the caller's address against
 * the account's allowed IPs. Every failure looks the same and costs one bcrypt comparison,
 * whether the identifier exists or not. Nothing is written: see recordSignIn. 'webmailOff': the right
 * password of an active account, from an allowed address, whose Webmail is off (only someone who knows
 * the password learns that).
 */
export async function checkPassword(identifier: string, password: string, ip: string | null = null): Promise<PasswordCheck | 'webmailOff' | null> {
  const id = normalizeIdentifier(identifier);
  const { admin, mailbox } = await findSignInCandidates({ ex: getDb(), identifier: id, ip });

  if (!admin && !mailbox) return burnPasswordCheck(password).then(() => null);

  if (admin && (await verifyPassword(password, admin.hash))) {
    if (!admin.active || !admin.ipAllowed) return null;
    const ref = { kind: 'admin', id: admin.id } as const;
    return { ref, principal: formatPrincipal(ref), sessionVersion: admin.sv, otpEnabled: Boolean(admin.otpEnabled) };
  }
  if (mailbox && (await verifyPassword(password, mailbox.hash))) {
    if (!mailbox.active || !mailbox.ipAllowed) return null;
    if (!mailbox.isPostmaster && !mailbox.webmail) return 'webmailOff';
    const ref = { kind: 'mailbox', id: mailbox.id } as const;
    return { ref, principal: formatPrincipal(ref), sessionVersion: mailbox.sv, otpEnabled: Boolean(mailbox.otpEnabled) };
  }
  return null;
}

/** A completed sign-in: the last panel sign-in is what the account list shows until the mail servers report. */
export async function recordSignIn(ref: PrincipalRef): Promise<void> {
  await recordPanelSignIn({ ex: getDb(), account: ref, at: new Date() });
}
