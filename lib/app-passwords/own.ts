import 'server-only';
import { getDb, type Transaction } from '@/db';
import { countLiveAppPasswords, insertAppPassword, listLiveAppPasswords, liveNameTaken, lockMailboxForAppPasswords, revokeAppPasswordRow } from '@/db/queries/app-passwords';
import { getOtpState } from '@/db/queries/otp';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { mailboxTarget, writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { hashPassword } from '@/lib/auth/password';
import { can } from '@/lib/auth/permissions';
import { notFound, refused } from '@/lib/failure';
import { keyWith } from '@/lib/i18n/translate';
import { kickJob, queueMailJobs } from '@/lib/jobs/enqueue';
import { appPasswordSchema, type AppPasswordProtocol } from '@/lib/validations/app-password';
import { isRowId } from '@/lib/validations/common';
import { APP_PASSWORD_MAX } from './limits';
import { generateAppPassword } from './secret';
import { isAppPasswordLimit, isAppPasswordNameTaken } from './db-errors';

// App passwords in "My settings": the owner creates them; the secret is shown once, to whoever created
// it. Admins and the domain's postmaster may list and revoke them, and create one for an account that
// has no other way in (manage.ts). Admins (not mailboxes) have none.

export type CreatedAppPassword = { id: number; name: string; protocol: AppPasswordProtocol; secret: string };

type MailboxSelf = Extract<Caller, { kind: 'mailbox' }>;

function own(caller: Caller): MailboxSelf {
  if (caller.kind !== 'mailbox' || !can(caller, 'self:update')) throw notFound();
  return caller;
}

async function lockOwn(tx: Transaction, caller: MailboxSelf) {
  const mailbox = await lockMailboxForAppPasswords({ ex: tx, mailboxId: caller.id, domainId: caller.domainId });
  if (!mailbox) throw notFound();
  return mailbox;
}

/** The caller's live app passwords, and whether its account is behind OTP (then mail clients need them). */
export async function listOwnAppPasswords({ caller }: { caller: Caller }) {
  const self = own(caller);
  const [rows, otp] = await Promise.all([listLiveAppPasswords({ ex: getDb(), mailboxId: self.id }), getOtpState({ ex: getDb(), owner: { kind: 'mailbox', id: self.id } })]);
  return { rows, max: APP_PASSWORD_MAX, otpOn: Boolean(otp?.enabled || otp?.required) };
}

/**
 * A new app password for one protocol: the secret is generated here, returned once, and stored only as
 * bcrypt. At most APP_PASSWORD_MAX live ones; names are unique among the live ones (any case).
 */
export async function createOwnAppPassword({ caller, ip, input }: { caller: Caller; ip: string | null; input: unknown }): Promise<ActionResult<CreatedAppPassword>> {
  const self = own(caller);
  return createAppPassword({ caller, ip, input, lock: (tx) => lockOwn(tx, self) });
}

type LockedMailbox = NonNullable<Awaited<ReturnType<typeof lockMailboxForAppPasswords>>>;

/** The creation itself, for the owner and for those who manage the account (manage.ts): `lock` finds the mailbox. */
export async function createAppPassword({
  caller,
  ip,
  input,
  lock,
}: {
  caller: Caller;
  ip: string | null;
  input: unknown;
  lock: (tx: Transaction) => Promise<LockedMailbox>;
}): Promise<ActionResult<CreatedAppPassword>> {
  const parsed = appPasswordSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { name, protocol } = parsed.data;
  const { secret, lookup } = generateAppPassword();
  const passwordHash = await hashPassword(secret);
  const limit = () => fail(refused(keyWith('appPasswords.errors.limit', { max: APP_PASSWORD_MAX })));
  try {
    return await getDb().transaction(async (tx) => {
      const mailbox = await lock(tx);
      if (!mailbox.active) return fail(refused('appPasswords.errors.inactive'));
      if ((await countLiveAppPasswords({ ex: tx, mailboxId: mailbox.id })) >= APP_PASSWORD_MAX) return limit();
      if (await liveNameTaken({ ex: tx, mailboxId: mailbox.id, name })) return fieldError('name', 'appPasswords.errors.nameTaken');
      const row = await insertAppPassword({ ex: tx, values: { mailboxId: mailbox.id, name, protocol, lookup, passwordHash } });
      if (!row) throw new Error('insert … returning gave no row');
      await writeAudit(tx, {
        actor: caller,
        ip,
        action: 'mailbox.appPassword.create',
        ...mailboxTarget(mailbox, { id: mailbox.domainId, name: mailbox.domainName }),
        // Never the secret, its lookup or its hash.
        details: { appPasswordId: row.id, name, protocol },
      });
      return ok({ id: row.id, name: row.name, protocol: row.protocol, secret });
    });
  } catch (error) {
    // The database's own guards, should a concurrent request have slipped past the checks above.
    if (isAppPasswordLimit(error)) return limit();
    if (isAppPasswordNameTaken(error)) return fieldError('name', 'appPasswords.errors.nameTaken');
    throw error;
  }
}

/** Revokes one of the caller's own app passwords; mail clients using it are disconnected (a kick job). */
export async function revokeOwnAppPassword({ caller, ip, id }: { caller: Caller; ip: string | null; id: unknown }): Promise<ActionResult<{ name: string }>> {
  const self = own(caller);
  return getDb().transaction(async (tx) => revokeIn(tx, { caller, ip, mailbox: await lockOwn(tx, self), id }));
}

/** The revocation itself, for the owner and for those who manage the account (manage.ts). */
export async function revokeIn(
  tx: Transaction,
  { caller, ip, mailbox, id }: { caller: Caller; ip: string | null; mailbox: { id: number; address: string; active: boolean; domainId: number; domainName: string }; id: unknown },
): Promise<ActionResult<{ name: string }>> {
  if (!isRowId(id)) throw notFound();
  if (!mailbox.active) return fail(refused('appPasswords.errors.inactive'));
  const row = await revokeAppPasswordRow({ ex: tx, mailboxId: mailbox.id, id });
  if (!row) throw notFound();
  await queueMailJobs(tx, [kickJob({ id: mailbox.id, address: mailbox.address, domainId: mailbox.domainId })]);
  await writeAudit(tx, {
    actor: caller,
    ip,
    action: 'mailbox.appPassword.revoke',
    ...mailboxTarget(mailbox, { id: mailbox.domainId, name: mailbox.domainName }),
    details: { appPasswordId: row.id, name: row.name, protocol: row.protocol },
  });
  return ok({ name: row.name });
}
