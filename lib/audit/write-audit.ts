import 'server-only';
import type { Executor } from '@/db';
import { insertAuditRows, type NewAuditRow } from '@/db/queries/audit';
import type { Caller } from '@/lib/auth/caller';

export type AuditEntry = {
  actor: Caller | { kind: 'system'; label: string };
  ip: string | null;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  targetLabel?: string;
  /** id null when the domain itself is gone (its deletion is still recorded under its name). */
  domain?: { id: number | null; name: string } | null;
  /** For settings: { before, after } with only the fields that changed. */
  details?: Record<string, unknown>;
};

/** The target of an entry about a mailbox: the mailbox by id and address, under its domain. */
export function mailboxTarget(mailbox: { id: number; address: string }, domain: { id: number; name: string }) {
  return { targetType: 'mailbox', targetId: mailbox.id, targetLabel: mailbox.address, domain: { id: domain.id, name: domain.name } } satisfies Partial<AuditEntry>;
}

/** Call inside the transaction that makes the change, so the change and its record land together. */
export async function writeAudit(ex: Executor, entry: AuditEntry): Promise<void> {
  await insertAuditRows({ ex, rows: [auditRow(entry)] });
}

/** Several records in one statement (an import of many accounts); same rules as writeAudit. */
export async function writeAudits(ex: Executor, entries: AuditEntry[]): Promise<void> {
  await insertAuditRows({ ex, rows: entries.map(auditRow) });
}

function auditRow(entry: AuditEntry): NewAuditRow {
  const { actor } = entry;
  return {
    actorAdminId: actor.kind === 'admin' ? actor.id : null,
    actorMailboxId: actor.kind === 'mailbox' ? actor.id : null,
    actorLabel: actor.label,
    ip: entry.ip,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId == null ? null : String(entry.targetId),
    targetLabel: entry.targetLabel ?? '',
    domainId: entry.domain?.id ?? null,
    domainName: entry.domain?.name ?? null,
    details: entry.details ?? {},
  };
}

/** Only the fields whose values differ, as { before, after }. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
