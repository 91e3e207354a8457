import { getDb } from '@/db';
import { deleteDraft } from '@/db/queries/account-drafts';
import { insertMailbox } from '@/db/queries/mailboxes';
import { lockDomainForStorage } from '@/db/queries/mailbox-settings';
import { getPlanById } from '@/db/queries/plans';
import { fail, ok, zodFieldErrors, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { SERVICES } from '@/lib/mail/services';
import { accountWizardSchema, WIZARD_STEPS, type AccountWizardValues } from '@/lib/validations/account-wizard';
import { creationRefusal, loadOwnDraft, loadWizardDomain, type WizardDomain } from './access';
import { addressTaken, checkOptions, checkSecurity, checkServices, type FieldErrors } from './checks';

export type CreatedAccount = { id: number; address: string };

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
    await loadWizardDomain({ ex: tx, caller, domainId });
    const draft = await loadOwnDraft({ ex: tx, caller, domainId, draftId, lock: true });
    if (draft.expired) return fail('wizard.errors.draftExpired');

    await lockDomainForStorage({ ex: tx, domainId });
    // Read again under the lock: the account count and the allocated storage are now exact.
    const row = await loadWizardDomain({ ex: tx, caller, domainId });
    const plan = await getPlanById({ ex: tx, id: row.domain.planId, lock: 'share' });
    if (!plan) throw new NotFoundError();
    row.plan = { ...row.plan, ...plan };

    const refusal = creationRefusal(caller, row);
    if (refusal) return fail(refusal);

    const missing = WIZARD_STEPS.find((section) => draft.data[section] === undefined);
    if (missing) return fail('wizard.errors.incomplete');
    const parsed = accountWizardSchema.safeParse(draft.data);
    if (!parsed.success) return { ok: false, fieldErrors: zodFieldErrors(parsed.error), formError: 'wizard.errors.createRefused' };
    const values = parsed.data;
    const errors = recheck(values, row, caller);
    if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors, formError: 'wizard.errors.createRefused' };

    const { account, services, security, options } = values;
    const address = `${account.localPart}@${row.domain.name}`;
    const mailbox = await insertMailbox({
      ex: tx,
      values: {
        domainId: row.domain.id,
        localPart: account.localPart,
        address,
        passwordHash: account.passwordHash,
        passwordChangedAt: new Date(),
        quotaBytes: services.quotaBytes,
        dailySendLimit: plan.defaultDailySendLimit,
        ...services.services,
        firstName: account.firstName,
        lastName: account.lastName,
        description: account.description,
        // The panel starts in its creator's language and time zone; the account may change them.
        language: caller.language,
        timeZone: caller.timeZone,
        ...security,
        ...options,
      },
    });
    // Taken since step 1 was saved (by another wizard, or the same address typed twice).
    if (!mailbox) {
      return { ok: false, fieldErrors: { 'account.localPart': addressTaken(account.localPart, row) }, formError: 'wizard.errors.createRefused' };
    }

    await deleteDraft({ ex: tx, id: draft.id });
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'account.create',
      targetType: 'mailbox',
      targetId: mailbox.id,
      targetLabel: mailbox.address,
      domain: { id: row.domain.id, name: row.domain.name },
      // Never the password or its hash.
      details: {
        firstName: account.firstName,
        lastName: account.lastName,
        description: account.description,
        passwordGenerated: account.passwordGenerated,
        quotaBytes: services.quotaBytes,
        dailySendLimit: plan.defaultDailySendLimit,
        services: SERVICES.filter((s) => services.services[s]),
        ...security,
        ...options,
      },
    });
    return ok({ id: mailbox.id, address: mailbox.address });
  });
}
