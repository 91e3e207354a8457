import { expect } from 'vitest';
import { createOwnAppPassword, listOwnAppPasswords, revokeOwnAppPassword } from '@/lib/app-passwords/own';
import type { Account } from './world';

/** An app password created by the account's owner in the panel (My settings): its id and the secret shown once. */
export async function addAppPassword(account: Account, protocol: 'imap' | 'pop3' | 'smtp'): Promise<{ id: number; password: string }> {
  const result = await createOwnAppPassword({ caller: account.caller, ip: '127.0.0.1', input: { name: `My ${protocol} program`, protocol } });
  if (!result.ok) throw new Error(`The panel refused the app password: ${JSON.stringify(result)}`);
  return { id: result.data.id, password: result.data.secret };
}

export async function revokeAppPassword(account: Account, id: number): Promise<void> {
  expect((await revokeOwnAppPassword({ caller: account.caller, ip: '127.0.0.1', id })).ok).toBe(true);
}

/** "Last use" as the owner's list of app passwords shows it. */
export async function appPasswordLastUsed(account: Account, id: number): Promise<Date | null> {
  const { rows } = await listOwnAppPasswords({ caller: account.caller });
  return rows.find((row) => row.id === id)?.lastUsedAt ?? null;
}
