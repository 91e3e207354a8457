import 'server-only';
import type { Executor } from '@/db';
import { insertAuditRows, type NewAuditRow } from '@/db/queries/audit';
import type { Caller } from '@/lib/auth/caller';
import type { AuditedField } from './field-labels';

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

/** `after` with only field names the audit log has a label for (lib/audit/field-labels.ts): any other is `never`. */
type LabelledFields<A> = { [K in keyof A]: K extends AuditedField ? A[K] : never };

/**
 * Only the fields whose values differ, as { before, after }. Every field named must have a label in the
 * audit log (`AuditedField`), or this does not type-check: add the label, in both languages, first.
 */
export function diff<A extends LabelledFields<A>>(before: object, after: A) {
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(now)) {
    if (JSON.stringify(was[key]) !== JSON.stringify(now[key])) {
      b[key] = was[key];
      a[key] = now[key];
    }
  }
  return { before: b, after: a };
}
