import type { PostmasterFlag } from '@/lib/auth/permissions';
import { serviceFlags, type Service } from '@/lib/mail/services';

type DomainRow = Record<Service | PostmasterFlag, boolean> & { defaultStorageBytes: number | null };

/**
 * A domain's own settings, as its settings form starts from them and the API shows them: its services, the
 * default storage of a new account and what its postmaster may do.
 */
export function domainSettingsOf(domain: DomainRow) {
  return {
    services: serviceFlags(domain),
    defaultStorageBytes: domain.defaultStorageBytes,
    pmCanCreate: domain.pmCanCreate,
    pmCanDelete: domain.pmCanDelete,
    pmCanToggle: domain.pmCanToggle,
    pmCanChangeLimits: domain.pmCanChangeLimits,
    pmCanManageAliases: domain.pmCanManageAliases,
  };
}
