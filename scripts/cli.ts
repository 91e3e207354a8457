import './outside-next'; // first: see scripts/outside-next.ts
import type { z } from 'zod';
import { closeDatabase, getDatabaseHandle, type Executor } from '@/db';
import { runMigrations } from '@/db/migrate';
import { writeAudit, type AuditEntry } from '@/lib/audit/write-audit';
import { generatePassword } from '@/lib/auth/password';
import { translate } from '@/lib/i18n/translate';
import { emailSchema } from '@/lib/validations/common';

// What the admin:* commands share: their arguments' checks, the password they read or generate, the
// migrated database, the audit entry's actor and the way they end.

/** A bad argument: the message on standard error, exit code 2. */
export function die(message: string): never {
  console.error(message);
  process.exit(2);
}

/** The first of a refused value's messages, in English (the commands speak English). */
export function refusal(error: z.ZodError): string {
  return translate('en', error.issues[0]?.message ?? 'validation.invalid');
}

/** `--email`, checked as the panel checks an address; refused with the usage. */
export function emailOption(value: string | undefined, usage: string): string {
  const email = emailSchema.safeParse(value ?? '');
  if (!email.success) die(`--email: ${refusal(email.error)}\n${usage}`);
  return email.data;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * The new password: from standard input when it is piped, otherwise (or with --generate) a strong one
 * generated, to be printed once (`piped` false). Checked by the panel's rules for a new password.
 */
export async function newPassword(generate: boolean | undefined, schema: z.ZodType<string>): Promise<{ password: string; piped: boolean }> {
  const piped = !generate && !process.stdin.isTTY;
  const password = piped ? await readStdin() : generatePassword();
  const checked = schema.safeParse(password);
  if (!checked.success) die(`Password: ${refusal(checked.error)}`);
  return { password, piped };
}

/** The panel's database, migrated (a command may run before the server ever has). */
export async function migratedDatabase() {
  const handle = getDatabaseHandle();
  await runMigrations(handle);
  return handle;
}

/** The audit entry of a change made from the command line (no caller, no address). */
export function writeCliAudit(ex: Executor, entry: Omit<AuditEntry, 'actor' | 'ip'>): Promise<void> {
  return writeAudit(ex, { actor: { kind: 'system', label: 'cli' }, ip: null, ...entry });
}

/** Runs a command: a failure's message on standard error and exit code 1; the database closed either way. */
export function runCli(main: () => Promise<unknown>): void {
  main()
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => closeDatabase());
}
