import type { Caller } from '@/lib/auth/caller';

const base = { language: 'en', timeZone: 'UTC', sessionVersion: 1 } as const;

export function superadminCaller(row: { id: number; email: string }): Caller {
  return { ...base, kind: 'admin', role: 'superadmin', id: row.id, label: row.email };
}

export function adminCaller(row: { id: number; email: string }): Caller {
  return { ...base, kind: 'admin', role: 'admin', id: row.id, label: row.email };
}

export function postmasterCaller(row: { id: number; address: string; domainId: number }): Caller {
  return { ...base, kind: 'mailbox', role: 'postmaster', id: row.id, label: row.address, domainId: row.domainId };
}

export function userCaller(row: { id: number; address: string; domainId: number }): Caller {
  return { ...base, kind: 'mailbox', role: 'user', id: row.id, label: row.address, domainId: row.domainId };
}
