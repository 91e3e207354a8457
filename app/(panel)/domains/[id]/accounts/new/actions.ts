'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { ok, type ActionResult } from '@/lib/action-result';
import { createAccount } from '@/lib/accounts/wizard/create-account';
import { accountsPath, wizardPath } from '@/lib/accounts/wizard/paths';
import { saveAccountStep, saveOptionsStep, saveSecurityStep, saveServicesStep, type StepArgs, type StepSaved } from '@/lib/accounts/wizard/steps';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';
import type { WizardStep } from '@/lib/validations/account-wizard';

// One action per step: the data-access layer checks who may do it and validates the step on the
// server, saves it into the draft, and the action redirects to the next step. Ids come from the
// browser and are checked like everything else.

async function stepArgs(domainId: unknown, draftId: unknown, input: unknown): Promise<StepArgs> {
  const { caller } = await actionContext({ permission: 'accounts:create' });
  return { caller, domainId: Number(domainId), draftId, input };
}

/**
 * Step 1. With a typed password it goes on to step 2; with a generated one it answers with the
 * password (shown once, never stored in clear) and the page offers the way on.
 */
export async function saveAccountStepAction(
  domainId: number,
  draftId: string | null,
  input: unknown,
): Promise<ActionResult<{ generatedPassword: string; next: string; stepOne: string }>> {
  return runAction(async () => {
    const args = await stepArgs(domainId, draftId, input);
    // The draft id is checked as it came (loadOwnDraft): String() of an object from the browser can throw.
    const result = await saveAccountStep(args);
    if (!result.ok) return result;
    const draft = result.data.draftId;
    const next = wizardPath(args.domainId, { id: draft, step: 2 });
    if (result.data.generatedPassword) {
      return ok({ generatedPassword: result.data.generatedPassword, next, stepOne: wizardPath(args.domainId, { id: draft, step: 1 }) });
    }
    redirect(next);
  });
}

async function saveAndGoOn(save: (args: StepArgs) => Promise<StepSaved>, next: WizardStep, domainId: number, draftId: string, input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const args = await stepArgs(domainId, draftId, input);
    const result = await save(args);
    if (!result.ok) return result;
    redirect(wizardPath(args.domainId, { id: result.data.draftId, step: next }));
  });
}

export async function saveServicesStepAction(domainId: number, draftId: string, input: unknown): Promise<ActionResult> {
  return saveAndGoOn(saveServicesStep, 3, domainId, draftId, input);
}

export async function saveSecurityStepAction(domainId: number, draftId: string, input: unknown): Promise<ActionResult> {
  return saveAndGoOn(saveSecurityStep, 4, domainId, draftId, input);
}

/**
 * Step 4 and "Create": the options are saved into the draft (so Back keeps them even if Create is
 * refused), then the account is created from the whole draft, checked once more, in one transaction.
 */
export async function createAccountAction(domainId: number, draftId: string, input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const { caller, ip } = await actionContext({ permission: 'accounts:create' });
    const id = Number(domainId);
    const saved = await saveOptionsStep({ caller, domainId: id, draftId, input });
    if (!saved.ok) return saved;
    const created = await createAccount({ caller, ip, domainId: id, draftId });
    if (!created.ok) return created;
    revalidatePath('/', 'layout');
    redirect(accountsPath(id, created.data.id));
  });
}
