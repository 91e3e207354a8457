import 'server-only';
import { getDb } from '@/db';
import { creationRefusal, loadWizardDomain } from '@/lib/accounts/wizard/access';
import { addressTaken } from '@/lib/accounts/wizard/checks';
import { insertAccounts, lockDomainForCreation, type CreatedAccount, type NewAccount } from '@/lib/accounts/wizard/insert-accounts';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { generatePassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/permissions';
import { checkFile } from './check-file';
import { hashPasswords, type Limiter } from './hash-passwords';
import type { ImportIssue } from './issues';
import { prepareImport, type ImportLimits } from './prepare-import';
import { refusedReport, reportOf, type ImportReport } from './preview-import';
import type { CsvInput } from './read-csv';
import { recheckAccount, type ImportAccount } from './validate-row';

// The import: everything the preview checks, then the passwords hashed (before the transaction, on every
// core: bcrypt is the slow part), then one transaction that takes the domain and its plan as the wizard's
// Create does, checks again what may have changed since (the plan, the room left, addresses taken
// meanwhile), and writes every account with its audit row — or, if anything is wrong, nothing at all.

export type GeneratedPassword = { address: string; password: string };

export type ImportOutcome =
  | (ImportReport & { ok: true; created: CreatedAccount[]; generated: GeneratedPassword[] })
  | (ImportReport & { ok: false });

export type ImportProgress = { phase: 'hashing'; done: number; total: number } | { phase: 'writing' };


function newAccount(account: ImportAccount, passwordHash: string): NewAccount {
  return {
    account: {
      localPart: account.localPart,
      firstName: account.firstName,
      lastName: account.lastName,
      description: account.description,
      passwordHash,
      passwordGenerated: account.password === null,
    },
    services: account.services,
    security: account.security,
    options: account.options,
  };
}

export async function importAccounts({
  caller,
  ip,
  domainId,
  input,
  onProgress,
  signal,
  limiter,
  limits,
}: {
  caller: Caller;
  ip: string | null;
  domainId: number;
  input: CsvInput;
  onProgress?: (progress: ImportProgress) => void;
  /** Aborted when the client goes away: hashing stops, nothing is written. */
  signal?: AbortSignal;
  /** The hashing limiter (the process's shared one unless the benchmark compares others). */
  limiter?: Limiter;
  limits?: ImportLimits;
}): Promise<ImportOutcome> {
  assertCan(caller, 'accounts:create');
  const db = getDb();
  const domain = await loadWizardDomain({ ex: db, caller, domainId });
  const refusal = creationRefusal(caller, domain);
  if (refusal) return { ok: false, ...refusedReport(refusal) };

  const prepared = await prepareImport({ ex: db, caller, domain, input, limits });
  const report = reportOf(prepared);
  if (prepared.issues.length > 0) return { ok: false, ...report };

  const { accounts } = prepared;
  const passwords = accounts.map((account) => account.password ?? generatePassword());
  const hashes = await hashPasswords(passwords, { limiter, signal, onProgress: (done, total) => onProgress?.({ phase: 'hashing', done, total }) });
  signal?.throwIfAborted();
  onProgress?.({ phase: 'writing' });

  let takenMeanwhile: ImportIssue[] | null = null;
  try {
    return await db.transaction(async (tx) => {
      // Scope first, then the locks, then everything that may have changed since the file was read.
      const { domain: inScope } = await loadWizardDomain({ ex: tx, caller, domainId });
      const locked = await lockDomainForCreation({ tx, caller, domainId: inScope.id });
      const refused = creationRefusal(caller, locked);
      if (refused) return { ok: false as const, ...refusedReport(refused) };
      const issues = [
        ...accounts.flatMap((account) => recheckAccount(account, locked, caller.language).map((issue) => ({ row: account.row, ...issue }))),
        ...(await checkFile(tx, accounts, locked, caller.language)),
      ];
      if (issues.length > 0) return { ok: false as const, ...reportOf({ ...prepared, issues }) };

      const { created, taken } = await insertAccounts({
        tx,
        caller,
        ip,
        row: locked,
        accounts: accounts.map((account, i) => newAccount(account, hashes[i]!)),
        audit: { source: 'csv-import' },
      });
      if (taken.length > 0) {
        // An address taken between the check and the insert: everything written so far goes.
        takenMeanwhile = taken.map((i) => ({ row: accounts[i]!.row, column: 'local_part', message: addressTaken(accounts[i]!.localPart, locked) }));
        tx.rollback();
      }
      const generated = accounts.flatMap((account, i) => (account.password === null ? [{ address: created[i]!.address, password: passwords[i]! }] : []));
      await writeAudit(tx, {
        actor: caller,
        ip,
        action: 'accounts.import',
        targetType: 'domain',
        targetId: locked.domain.id,
        targetLabel: locked.domain.name,
        domain: { id: locked.domain.id, name: locked.domain.name },
        details: { accounts: created.length, generatedPasswords: generated.length, rows: prepared.rows, skipped: prepared.skipped.length },
      });
      return { ok: true as const, ...report, created, generated };
    });
  } catch (error) {
    if (takenMeanwhile) return { ok: false, ...reportOf({ ...prepared, issues: takenMeanwhile }) };
    throw error;
  }
}
