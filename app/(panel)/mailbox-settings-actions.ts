'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';
import { updateAutoresponder } from '@/lib/mailboxes/settings/autoresponder';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import { updateMasterData } from '@/lib/mailboxes/settings/master-data';
import { resetMailboxOtp } from '@/lib/mailboxes/settings/reset-otp';
import { updateSecurity } from '@/lib/mailboxes/settings/security';
import { updateWebmail } from '@/lib/mailboxes/settings/webmail';

type Saved = ActionResult<{ version: number }>;
type Save = typeof updateMasterData;

// One thin action per settings section, shared by every page that shows a mailbox's settings
// (postmasters and email accounts). accounts:update is the least any of them needs; the postmaster
// mailbox needs postmasters:update as well, which the data-access layer checks (loadMailbox).
async function run(save: Save, id: number, input: unknown): Promise<Saved> {
  return runAction(async () => {
    const result = await save({ ...(await actionContext({ permission: 'accounts:update' })), id: Number(id), input });
    // The mailbox shows in several pages (lists and its settings page, for postmasters and accounts).
    if (result.ok) revalidatePath('/', 'layout');
    return result;
  });
}

export async function updateMasterDataAction(id: number, input: unknown): Promise<Saved> {
  return run(updateMasterData, id, input);
}

export async function updateGeneralAction(id: number, input: unknown): Promise<Saved> {
  return run(updateGeneral, id, input);
}

export async function updateSecurityAction(id: number, input: unknown): Promise<Saved> {
  return run(updateSecurity, id, input);
}

export async function updateAutoresponderAction(id: number, input: unknown): Promise<Saved> {
  return run(updateAutoresponder, id, input);
}

export async function updateWebmailAction(id: number, input: unknown): Promise<Saved> {
  return run(updateWebmail, id, input);
}

/** The account's OTP reset (a lost phone): its sessions end. */
export async function resetMailboxOtpAction(id: number): Promise<Saved> {
  return runAction(async () => {
    const result = await resetMailboxOtp({ ...(await actionContext({ permission: 'accounts:update' })), id: Number(id) });
    if (result.ok) revalidatePath('/', 'layout');
    return result;
  });
}
