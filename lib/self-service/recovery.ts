import 'server-only';
import { componentLogger } from '@/lib/ops/log/logger';
import { createHash, randomBytes } from 'node:crypto';
import { getDb } from '@/db';
import { getPasswordHashes, insertPasswordHistory } from '@/db/queries/mailbox-settings';
import { rateLimited, refused } from '@/lib/failure';
import {
  deleteOpenResetTokens,
  findRecoveryAccountByAddress,
  findRecoveryAccountById,
  findResetTokenAccount,
  pruneResetTokens,
  replaceResetToken,
  setRecoveredPassword,
  useResetToken,
  type RecoveryAccount,
} from '@/db/queries/password-recovery';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { mailboxTarget, writeAudit } from '@/lib/audit/write-audit';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { beginAttempt } from '@/lib/auth/throttle';
import { keyWith, translate } from '@/lib/i18n/translate';
import { kickJob, queueMailJobs } from '@/lib/jobs/enqueue';
import type { Language } from '@/lib/mail/services';
import { forgotPasswordSchema, resetPasswordSchema } from '@/lib/validations/recovery';
import { OWN_PASSWORD_REUSE_DEPTH } from './own-security';

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

function mayRecover(row: RecoveryAccount | undefined): row is RecoveryAccount & { recoveryEmail: string } {
  return !!row && row.active && row.domainActive && !row.passwordRecoveryDisabled && !row.passwordChangeDisabled && !!row.recoveryEmail;
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
  if (attempt.throttled) return { result: fail(rateLimited(keyWith('recovery.throttled', { minutes: attempt.retryAfterMinutes }), attempt.retryAfterMinutes * 60)), delivery: done };
  // Every request counts, whatever happens next.
  await attempt.fail();

  const row = await findRecoveryAccountByAddress({ ex: getDb(), address });
  await pruneResetTokens({ ex: getDb(), now });

  const delivery = mayRecover(row) ? deliver(row, { ip, now, baseUrl, mailer }) : done;
  return { result: ok(undefined), delivery };
}

async function deliver(
  row: RecoveryAccount & { recoveryEmail: string },
  { ip, now, baseUrl, mailer }: { ip: string | null; now: Date; baseUrl?: string; mailer: Mailer },
): Promise<void> {
  try {
    const token = randomBytes(32).toString('base64url');
    await getDb().transaction(async (tx) => {
      // One link at a time: a new request replaces the earlier ones.
      await replaceResetToken({
        ex: tx,
        mailboxId: row.id,
        tokenHash: hashResetToken(token),
        expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * MINUTE),
        createdAt: now,
      });
      await writeAudit(tx, {
        actor: { kind: 'system', label: row.address },
        ip,
        action: 'mailbox.password.recoveryRequested',
        ...mailboxTarget(row, { id: row.domainId, name: row.domainName }),
        details: { sentTo: row.recoveryEmail },
      });
    });
    const mail = recoveryMail(row, resetLink(token, baseUrl));
    await mailer({ to: row.recoveryEmail, ...mail });
  } catch (error) {
    // Nobody waits for this answer: the failure goes to the server log.
    componentLogger('mail').error({ err: error }, 'the recovery message could not be sent');
  }
}

/** The account a reset link belongs to, while the link is unused, unexpired, and recovery still allowed. */
export async function findResetToken(token: string, now: Date = new Date()): Promise<{ mailboxId: number; address: string; language: Language } | null> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
  const mailbox = await findResetTokenAccount({ ex: getDb(), tokenHash: hashResetToken(token), now });
  if (!mayRecover(mailbox)) return null;
  return { mailboxId: mailbox.id, address: mailbox.address, language: (mailbox.language === 'it' ? 'it' : 'en') as Language };
}

/**
 * The reset page: a new password under the change-password rules (length, the common list, not the
 * address, not one of the last five when reuse is blocked). The token is used up in the same
 * transaction that sets the password, and only if it is still unused and unexpired (two tabs: one
 * wins). Every session of the account ends; "force change" is cleared; other reset links die.
 */
export async function resetPasswordWithToken({ token, input, ip, now = new Date() }: { token: unknown; input: unknown; ip: string | null; now?: Date }): Promise<ActionResult> {
  const found = typeof token === 'string' ? await findResetToken(token, now) : null;
  if (!found) return fail(refused('recovery.linkInvalid'));
  const parsed = resetPasswordSchema(found.address).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { newPassword } = parsed.data;

  const current = await findRecoveryAccountById({ ex: getDb(), id: found.mailboxId });
  if (!mayRecover(current)) return fail(refused('recovery.linkInvalid'));
  if (current.blockPasswordReuse) {
    const { previous } = await getPasswordHashes({ ex: getDb(), mailboxId: current.id, previous: OWN_PASSWORD_REUSE_DEPTH - 1 });
    for (const hash of [current.passwordHash, ...previous]) {
      if (await verifyPassword(newPassword, hash)) return fieldError('newPassword', 'mailboxSettings.errors.passwordReused');
    }
  }
  const passwordHash = await hashPassword(newPassword);

  return getDb().transaction(async (tx) => {
    const usedBy = await useResetToken({ ex: tx, tokenHash: hashResetToken(token as string), now });
    if (usedBy !== current.id) return fail(refused('recovery.linkInvalid'));
    // Only over the row as it was checked: an admin's change in between wins.
    const updated = await setRecoveredPassword({ ex: tx, mailboxId: current.id, expectedHash: current.passwordHash, passwordHash, now });
    if (!updated) return fail(refused('recovery.linkInvalid'));
    await insertPasswordHistory({ ex: tx, mailboxId: current.id, passwordHash: current.passwordHash });
    await queueMailJobs(tx, [kickJob({ id: current.id, address: current.address, domainId: current.domainId })]);
    await deleteOpenResetTokens({ ex: tx, mailboxId: current.id });
    await writeAudit(tx, {
      actor: { kind: 'system', label: current.address },
      ip,
      action: 'mailbox.password.recovered',
      ...mailboxTarget(current, { id: current.domainId, name: current.domainName }),
    });
    return ok(undefined);
  });
}
