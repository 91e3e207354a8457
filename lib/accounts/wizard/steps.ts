import 'server-only';
import type { z } from 'zod';
import { getDb, type Transaction } from '@/db';
import { insertDraft, localPartTaken, purgeExpiredDrafts, saveDraftSection, type DraftRow } from '@/db/queries/account-drafts';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import type { Caller } from '@/lib/auth/caller';
import { generatePassword, hashPassword } from '@/lib/auth/password';
import { refused, validation, type Failure } from '@/lib/failure';
import {
  accountSectionSchema,
  accountStepSchema,
  optionsStepSchema,
  securityStepSchema,
  servicesStepSchema,
  stepOf,
  type AccountSection,
  type WizardSection,
  type WizardStep,
} from '@/lib/validations/account-wizard';
import { creationRefusal, DRAFT_TTL_SECONDS, draftOwner, loadOwnDraft, loadWizardDomain, type WizardDomain } from './access';
import { addressTaken, checkOptions, checkSecurity, checkServices, type FieldErrors } from './checks';

// One server-side save per wizard step: authorize (domain in scope, may create there, own draft, not
// expired, earlier steps saved), validate the step, check it against the plan and the domain, and save
// it into the draft. Nothing but the draft is written; the account exists only after "Create".

export type StepArgs = { caller: Caller; domainId: number; draftId: unknown; input: unknown };
export type StepSaved = ActionResult<{ draftId: string }>;

/** The account section a draft holds, if step 1 was saved. */
export function draftAccount(draft: Pick<DraftRow, 'data'>): AccountSection | undefined {
  const parsed = accountSectionSchema.safeParse(draft.data.account);
  return parsed.success ? parsed.data : undefined;
}

type Opened = { row: WizardDomain; draft: DraftRow };

/** Everything a step checks before looking at its input; a refusal (message key) or the domain and the draft. */
async function openStep(caller: Caller, domainId: number, draftId: unknown, step: WizardStep): Promise<Opened | { refusal: Failure }> {
  const db = getDb();
  const row = await loadWizardDomain({ ex: db, caller, domainId });
  const draft = await loadOwnDraft({ ex: db, caller, domainId: row.domain.id, draftId });
  if (draft.expired) return { refusal: refused('wizard.errors.draftExpired') };
  const refusal = creationRefusal(caller, row);
  if (refusal) return { refusal };
  if (draft.step < step) return { refusal: refused('wizard.errors.stepsMissing') };
  return { row, draft };
}

/**
 * Saves one section under the draft's row lock (so saves and "Create" on one draft take turns), if the
 * draft is still there and open; `value` sees the draft as locked.
 */
async function saveSection(
  tx: Transaction,
  caller: Caller,
  draft: Pick<DraftRow, 'id' | 'domainId'>,
  section: WizardSection,
  value: (locked: DraftRow) => unknown,
): Promise<StepSaved> {
  const locked = await loadOwnDraft({ ex: tx, caller, domainId: draft.domainId, draftId: draft.id, lock: true });
  if (locked.expired) return fail(refused('wizard.errors.draftExpired'));
  const reached = Math.min(4, stepOf(section) + 1);
  await saveDraftSection({ ex: tx, id: locked.id, section, value: value(locked), reached, ttlSeconds: DRAFT_TTL_SECONDS });
  return ok({ draftId: locked.id });
}

function refusedFields(errors: FieldErrors): ActionResult<never> | null {
  return Object.keys(errors).length > 0 ? fail(validation(errors)) : null;
}

/**
 * Step 1: names, the address and the password. `draftId` null starts a new draft. The password is
 * hashed here and only the hash is kept; a generated one is returned once, to be shown once.
 */
export async function saveAccountStep({
  caller,
  domainId,
  draftId,
  input,
}: StepArgs): Promise<ActionResult<{ draftId: string; generatedPassword?: string }>> {
  const db = getDb();
  const row = await loadWizardDomain({ ex: db, caller, domainId });
  const draft = draftId === null ? null : await loadOwnDraft({ ex: db, caller, domainId: row.domain.id, draftId });
  if (draft?.expired) return fail(refused('wizard.errors.draftExpired'));
  const refusal = creationRefusal(caller, row);
  if (refusal) return fail(refusal);

  const previous = draft ? draftAccount(draft) : undefined;
  const parsed = accountStepSchema({ passwordSet: previous !== undefined }).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const data = parsed.data;
  if (await localPartTaken({ ex: db, domainId: row.domain.id, localPart: data.localPart })) {
    return fieldError('localPart', addressTaken(data.localPart, row));
  }

  // bcrypt takes a while: hash before the transaction. Empty "set" fields keep the hash the draft has.
  const generatedPassword = data.passwordMode === 'generate' ? generatePassword() : undefined;
  const typed = data.passwordMode === 'set' && data.password !== '' ? data.password : undefined;
  const newHash = generatedPassword ?? typed;
  const passwordHash = newHash === undefined ? undefined : await hashPassword(newHash);

  const account = (kept: AccountSection | undefined): AccountSection => ({
    firstName: data.firstName,
    lastName: data.lastName,
    description: data.description,
    localPart: data.localPart,
    passwordHash: passwordHash ?? kept?.passwordHash ?? '',
    passwordGenerated: passwordHash ? generatedPassword !== undefined : (kept?.passwordGenerated ?? false),
  });

  const saved = await db.transaction(async (tx): Promise<StepSaved> => {
    if (draft) return saveSection(tx, caller, draft, 'account', (locked) => account(draftAccount(locked)));
    // The schema asks for a password when the draft has none; a new draft never has one.
    if (!passwordHash) return fieldError('password', 'validation.required');
    // A good moment to drop the drafts nobody finished.
    await purgeExpiredDrafts({ ex: tx });
    const created = await insertDraft({
      ex: tx,
      domainId: row.domain.id,
      owner: draftOwner(caller),
      step: 2,
      data: { account: account(undefined) },
      ttlSeconds: DRAFT_TTL_SECONDS,
    });
    return ok({ draftId: created.id });
  });
  if (!saved.ok) return saved;
  return ok({ draftId: saved.data.draftId, ...(generatedPassword ? { generatedPassword } : {}) });
}

/** Steps 2–4 share one shape: their schema, then their checks against the plan and the domain. */
async function saveLaterStep<S extends z.ZodType>(
  { caller, domainId, draftId, input }: StepArgs,
  section: Exclude<WizardSection, 'account'>,
  schema: S,
  check: (data: z.output<S>, opened: Opened) => FieldErrors,
): Promise<StepSaved> {
  const opened = await openStep(caller, domainId, draftId, stepOf(section));
  if ('refusal' in opened) return fail(opened.refusal);
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const refusal = refusedFields(check(parsed.data, opened));
  if (refusal) return refusal;
  return getDb().transaction((tx) => saveSection(tx, caller, opened.draft, section, () => parsed.data));
}

/** Step 2: storage and services. */
export async function saveServicesStep(args: StepArgs): Promise<StepSaved> {
  return saveLaterStep(args, 'services', servicesStepSchema, (data, { row }) => checkServices(data, row, args.caller.language));
}

/** Step 3: the security policy and the allowed IPs. */
export async function saveSecurityStep(args: StepArgs): Promise<StepSaved> {
  return saveLaterStep(args, 'security', securityStepSchema, (data) => checkSecurity(data));
}

/** Step 4: forwards and spam to Inbox. "Create" follows it (see create-account.ts). */
export async function saveOptionsStep(args: StepArgs): Promise<StepSaved> {
  return saveLaterStep(args, 'options', optionsStepSchema, (data, { row, draft }) => checkOptions(data, row, draftAccount(draft)?.localPart));
}
