import 'server-only';
import { getWizard, type Wizard } from '@/lib/accounts/wizard/get-wizard';
import type { Caller } from '@/lib/auth/caller';
import { pageFailure } from '@/lib/page-failure';

/** The wizard for a page; a domain or draft out of the caller's reach is a 404, like any other. */
export async function loadWizard(caller: Caller, domainId: string, draftId: string | null): Promise<Wizard> {
  return getWizard({ caller, domainId: Number(domainId), draftId }).catch(pageFailure);
}
