import 'server-only';
import { getDb, type Transaction } from '@/db';
import type { ScopedId } from '@/db/scope';
import { deleteDraft } from '@/db/queries/account-drafts';
import { addressesAwaitingMailRemoval } from '@/db/queries/mail-jobs';
import { fail, ok, zodFieldErrors, type ActionResult } from '@/lib/action-result';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { displayAddress } from '@/lib/domains/display-name';
import { refused, validation } from '@/lib/failure';
import { keyWith } from '@/lib/i18n/translate';
import { accountWizardSchema, WIZARD_STEPS, type AccountWizardValues } from '@/lib/validations/account-wizard';
import { creationRefusal, loadOwnDraft, loadWizardDomain, type WizardDomain } from './access';
import { addressTaken, checkOptions, checkSecurity, checkServices, type FieldErrors } from './checks';
import { insertAccounts, lockDomainForCreation, type CreatedAccount } from './insert-accounts';

export type { CreatedAccount } from './insert-accounts';

/** Field errors of one section, as `section.field`, so the page can send the user to the right step. */
function prefixed(section: string, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [`${section}.${field}`, key]));
}

/** Everything the four steps' checks say about the draft, once more, against the domain as it is now. */
function recheck(values: AccountWizardValues, row: WizardDomain, caller: Caller): FieldErrors {
  return {
    ...prefixed('services', checkServices(values.services, row, caller.language)),
    ...prefixed('security', checkSecurity(values.security)),
    ...prefixed('options', checkOptions(values.options, row, values.account.localPart)),
  };
}

/**
 * "Create": the account and all its settings from the caller's draft, in one transaction. The draft is
 * locked (a second "Create" of the same draft finds it gone), the domain is locked as for any storage
 * decision (two wizards racing for the last account or the last gigabyte take turns) and the plan is
 * held FOR SHARE (it cannot be narrowed meanwhile); then every step is checked again. Nothing is
 * written unless all of it holds. The draft is deleted and the creation audited (without secrets).
 */
export async function createAccount({
  caller,
  ip,
  domainId,
  draftId,
}: {
  caller: Caller;
  ip: string | null;
  domainId: number;
  draftId: unknown;
}): Promise<ActionResult<CreatedAccount>> {
  assertCan(caller, 'accounts:create');
  return getDb().transaction(async (tx) => {
    // Scope first: outside it, the domain and its drafts do not exist for the caller.
    const { domain } = await loadWizardDomain({ ex: tx, caller, domainId });
    const draft = await loadOwnDraft({ ex: tx, caller, domainId, draftId, lock: true });
    if (draft.expired) return fail(refused('wizard.errors.draftExpired'));

    const missing = WIZARD_STEPS.find((section) => draft.data[section] === undefined);
    if (missing) return fail(refused('wizard.errors.incomplete'));
    const created = await createFromValues({ tx, caller, ip, domainId: domain.id, data: draft.data });
    if (!created.ok) return created;

    await deleteDraft({ ex: tx, id: draft.id });
    return created;
  });
}

/**
 * The account from the four steps' values (`data`: what accountWizardSchema takes, the password as its
 * hash), inside the caller's transaction: the domain locked and read again, the refusals, every step's
 * schema and checks once more, then the writes. Shared by the wizard's "Create" and the REST API's.
 */
export async function createFromValues({
  tx,
  caller,
  ip,
  domainId,
  data,
}: {
  tx: Transaction;
  caller: Caller;
  ip: string | null;
  domainId: ScopedId<'domain'>;
  data: unknown;
}): Promise<ActionResult<CreatedAccount>> {
  const row = await lockDomainForCreation({ tx, caller, domainId });
  const refusal = creationRefusal(caller, row);
  if (refusal) return fail(refusal);

  const parsed = accountWizardSchema.safeParse(data);
  if (!parsed.success) return fail(validation({ ...zodFieldErrors(parsed.error), _form: 'wizard.errors.createRefused' }));
  const values = parsed.data;
  const errors = recheck(values, row, caller);
  if (Object.keys(errors).length > 0) return fail(validation({ ...errors, _form: 'wizard.errors.createRefused' }));
  // An earlier account with this address was deleted and its mail is not gone from the mail host yet.
  const address = `${values.account.localPart}@${row.domain.name}`;
  if ((await addressesAwaitingMailRemoval({ ex: tx, addresses: [address] })).size > 0) {
    const message = keyWith('jobs.errors.addressBeingCleared', { address: displayAddress(address) });
    return fail(validation({ 'account.localPart': message, _form: 'wizard.errors.createRefused' }));
  }

  const { created, taken } = await insertAccounts({ tx, caller, ip, row, accounts: [values] });
  const mailbox = created[0];
  // Taken since step 1 was saved (by another wizard, or the same address typed twice).
  if (taken.length > 0 || !mailbox) {
    return fail(validation({ 'account.localPart': addressTaken(values.account.localPart, row), _form: 'wizard.errors.createRefused' }));
  }
  return ok({ id: mailbox.id, address: mailbox.address });
}
