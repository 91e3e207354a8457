import { z } from 'zod';
import './zod-messages';
import { keyWith } from '@/lib/i18n/keys';
import { SERVICES, type Service } from '@/lib/mail/services';
export * from './account-import-file';

// The CSV format of an account import (and of the export, which writes the same columns plus some to
// read): its columns, the cell encodings, and the limits. Each row becomes the wizard's four step inputs,
// which the wizard's own schemas then check (lib/accounts/import). Shared by the browser and the server.


/** The columns an import reads, in the template's order, with the wizard field each fills (`section.field`). */
export const IMPORT_COLUMNS = {
  local_part: 'account.localPart',
  first_name: 'account.firstName',
  last_name: 'account.lastName',
  description: 'account.description',
  password: 'account.password',
  storage: 'services.quotaBytes',
  services: 'services.services',
  force_password_change: 'security.forcePasswordChange',
  password_expiry_months: 'security.passwordExpiryMonths',
  block_password_reuse: 'security.blockPasswordReuse',
  password_change_disabled: 'security.passwordChangeDisabled',
  password_recovery_disabled: 'security.passwordRecoveryDisabled',
  otp_required: 'security.otpRequired',
  allowed_ips: 'security.allowedIps',
  api_access: 'security.apiAccess',
  forwards: 'options.forwards',
  forward_keep_copy: 'options.forwardKeepCopy',
  spam_to_inbox: 'options.spamToInbox',
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;
export const IMPORT_COLUMN_NAMES = Object.keys(IMPORT_COLUMNS) as ImportColumn[];

export const BOOLEAN_COLUMNS = [
  'force_password_change',
  'block_password_reuse',
  'password_change_disabled',
  'password_recovery_disabled',
  'otp_required',
  'api_access',
  'forward_keep_copy',
  'spam_to_inbox',
] as const satisfies readonly ImportColumn[];
export type BooleanColumn = (typeof BOOLEAN_COLUMNS)[number];

/**
 * Columns the export writes for reading, which an import accepts and ignores (the address is rebuilt from
 * local_part and the target domain), so that an export imports into another domain as it is. A row whose
 * `postmaster` is yes is skipped: every domain has its own postmaster.
 */
export const EXPORT_ONLY_COLUMNS = ['status', 'address', 'storage_used', 'last_access', 'sent_24h', 'domain', 'postmaster'] as const;
export type ExportOnlyColumn = (typeof EXPORT_ONLY_COLUMNS)[number];

/** The column a wizard field's error belongs to (`section`, then the issue's path within it). */
export function columnOf(section: string, path: readonly PropertyKey[]): ImportColumn | null {
  const field = String(path[0] ?? '');
  if (section === 'account' && (field === 'confirmPassword' || field === 'passwordMode')) return 'password';
  const dotted = `${section}.${field}`;
  return IMPORT_COLUMN_NAMES.find((column) => IMPORT_COLUMNS[column] === dotted) ?? null;
}

/** A header cell as the import reads it: `First name` and `first-name` are `first_name`. */
export function normalizeHeader(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

// ---- cells --------------------------------------------------------------------------------------------

const TRUE_WORDS = ['yes', 'y', 'true', '1', 'on', 'sì', 'si'];
const FALSE_WORDS = ['no', 'n', 'false', '0', 'off'];

/** yes/no (also true/false, 1/0, sì/no); empty: the default. */
export const booleanCellSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => TRUE_WORDS.includes(value) || FALSE_WORDS.includes(value), { error: 'accountImport.errors.boolean' })
  .transform((value) => TRUE_WORDS.includes(value));

const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** A size: `5 GB`, `500 MB`, `1.5 GB` or plain bytes; binary units (1 GB = 1024 MB), as quotas are counted. */
export const sizeCellSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const match = /^(\d+(?:[.,]\d+)?)\s*(b|kb|mb|gb|tb)?$/i.exec(value);
    const bytes = match ? Number(match[1]!.replace(',', '.')) * UNIT_BYTES[(match[2] ?? 'b').toLowerCase()]! : NaN;
    if (!Number.isSafeInteger(bytes) || bytes <= 0) {
      ctx.addIssue({ code: 'custom', message: 'accountImport.errors.size' });
      return z.NEVER;
    }
    return bytes;
  });

/** The way the export writes a quota: whole GB or MB when it is one, else bytes. */
export function formatSizeCell(bytes: number): string {
  if (bytes % UNIT_BYTES.gb! === 0) return `${bytes / UNIT_BYTES.gb!} GB`;
  if (bytes % UNIT_BYTES.mb! === 0) return `${bytes / UNIT_BYTES.mb!} MB`;
  return String(bytes);
}

/** Service names separated by spaces (or commas, semicolons), `none` for none. */
export const servicesCellSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value, ctx) => {
    const names = value.split(/[\s,;]+/).filter(Boolean);
    const out = Object.fromEntries(SERVICES.map((s) => [s, false])) as Record<Service, boolean>;
    if (names.length === 1 && names[0] === 'none') return out;
    for (const name of names) {
      if (!(SERVICES as readonly string[]).includes(name)) {
        ctx.addIssue({ code: 'custom', message: keyWith('accountImport.errors.service', { name: name.slice(0, 30), services: SERVICES.join(' ') }) });
        return z.NEVER;
      }
      out[name as Service] = true;
    }
    return out;
  });

export function formatServicesCell(services: Record<Service, boolean>): string {
  const on = SERVICES.filter((s) => services[s]);
  return on.length === 0 ? 'none' : on.join(' ');
}

/** Several values in one cell (forwards, allowed IPs) are written separated by spaces. */
export function formatListCell(values: readonly string[]): string {
  return values.join(' ');
}

// ---- spreadsheet formulas -----------------------------------------------------------------------------
