import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { getPasswordHashes, insertPasswordHistory } from '@/db/queries/mailbox-settings';
import { domains, mailboxes, oneTimeTokens } from '@/db/schema';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import { keyWith, translate } from '@/lib/i18n/translate';
import { kickJob, queueMailJobs } from '@/lib/jobs/enqueue';
import type { Language } from '@/lib/mail/services';
import { forgotPasswordSchema, resetPasswordSchema } from '@/lib/validations/recovery';
import { OWN_PASSWORD_REUSE_DEPTH } from './own-security';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { beginAttempt } from '@/lib/auth/throttle';

// Password recovery for mailboxes (postmasters and users): "Forgot password" mails a single-use link,
// valid for 30 minutes, to the account's recovery address; only the SHA-256 of the link's token is
// stored. Admins have no recovery address: they use the CLI (`npm run admin:create`, see the README).
//
// The answer to a request is the same whether the address exists or not, and costs the same: the
// request does the same work either way (the throttle, one look-up, pruning old tokens), and what
// differs — making the token and sending the message — happens after the answer (`delivery`).
//
// Nothing is sent, silently, when: the address is unknown; the account or its domain is inactive;
// recovery is disabled for the account, or password changes are (the password is then the admin's to
// set); or the account has no recovery address.

export const RESET_TOKEN_MINUTES = 30;
const MINUTE = 60_000;

export function hashResetToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The panel's own address for links in e-mails: PUBLIC_URL (never the request's Host header, which a client chooses). */
export function publicBaseUrl(): string {
  const url = process.env.PUBLIC_URL ?? process.env.NEXTAUTH_URL ?? 'http://localhost:3000';
  return url.replace(/\/+$/, '');
}

export function resetLink(token: string, baseUrl = publicBaseUrl()): string {
  return `${baseUrl}/login/reset?token=${encodeURIComponent(token)}`;
}

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
type RecoveryRow = {
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

function mayRecover(row: RecoveryRow | undefined): row is RecoveryRow & { recoveryEmail: string } {
  return !!row && row.active && row.domainActive && !row.passwordRecoveryDisabled && !row.passwordChangeDisabled && !!row.recoveryEmail;
}

async function pruneResetTokens(now: Date): Promise<void> {
  await getDb()
    .delete(oneTimeTokens)
    .where(and(eq(oneTimeTokens.purpose, 'password_reset'), or(lte(oneTimeTokens.expiresAt, now), sql`${oneTimeTokens.usedAt} is not null`)));
}

/** The recovery message, in the account's language. */
export function recoveryMail(row: { address: string; language: string }, link: string) {
  const language = (row.language === 'it' ? 'it' : 'en') as Language;
  const vars = { address: row.address, link, minutes: RESET_TOKEN_MINUTES };
  return {
    language,
    subject: translate(language, 'recovery.mail.subject', vars),
    text: translate(language, 'recovery.mail.body', vars),
  };
}

export type RecoveryRequest = {
  /** What the page shows: the same for every address (or a throttle / input refusal). */
  result: ActionResult;
  /** Making the token and sending the message, after the answer (the action hands it to `after()`). */
  delivery: Promise<void>;
};

type Mailer = (mail: { to: string; subject: string; text: string; language: string }) => Promise<void>;

async function defaultMailer(mail: Parameters<Mailer>[0]): Promise<void> {
  const { sendMail } = await import('@/lib/mail/send');
  await sendMail(mail);
}

/**
 * "Forgot password": counted per address and per source address (10 requests in 15 minutes, apart from
 * the sign-in's counters, so asking for links never locks anyone out of signing in), then the same
 * answer for every address.
 */
export async function requestPasswordReset({
  input,
  ip,
  now = new Date(),
  baseUrl,
  mailer = defaultMailer,
}: {
  input: unknown;
  ip: string | null;
  now?: Date;
  baseUrl?: string;
  mailer?: Mailer;
}): Promise<RecoveryRequest> {
  const done = Promise.resolve();
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) return { result: invalid(parsed.error), delivery: done };
  const { address } = parsed.data;

  const attempt = await beginAttempt({ account: address, ip, now, namespace: 'reset:' });
  if (attempt.throttled) return { result: fail(keyWith('recovery.throttled', { minutes: attempt.retryAfterMinutes })), delivery: done };
  // Every request counts, whatever happens next.
  await attempt.fail();

  const [row] = await getDb()
    .select(recoveryColumns)
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .where(eq(mailboxes.address, address))
    .limit(1);
  await pruneResetTokens(now);

  const delivery = mayRecover(row) ? deliver(row, { ip, now, baseUrl, mailer }) : done;
  return { result: ok(undefined), delivery };
}

async function deliver(
  row: RecoveryRow & { recoveryEmail: string },
  { ip, now, baseUrl, mailer }: { ip: string | null; now: Date; baseUrl?: string; mailer: Mailer },
): Promise<void> {
  try {
    const token = randomBytes(32).toString('base64url');
    await getDb().transaction(async (tx) => {
      // One link at a time: a new request replaces the earlier ones.
      await tx.delete(oneTimeTokens).where(and(eq(oneTimeTokens.purpose, 'password_reset'), eq(oneTimeTokens.mailboxId, row.id)));
      await tx.insert(oneTimeTokens).values({
        tokenHash: hashResetToken(token),
        purpose: 'password_reset',
        mailboxId: row.id,
        expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * MINUTE),
        createdAt: now,
      });
      await writeAudit(tx, {
        actor: { kind: 'system', label: row.address },
        ip,
        action: 'mailbox.password.recoveryRequested',
        targetType: 'mailbox',
        targetId: row.id,
        targetLabel: row.address,
        domain: { id: row.domainId, name: row.domainName },
        details: { sentTo: row.recoveryEmail },
      });
    });
    const mail = recoveryMail(row, resetLink(token, baseUrl));
    await mailer({ to: row.recoveryEmail, ...mail });
  } catch (error) {
    // Nobody waits for this answer: the failure goes to the server log.
    console.error('[recovery] the recovery message could not be sent:', error);
  }
}

/** The account a reset link belongs to, while the link is unused, unexpired, and recovery still allowed. */
export async function findResetToken(token: string, now: Date = new Date()): Promise<{ mailboxId: number; address: string; language: Language } | null> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
  const [row] = await getDb()
    .select({ token: { mailboxId: oneTimeTokens.mailboxId }, mailbox: recoveryColumns })
    .from(oneTimeTokens)
    .innerJoin(mailboxes, eq(mailboxes.id, oneTimeTokens.mailboxId))
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .where(
      and(
        eq(oneTimeTokens.tokenHash, hashResetToken(token)),
        eq(oneTimeTokens.purpose, 'password_reset'),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row || !mayRecover(row.mailbox)) return null;
  return { mailboxId: row.mailbox.id, address: row.mailbox.address, language: (row.mailbox.language === 'it' ? 'it' : 'en') as Language };
}

/**
 * The reset page: a new password under the change-password rules (length, the common list, not the
 * address, not one of the last five when reuse is blocked). The token is used up in the same
 * transaction that sets the password, and only if it is still unused and unexpired (two tabs: one
 * wins). Every session of the account ends; "force change" is cleared; other reset links die.
 */
export async function resetPasswordWithToken({ token, input, ip, now = new Date() }: { token: unknown; input: unknown; ip: string | null; now?: Date }): Promise<ActionResult> {
  const found = typeof token === 'string' ? await findResetToken(token, now) : null;
  if (!found) return fail('recovery.linkInvalid');
  const parsed = resetPasswordSchema(found.address).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { newPassword } = parsed.data;

  const [current] = await getDb().select(recoveryColumns).from(mailboxes).innerJoin(domains, eq(domains.id, mailboxes.domainId)).where(eq(mailboxes.id, found.mailboxId)).limit(1);
  if (!mayRecover(current)) return fail('recovery.linkInvalid');
  if (current.blockPasswordReuse) {
    const { previous } = await getPasswordHashes({ ex: getDb(), mailboxId: current.id, previous: OWN_PASSWORD_REUSE_DEPTH - 1 });
    for (const hash of [current.passwordHash, ...previous]) {
      if (await verifyPassword(newPassword, hash)) return fieldError('newPassword', 'mailboxSettings.errors.passwordReused');
    }
  }
  const passwordHash = await hashPassword(newPassword);

  return getDb().transaction(async (tx) => {
    const [used] = await tx
      .update(oneTimeTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(oneTimeTokens.tokenHash, hashResetToken(token as string)),
          eq(oneTimeTokens.purpose, 'password_reset'),
          isNull(oneTimeTokens.usedAt),
          gt(oneTimeTokens.expiresAt, now),
        ),
      )
      .returning({ mailboxId: oneTimeTokens.mailboxId });
    if (!used || used.mailboxId !== current.id) return fail('recovery.linkInvalid');
    const [updated] = await tx
      .update(mailboxes)
      .set({
        passwordHash,
        passwordChangedAt: now,
        forcePasswordChange: false,
        sessionVersion: sql`${mailboxes.sessionVersion} + 1`,
        version: sql`${mailboxes.version} + 1`,
        updatedAt: now,
      })
      // Only over the row as it was checked: an admin's change in between wins.
      .where(and(eq(mailboxes.id, current.id), eq(mailboxes.passwordHash, current.passwordHash), eq(mailboxes.active, true), eq(mailboxes.passwordRecoveryDisabled, false)))
      .returning({ id: mailboxes.id });
    if (!updated) return fail('recovery.linkInvalid');
    await insertPasswordHistory({ ex: tx, mailboxId: current.id, passwordHash: current.passwordHash });
    await queueMailJobs(tx, [kickJob({ id: current.id, address: current.address, domainId: current.domainId })]);
    await tx.delete(oneTimeTokens).where(and(eq(oneTimeTokens.purpose, 'password_reset'), eq(oneTimeTokens.mailboxId, current.id), isNull(oneTimeTokens.usedAt)));
    await writeAudit(tx, {
      actor: { kind: 'system', label: current.address },
      ip,
      action: 'mailbox.password.recovered',
      targetType: 'mailbox',
      targetId: current.id,
      targetLabel: current.address,
      domain: { id: current.domainId, name: current.domainName },
    });
    return ok(undefined);
  });
}
