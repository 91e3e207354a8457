import 'server-only';
import { notFound } from 'next/navigation';
import { getWizard, type Wizard } from '@/lib/accounts/wizard/get-wizard';
import type { Caller } from '@/lib/auth/caller';
import { ForbiddenError } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';

/** The wizard for a page; a domain or draft out of the caller's reach is a 404, like any other. */
export async function loadWizard(caller: Caller, domainId: string, draftId: string | null): Promise<Wizard> {
  try {
    return await getWizard({ caller, domainId: Number(domainId), draftId });
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) notFound();
    throw error;
  }
}
