import type { z } from 'zod';
import type { Service } from '@/lib/mail/services';
import type { AccountCreateInput } from '@/lib/validations/account-wizard';
import {
  booleanCellSchema,
  restoreFormulaText,
  servicesCellSchema,
  sizeCellSchema,
  type BooleanColumn,
  type ImportColumn,
} from '@/lib/validations/account-import';
import type { KnownColumn } from './header';

// One CSV row as the wizard's four step forms would have sent it. Cells are text; the few that are not
// text in the forms (yes/no, sizes, the list of services) are decoded here, and what a cell leaves empty
// takes the default the wizard starts with. Everything else is left to the wizard's own schemas.

/** What an empty cell means for the columns whose default depends on the domain. */
export type ImportDefaults = { quotaBytes: number; services: Record<Service, boolean> };

/** The wizard's defaults for the yes/no columns (lib/accounts/wizard/get-wizard.ts). */
const BOOLEAN_DEFAULTS: Record<BooleanColumn, boolean> = {
  force_password_change: true,
  block_password_reuse: false,
  password_change_disabled: false,
  password_recovery_disabled: false,
  otp_required: false,
  api_access: false,
  forward_keep_copy: true,
  spam_to_inbox: false,
};

export type RowInputs = AccountCreateInput;

export type CellIssue = { column: ImportColumn; message: string };

export function decodeRow(cells: Partial<Record<KnownColumn, string>>, defaults: ImportDefaults): { inputs: RowInputs; issues: CellIssue[] } {
  const issues: CellIssue[] = [];
  // An apostrophe the export put before a would-be formula is taken off again; passwords are never exported.
  const text = (column: ImportColumn) => restoreFormulaText(cells[column] ?? '');
  const decoded = <T,>(column: ImportColumn, schema: z.ZodType<T, string>, fallback: T): T => {
    const cell = text(column);
    if (cell.trim() === '') return fallback;
    const parsed = schema.safeParse(cell);
    if (parsed.success) return parsed.data;
    issues.push({ column, message: parsed.error.issues[0]?.message ?? 'validation.invalid' });
    return fallback;
  };
  const flag = (column: BooleanColumn) => decoded(column, booleanCellSchema, BOOLEAN_DEFAULTS[column]);

  const password = cells.password ?? '';
  const inputs: RowInputs = {
    account: {
      firstName: text('first_name'),
      lastName: text('last_name'),
      description: text('description'),
      localPart: text('local_part'),
      passwordMode: password === '' ? 'generate' : 'set',
      password,
      confirmPassword: password,
    },
    services: {
      quotaBytes: decoded('storage', sizeCellSchema, defaults.quotaBytes),
      services: decoded('services', servicesCellSchema, defaults.services),
    },
    security: {
      forcePasswordChange: flag('force_password_change'),
      passwordExpiryMonths: text('password_expiry_months').trim() || '0',
      blockPasswordReuse: flag('block_password_reuse'),
      passwordChangeDisabled: flag('password_change_disabled'),
      passwordRecoveryDisabled: flag('password_recovery_disabled'),
      otpRequired: flag('otp_required'),
      allowedIps: text('allowed_ips'),
      apiAccess: flag('api_access'),
    },
    options: {
      forwards: text('forwards'),
      forwardKeepCopy: flag('forward_keep_copy'),
      spamToInbox: flag('spam_to_inbox'),
    },
  };
  return { inputs, issues };
}
