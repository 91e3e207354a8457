import type { z } from 'zod';
import type { WizardDomain } from '@/lib/accounts/wizard/access';
import { checkOptions, checkSecurity, checkServices, type FieldErrors } from '@/lib/accounts/wizard/checks';
import type { Language } from '@/lib/mail/services';
import { columnOf, type ImportColumn } from '@/lib/validations/account-import';
import {
  accountStepSchema,
  optionsStepSchema,
  securityStepSchema,
  servicesStepSchema,
  type OptionsStepValues,
  type SecurityStepValues,
  type ServicesStepValues,
} from '@/lib/validations/account-wizard';
import type { CellIssue, RowInputs } from './decode-row';

// A row is checked exactly as the wizard checks its steps: the same four schemas, then the same checks
// against the plan and the domain (lib/accounts/wizard/checks.ts). What needs the whole file (addresses
// twice in it, room and storage for all rows together) and the addresses already taken are checked by
// check-file.ts.

/** One account of the file, valid on its own. `password` null: one is generated at import. */
export type ImportAccount = {
  row: number;
  localPart: string;
  firstName: string;
  lastName: string;
  description: string;
  password: string | null;
  services: ServicesStepValues;
  security: SecurityStepValues;
  options: OptionsStepValues;
};

// Step 1 of a new draft: the password is required, typed ("set") or to be generated.
const accountSchema = accountStepSchema({ passwordSet: false });

function issuesOf(section: string, error: z.ZodError, fallback: ImportColumn): CellIssue[] {
  return error.issues.map((issue) => ({ column: columnOf(section, issue.path) ?? fallback, message: issue.message }));
}

function fieldIssues(section: string, errors: FieldErrors, fallback: ImportColumn): CellIssue[] {
  return Object.entries(errors).map(([field, message]) => ({ column: columnOf(section, field.split('.')) ?? fallback, message }));
}

/** The row's values, or what is wrong with them, by column (the first problem of each column). */
export function validateRow(row: number, inputs: RowInputs, domain: WizardDomain, language: Language): { account?: ImportAccount; issues: CellIssue[] } {
  const account = accountSchema.safeParse(inputs.account);
  const services = servicesStepSchema.safeParse(inputs.services);
  const security = securityStepSchema.safeParse(inputs.security);
  const options = optionsStepSchema.safeParse(inputs.options);

  const issues: CellIssue[] = [
    ...(account.success ? [] : issuesOf('account', account.error, 'local_part')),
    ...(services.success ? [] : issuesOf('services', services.error, 'storage')),
    ...(security.success ? [] : issuesOf('security', security.error, 'force_password_change')),
    ...(options.success ? [] : issuesOf('options', options.error, 'forwards')),
  ];
  if (services.success) issues.push(...fieldIssues('services', checkServices(services.data, domain, language), 'services'));
  if (security.success) issues.push(...fieldIssues('security', checkSecurity(security.data), 'allowed_ips'));
  if (options.success) {
    issues.push(...fieldIssues('options', checkOptions(options.data, domain, account.success ? account.data.localPart : undefined), 'forwards'));
  }
  if (issues.length > 0 || !account.success || !services.success || !security.success || !options.success) return { issues };

  const a = account.data;
  return {
    issues,
    account: {
      row,
      localPart: a.localPart,
      firstName: a.firstName,
      lastName: a.lastName,
      description: a.description,
      password: a.passwordMode === 'set' ? a.password : null,
      services: services.data,
      security: security.data,
      options: options.data,
    },
  };
}

/** The checks against the plan and the domain alone, again: the import repeats them under the domain's lock. */
export function recheckAccount(account: ImportAccount, domain: WizardDomain, language: Language): CellIssue[] {
  return [
    ...fieldIssues('services', checkServices(account.services, domain, language), 'services'),
    ...fieldIssues('security', checkSecurity(account.security), 'allowed_ips'),
    ...fieldIssues('options', checkOptions(account.options, domain, account.localPart), 'forwards'),
  ];
}
