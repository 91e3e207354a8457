import 'server-only';
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { getDb } from '@/db';
import { listExportDomains, listExportMailboxes, type ExportMailboxRow } from '@/db/queries/account-export';
import { accountStatus } from '@/lib/accounts/list-accounts';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';
import { notFound } from '@/lib/failure';
import { serviceFlags } from '@/lib/mail/services';
import {
  EXPORT_ONLY_COLUMNS,
  formatListCell,
  formatServicesCell,
  formatSizeCell,
  IMPORT_COLUMN_NAMES,
  neutralizeFormula,
  type ExportOnlyColumn,
  type ImportColumn,
} from '@/lib/validations/account-import';

// The account list as CSV, streamed: keyset pages of the caller's domains and of each domain's accounts,
// written out as they are read, so the whole table is never in memory. First the columns the list shows
// (and the domain), then every column an import reads, so that an export imports into another domain as
// it is (minus the passwords, which are never exported: that column is left empty, to be generated).

export const EXPORT_COLUMNS: readonly (ExportOnlyColumn | ImportColumn)[] = [...EXPORT_ONLY_COLUMNS, ...IMPORT_COLUMN_NAMES];

const DOMAIN_PAGE = 100;
const ACCOUNT_PAGE = 1_000;

type ExportRecord = Record<ExportOnlyColumn | ImportColumn, string | number>;

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** A single address without the /32 (IPv4) or /128 (IPv6) Postgres gives it; a class as it is. */
function hostOrClass(cidr: string): string {
  return cidr.includes(':') ? cidr.replace(/\/128$/, '') : cidr.replace(/\/32$/, '');
}

function recordOf(row: ExportMailboxRow, domain: { name: string; active: boolean }): ExportRecord {
  const services = serviceFlags(row);
  return {
    status: accountStatus({ openJobs: row.openJobs, active: row.active, domainActive: domain.active }),
    address: displayAddress(row.address),
    storage_used: row.usedBytes,
    last_access: row.lastAccessAt ? row.lastAccessAt.toISOString() : '',
    sent_24h: row.sent24h,
    domain: displayDomain(domain.name),
    postmaster: yesNo(row.isPostmaster),
    local_part: row.localPart,
    first_name: row.firstName,
    last_name: row.lastName,
    description: row.description,
    password: '',
    storage: formatSizeCell(row.quotaBytes),
    services: formatServicesCell(services),
    force_password_change: yesNo(row.forcePasswordChange),
    password_expiry_months: row.passwordExpiryMonths,
    block_password_reuse: yesNo(row.blockPasswordReuse),
    password_change_disabled: yesNo(row.passwordChangeDisabled),
    password_recovery_disabled: yesNo(row.passwordRecoveryDisabled),
    otp_required: yesNo(row.otpRequired),
    allowed_ips: formatListCell(row.allowedIps.map(hostOrClass)),
    api_access: yesNo(row.apiAccess),
    forwards: formatListCell(row.forwards),
    forward_keep_copy: yesNo(row.forwardKeepCopy),
    spam_to_inbox: yesNo(row.spamToInbox),
  };
}

export type AccountsCsv = { filename: string; body: Readable };

/**
 * The email accounts of one domain (`domainId`) or of every domain the caller may see, as a CSV stream.
 * a notFound failure when the domain is out of reach (checked before anything is streamed); a forbidden failure
 * for a user. Cells a spreadsheet would run as formulas are written as text.
 */
export async function exportAccountsCsv({ caller, domainId, now = new Date() }: { caller: Caller; domainId?: number; now?: Date }): Promise<AccountsCsv> {
  assertCan(caller, 'accounts:read');
  if (domainId !== undefined && !(Number.isSafeInteger(domainId) && domainId > 0 && domainId <= 2_147_483_647)) throw notFound();
  const ex = getDb();
  const scope = domainScope(caller);
  const first = await listExportDomains({ ex, scope, id: domainId, limit: DOMAIN_PAGE });
  if (domainId !== undefined && first.length === 0) throw notFound();

  async function* records(): AsyncGenerator<ExportRecord> {
    let page = first;
    while (page.length > 0) {
      for (const domain of page) {
        let afterAddress: string | undefined;
        for (;;) {
          const rows = await listExportMailboxes({ ex, scope, domainId: domain.id, afterAddress, limit: ACCOUNT_PAGE });
          for (const row of rows) yield recordOf(row, domain);
          if (rows.length < ACCOUNT_PAGE) break;
          afterAddress = rows[rows.length - 1]!.address;
        }
      }
      if (domainId !== undefined || page.length < DOMAIN_PAGE) break;
      page = await listExportDomains({ ex, scope, afterName: page[page.length - 1]!.name, limit: DOMAIN_PAGE });
    }
  }

  const csv = stringify({
    header: true,
    columns: [...EXPORT_COLUMNS],
    // Spreadsheets read UTF-8 only with it.
    bom: true,
    record_delimiter: 'windows',
    cast: { string: (value) => neutralizeFormula(value) },
  });
  // Either side failing or going away (the client hung up) ends both: the reading stops.
  const body = pipeline(Readable.from(records()), csv, () => undefined);
  const day = now.toISOString().slice(0, 10);
  const filename = domainId === undefined ? `email-accounts-${day}.csv` : `email-accounts-${first[0]!.name}-${day}.csv`;
  return { filename, body };
}
