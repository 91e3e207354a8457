import 'server-only';
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { mailboxChange } from '@/db/columns';
import { domains, mailboxes, oneTimeTokens } from '@/db/schema';

// Password-recovery links (one_time_tokens, purpose 'password_reset'; only the token's SHA-256 is
// stored) and the mailbox columns that decide whether an account may recover its password.

/** The columns that decide whether an account may recover its password now. */
const recoveryColumns = {
  id: mailboxes.id,
  address: mailboxes.address,
  active: mailboxes.active,
  domainActive: domains.active,
  domainId: domains.id,
  domainName: domains.name,
  language: mailboxes.language,
  recoveryEmail: mailboxes.recoveryEmail,
  passwordRecoveryDisabled: mailboxes.passwordRecoveryDisabled,
  passwordChangeDisabled: mailboxes.passwordChangeDisabled,
  passwordHash: mailboxes.passwordHash,
  blockPasswordReuse: mailboxes.blockPasswordReuse,
};

export type RecoveryAccount = {
  id: number;
  address: string;
  active: boolean;
  domainActive: boolean;
  domainId: number;
  domainName: string;
  language: string;
  recoveryEmail: string | null;
  passwordRecoveryDisabled: boolean;
  passwordChangeDisabled: boolean;
  passwordHash: string;
  blockPasswordReuse: boolean;
};

export async function findRecoveryAccountByAddress({ ex, address }: { ex: Executor; address: string }): Promise<RecoveryAccount | undefined> {
  const [row] = await ex
    .select(recoveryColumns)
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .where(eq(mailboxes.address, address))
    .limit(1);
  return row;
}

export async function findRecoveryAccountById({ ex, id }: { ex: Executor; id: number }): Promise<RecoveryAccount | undefined> {
  const [row] = await ex.select(recoveryColumns).from(mailboxes).innerJoin(domains, eq(domains.id, mailboxes.domainId)).where(eq(mailboxes.id, id)).limit(1);
  return row;
}

/** Links that can no longer be used: expired, or used already. */
export async function pruneResetTokens({ ex, now }: { ex: Executor; now: Date }): Promise<void> {
  await ex
    .delete(oneTimeTokens)
    .where(and(eq(oneTimeTokens.purpose, 'password_reset'), or(lte(oneTimeTokens.expiresAt, now), sql`${oneTimeTokens.usedAt} is not null`)));
}

/** One link at a time: the account's earlier links go, the new one is stored. */
export async function replaceResetToken({
  ex,
  mailboxId,
  tokenHash,
  expiresAt,
  createdAt,
}: {
  ex: Executor;
  mailboxId: number;
  tokenHash: string;
  expiresAt: Date;
  createdAt: Date;
}): Promise<void> {
  await ex.delete(oneTimeTokens).where(and(eq(oneTimeTokens.purpose, 'password_reset'), eq(oneTimeTokens.mailboxId, mailboxId)));
  await ex.insert(oneTimeTokens).values({ tokenHash, purpose: 'password_reset', mailboxId, expiresAt, createdAt });
}

function openToken(tokenHash: string, now: Date) {
  return and(eq(oneTimeTokens.tokenHash, tokenHash), eq(oneTimeTokens.purpose, 'password_reset'), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, now));
}

/** The account of an unused, unexpired link. */
export async function findResetTokenAccount({ ex, tokenHash, now }: { ex: Executor; tokenHash: string; now: Date }): Promise<RecoveryAccount | undefined> {
  const [row] = await ex
    .select({ token: { mailboxId: oneTimeTokens.mailboxId }, mailbox: recoveryColumns })
    .from(oneTimeTokens)
    .innerJoin(mailboxes, eq(mailboxes.id, oneTimeTokens.mailboxId))
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .where(openToken(tokenHash, now))
    .limit(1);
  return row?.mailbox;
}

/** Uses up the link if it is still unused and unexpired (two tabs: one wins); its mailbox id, or undefined. */
export async function useResetToken({ ex, tokenHash, now }: { ex: Executor; tokenHash: string; now: Date }): Promise<number | null | undefined> {
  const [used] = await ex.update(oneTimeTokens).set({ usedAt: now }).where(openToken(tokenHash, now)).returning({ mailboxId: oneTimeTokens.mailboxId });
  return used?.mailboxId;
}

/**
 * The recovered password, only over the row as it was checked (an admin's change in between wins):
 * "force change" cleared, every session ended. False when the row changed.
 */
export async function setRecoveredPassword({
  ex,
  mailboxId,
  expectedHash,
  passwordHash,
  now,
}: {
  ex: Executor;
  mailboxId: number;
  expectedHash: string;
  passwordHash: string;
  now: Date;
}): Promise<boolean> {
  const [updated] = await ex
    .update(mailboxes)
    .set(mailboxChange({ passwordHash, passwordChangedAt: now, forcePasswordChange: false }, { endSessions: true, now }))
    .where(and(eq(mailboxes.id, mailboxId), eq(mailboxes.passwordHash, expectedHash), eq(mailboxes.active, true), eq(mailboxes.passwordRecoveryDisabled, false)))
    .returning({ id: mailboxes.id });
  return updated !== undefined;
}

/** The account's other links, once one of them has been used. */
export async function deleteOpenResetTokens({ ex, mailboxId }: { ex: Executor; mailboxId: number }): Promise<void> {
  await ex.delete(oneTimeTokens).where(and(eq(oneTimeTokens.purpose, 'password_reset'), eq(oneTimeTokens.mailboxId, mailboxId), isNull(oneTimeTokens.usedAt)));
}
