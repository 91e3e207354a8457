import { describe, expect, it } from 'vitest';
import { SERVICES, USER_DETAIL_FIELDS } from '@/lib/mail/services';
import { domainSettingsSchema } from '@/lib/validations/domain';
import { autoresponderSchema, generalSchema, masterDataSchema, ownLocalizationSchema, securitySchema, webmailSchema } from '@/lib/validations/mailbox-settings';
import { AUDITED_FIELDS, auditFieldLabel, auditValue } from './field-labels';

// What is sent but never recorded as a field: the optimistic-lock version, a new password (only the fact
// that it changed is recorded), and groups the save spreads into their own fields (services.*).
const NOT_RECORDED = new Set(['version', 'newPassword', 'confirmPassword', 'services']);

function keysOf(schema: unknown): string[] {
  // The section schemas are objects, some wrapped in a refinement: their shape either way.
  const s = schema as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } };
  const shape = s.shape ?? s.def?.in?.shape;
  if (!shape) throw new Error('no shape');
  return Object.keys(shape);
}

describe('audit field labels', () => {
  it('has every field in both languages, each with a label of its own', () => {
    expect([...AUDITED_FIELDS.it].sort()).toEqual([...AUDITED_FIELDS.en].sort());
    for (const field of AUDITED_FIELDS.en) {
      expect(auditFieldLabel(field, 'en')).not.toBe(field);
      expect(auditFieldLabel(field, 'it').length).toBeGreaterThan(0);
    }
  });

  it('labels every field a settings form, the domain form and a plan can record', () => {
    const fields = new Set<string>([
      ...[masterDataSchema, generalSchema, securitySchema, autoresponderSchema, webmailSchema, ownLocalizationSchema, domainSettingsSchema].flatMap(keysOf),
      ...SERVICES,
      ...USER_DETAIL_FIELDS,
      // A plan's columns (db/queries/plans.ts PlanColumns) and the on/off switches of admins and accounts.
      'name',
      'storageOptionsBytes',
      'domainStorageBytes',
      'maxAccounts',
      'maxAliases',
      'maxMessageBytes',
      'defaultDailySendLimit',
      'maxDailySendLimit',
      'allowSpamToInbox',
      'userDetailFields',
      'active',
    ]);
    const missing = [...fields].filter((field) => !NOT_RECORDED.has(field) && auditFieldLabel(field, 'en') === field);
    expect(missing).toEqual([]);
  });

  it('shows a field by its label and values in the reader’s words and formats', () => {
    expect(auditFieldLabel('pmCanDelete', 'en')).toBe('Postmaster may delete accounts');
    expect(auditFieldLabel('pmCanDelete', 'it')).toBe('Il postmaster può eliminare account');
    expect(auditValue('pmCanDelete', true, 'it')).toBe('sì');
    expect(auditValue('pmCanDelete', false, 'en')).toBe('no');
    expect(auditValue('dailySendLimit', 5000, 'it')).toBe('5.000');
    expect(auditValue('quotaBytes', 5 * 1024 ** 3, 'en')).toBe('5 GB');
    expect(auditValue('forwards', [], 'en')).toBe('—');
    expect(auditFieldLabel('somethingNew', 'it')).toBe('somethingNew');
  });
});
