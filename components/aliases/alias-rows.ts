import type { AliasListRow } from '@/lib/aliases/list-aliases';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';
import type { AliasSenders } from '@/lib/validations/alias-constants';

// The alias list's rows travel as data and are written by one client component (alias-rows-body.tsx), as the
// account list's are (components/accounts/account-rows.ts says why): 25–100 rows of server-rendered cells, each
// with its classes and a link component, made the page ~40% larger and cost the server more than the rest of it.

/** Targets shown in a row before "and N more" (the alias's page lists them all). */
const SHOWN_TARGETS = 3;

/** One row as the server decided it: addresses for display, no words. */
export type AliasRowData = {
  id: number;
  href: string;
  address: string;
  /** In the list of every domain only. */
  domain?: string;
  /** The first SHOWN_TARGETS targets, for display. */
  targets: string[];
  /** How many more there are. */
  moreTargets: number;
  senders: AliasSenders;
  description: string;
  active: boolean;
  /** Mail is taken: the alias and its domain are active. */
  receiving: boolean;
};

export function aliasRowData(row: AliasListRow, showDomain: boolean): AliasRowData {
  return {
    id: row.id,
    href: `/aliases/${row.id}`,
    address: displayAddress(row.address),
    ...(showDomain ? { domain: displayDomain(row.domainName) } : {}),
    targets: row.targets.slice(0, SHOWN_TARGETS).map(displayAddress),
    moreTargets: Math.max(0, row.targets.length - SHOWN_TARGETS),
    senders: row.senders,
    description: row.description,
    active: row.active,
    receiving: row.receiving,
  };
}
