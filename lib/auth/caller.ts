import type { Language } from '@/lib/mail/services';
import type { Gate } from './gate';

export const ROLES = ['superadmin', 'admin', 'postmaster', 'user'] as const;
export type Role = (typeof ROLES)[number];

type CallerBase = {
  language: Language;
  timeZone: string;
  sessionVersion: number;
  /** Set when the account must change its password or enrol OTP before anything else (lib/auth/gate.ts). */
  gate?: Gate;
  /** The panel session the request came with (lib/auth/sessions/); none for an API token. */
  sessionId?: number;
};

/** Who is making a request, as loaded from the database for this request. */
export type Caller =
  | (CallerBase & { kind: 'admin'; id: number; role: 'superadmin' | 'admin'; label: string })
  | (CallerBase & { kind: 'mailbox'; id: number; role: 'postmaster' | 'user'; label: string; domainId: number });

export type MailboxCaller = Extract<Caller, { kind: 'mailbox' }>;

/** A use case's arguments: who asks (null: nobody signed in), from which address, and the raw input it parses. */
export type UseCaseArgs<Extra = object> = { caller: Caller | null; ip: string | null; input: unknown } & Extra;

/** The subject stored in the session token: which table and row the session belongs to. */
export type PrincipalRef = { kind: 'admin' | 'mailbox'; id: number };

export function formatPrincipal(ref: PrincipalRef): string {
  return `${ref.kind}:${ref.id}`;
}

export function parsePrincipal(value: unknown): PrincipalRef | null {
  if (typeof value !== 'string') return null;
  const match = /^(admin|mailbox):([1-9][0-9]{0,9})$/.exec(value);
  if (!match) return null;
  return { kind: match[1] as PrincipalRef['kind'], id: Number(match[2]) };
}
