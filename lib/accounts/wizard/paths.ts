import type { WizardStep } from '@/lib/validations/account-wizard';

// Where the wizard's pages live. The draft id travels in the path: every tab holds its own draft, Back
// and reload work, and the id alone gives nothing (only its owner can open it). Shared by the browser
// and the server: no Node-only imports here.

/** Step 1 of a new draft (nothing saved yet), or a step of an existing draft. */
export function wizardPath(domainId: number, draft?: { id: string; step: WizardStep }): string {
  const base = `/domains/${domainId}/accounts/new`;
  return draft ? `${base}/${draft.id}/${draft.step}` : base;
}

/** The account list the wizard returns to; `created` names the new mailbox for its notice. */
export function accountsPath(domainId: number, created?: number): string {
  const base = `/domains/${domainId}/accounts`;
  return created === undefined ? base : `${base}?created=${created}`;
}

const DRAFT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A draft id as the database stores it (a uuid); anything else cannot name a draft. */
export function isDraftId(value: unknown): value is string {
  return typeof value === 'string' && DRAFT_ID.test(value);
}
