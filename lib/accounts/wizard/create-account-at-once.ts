import 'server-only';
import { getDb } from '@/db';
import { localPartTaken } from '@/db/queries/account-drafts';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import type { Caller } from '@/lib/auth/caller';
import { generatePassword, hashPassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/permissions';
import { accountCreateSchema } from '@/lib/validations/account-wizard';
import { creationRefusal, loadWizardDomain } from './access';
import { addressTaken } from './checks';
import { createFromValues, type CreatedAccount } from './create-account';

export type CreatedAtOnce = CreatedAccount & { generatedPassword?: string };

/**
 * The wizard without its drafts (the REST API's "create"): the four steps' values in one request,
 * checked as each step checks them, then created exactly as "Create" creates a draft (createFromValues:
 * the domain lock, every check again, the same writes and audit row). A generated password is
 * returned once; only its hash is kept. Field errors come back as `section.field`.
 */
export async function createAccountAtOnce({
  caller,
  ip,
  domainId,
  input,
}: {
  caller: Caller;
  ip: string | null;
  domainId: number;
  input: unknown;
}): Promise<ActionResult<CreatedAtOnce>> {
  assertCan(caller, 'accounts:create');
  const db = getDb();
  const row = await loadWizardDomain({ ex: db, caller, domainId });
  const refusal = creationRefusal(caller, row);
  if (refusal) return fail(refusal);
  const parsed = accountCreateSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { account, services, security, options } = parsed.data;
  if (await localPartTaken({ ex: db, domainId: row.domain.id, localPart: account.localPart })) {
    return fieldError('account.localPart', addressTaken(account.localPart, row));
  }

  // bcrypt takes a while: hash before the transaction, as step 1 does.
  const generatedPassword = account.passwordMode === 'generate' ? generatePassword() : undefined;
  const passwordHash = await hashPassword(generatedPassword ?? account.password);
  const data = {
    account: {
      firstName: account.firstName,
      lastName: account.lastName,
      description: account.description,
      localPart: account.localPart,
      passwordHash,
      passwordGenerated: generatedPassword !== undefined,
    },
    services,
    security,
    options,
  };
  const created = await db.transaction((tx) => createFromValues({ tx, caller, ip, domainId: row.domain.id, data }));
  if (!created.ok) return created;
  return ok({ ...created.data, ...(generatedPassword ? { generatedPassword } : {}) });
}
