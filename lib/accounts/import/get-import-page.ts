import 'server-only';
import { getDb } from '@/db';
import { creationRefusal, freeBytes, loadWizardDomain } from '@/lib/accounts/wizard/access';
import type { Caller } from '@/lib/auth/caller';
import { displayDomain } from '@/lib/domains/display-name';
import { SERVICES, type Service } from '@/lib/mail/services';
import { importDefaults } from './prepare-import';

export type ImportPage = {
  domain: { id: number; name: string; displayName: string };
  /** Why nothing can be imported here now (a message key), or null. */
  refusal: string | null;
  /** What an empty storage or services cell means here. */
  defaults: { quotaBytes: number; services: Service[] };
  storageOptions: number[];
  /** Accounts the plan still allows, and storage the domain has left. */
  room: number;
  freeBytes: number;
};

/** What the import page shows about a domain in the caller's scope; a notFound failure otherwise. */
export async function getImportPage({ caller, domainId }: { caller: Caller; domainId: number }): Promise<ImportPage> {
  const row = await loadWizardDomain({ ex: getDb(), caller, domainId });
  const defaults = importDefaults(row);
  return {
    domain: { id: row.domain.id, name: row.domain.name, displayName: displayDomain(row.domain.name) },
    refusal: creationRefusal(caller, row)?.key ?? null,
    defaults: { quotaBytes: defaults.quotaBytes, services: SERVICES.filter((s) => defaults.services[s]) },
    storageOptions: [...row.plan.storageOptionsBytes].sort((a, b) => a - b),
    room: Math.max(0, row.plan.maxAccounts - row.accounts),
    freeBytes: freeBytes(row),
  };
}
