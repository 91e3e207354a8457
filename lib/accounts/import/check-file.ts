import 'server-only';
import type { Executor } from '@/db';
import { findTakenLocalParts } from '@/db/queries/account-import';
import { freeBytes, type WizardDomain } from '@/lib/accounts/wizard/access';
import { addressTaken } from '@/lib/accounts/wizard/checks';
import { displayAddress } from '@/lib/domains/display-name';
import { formatBytes } from '@/lib/format';
import { keyWith } from '@/lib/i18n/translate';
import type { Language } from '@/lib/mail/services';
import type { ImportIssue } from './issues';
import type { ImportAccount } from './validate-row';

// What the rows must satisfy together: each address once in the file and not yet in the domain, and the
// domain's room (accounts and storage) for all of them at once, not only for each alone.

/** Second and later rows with an address an earlier row of the file already has. */
export function duplicateIssues(accounts: ImportAccount[], domain: WizardDomain): ImportIssue[] {
  const first = new Map<string, number>();
  const issues: ImportIssue[] = [];
  for (const account of accounts) {
    const seen = first.get(account.localPart);
    if (seen === undefined) {
      first.set(account.localPart, account.row);
    } else {
      const address = displayAddress(`${account.localPart}@${domain.domain.name}`);
      issues.push({ row: account.row, column: 'local_part', message: keyWith('accountImport.errors.duplicate', { address, row: seen }) });
    }
  }
  return issues;
}

/** Rows whose address the domain already has. */
export async function takenIssues(ex: Executor, accounts: ImportAccount[], domain: WizardDomain): Promise<ImportIssue[]> {
  const taken = await findTakenLocalParts({ ex, domainId: domain.domain.id, localParts: [...new Set(accounts.map((a) => a.localPart))] });
  return accounts
    .filter((account) => taken.has(account.localPart))
    .map((account) => ({ row: account.row, column: 'local_part', message: addressTaken(account.localPart, domain) }));
}

/**
 * The plan's account limit for all `rows` of the file (valid or not, so that fixing a row does not then
 * run into it), and the domain's storage for what the valid ones ask.
 */
export function roomIssues(accounts: ImportAccount[], domain: WizardDomain, language: Language, rows = accounts.length): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const room = Math.max(0, domain.plan.maxAccounts - domain.accounts);
  if (rows > room) {
    issues.push({ row: null, column: null, message: keyWith('accountImport.errors.noRoom', { count: rows, room, max: domain.plan.maxAccounts }) });
  }
  const needed = accounts.reduce((sum, account) => sum + account.services.quotaBytes, 0);
  const free = freeBytes(domain);
  if (needed > free) {
    issues.push({
      row: null,
      column: 'storage',
      message: keyWith('accountImport.errors.storageTotal', { needed: formatBytes(needed, language), free: formatBytes(free, language) }),
    });
  }
  return issues;
}

/** Everything above, for the rows that are valid on their own (of `rows` in the file). */
export async function checkFile(ex: Executor, accounts: ImportAccount[], domain: WizardDomain, language: Language, rows = accounts.length): Promise<ImportIssue[]> {
  return [...duplicateIssues(accounts, domain), ...(await takenIssues(ex, accounts, domain)), ...roomIssues(accounts, domain, language, rows)];
}
