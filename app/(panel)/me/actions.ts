'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';
import { updateOwnAutoresponder, updateOwnLocalization, updateOwnWebmail } from '@/lib/self-service/own-settings';

type Saved = ActionResult<{ version: number }>;

// "My settings". The shared section forms call actions as (id, input): the id is ignored here — the
// account is always the caller's own.
async function run(save: typeof updateOwnWebmail, input: unknown): Promise<Saved> {
  return runAction(async () => {
    const result = await save({ ...(await actionContext({ permission: 'self:update' })), input });
    // The language and time zone change every page.
    if (result.ok) revalidatePath('/', 'layout');
    return result;
  });
}

export async function updateOwnLocalizationAction(_id: number, input: unknown): Promise<Saved> {
  return run(updateOwnLocalization, input);
}

export async function updateOwnWebmailAction(_id: number, input: unknown): Promise<Saved> {
  return run(updateOwnWebmail, input);
}

export async function updateOwnAutoresponderAction(_id: number, input: unknown): Promise<Saved> {
  return run(updateOwnAutoresponder, input);
}
