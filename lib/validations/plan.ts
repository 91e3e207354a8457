import { z } from 'zod';
import './zod-messages';
import { keyWith } from '@/lib/i18n/keys';
import { serviceFlags, GB, MB, SERVICES, USER_DETAIL_FIELDS, type Service, type UserDetailField } from '@/lib/mail/services';
import { ROW_ID_MAX, textSchema } from './common';
import { DEFAULT_MESSAGE_MB, MAX_MESSAGE_MB, MAX_STORAGE_OPTIONS, SIZE_UNITS, type SizeUnit } from './plan-constants';
export * from './plan-constants';

export const UNIT_BYTES: Record<SizeUnit, number> = { MB, GB, TB: 1024 * GB };

export const PLAN_NAME_MAX = 100;
/** 1 PB: far above any sensible plan, and well inside the integers JavaScript counts exactly. */
export const MAX_SIZE_BYTES = 1024 * UNIT_BYTES.TB;
export const MAX_ACCOUNTS_LIMIT = 1_000_000;
export const MAX_ALIASES_LIMIT = 1_000_000;
/** Messages per account per day; the column is a 32-bit integer. */
export const MAX_SEND_LIMIT = 1_000_000;

/**
 * A whole number typed into a text input (or sent as a number). Empty is "required", anything
 * that is not digits is "enter a whole number", then the range.
 */
function wholeNumber(min: number, max: number) {
  return z
    .union([z.string(), z.number()], { error: 'validation.required' })
    .transform((value, ctx) => {
      const text = typeof value === 'number' ? String(value) : value.trim();
      if (text === '') {
        ctx.issues.push({ code: 'custom', message: 'validation.required', input: value });
        return z.NEVER;
      }
      if (!/^[0-9]{1,16}$/.test(text)) {
        ctx.issues.push({ code: 'custom', message: 'plans.validation.wholeNumber', input: value });
        return z.NEVER;
      }
      return Number(text);
    })
    .pipe(
      z
        .number()
        .min(min, { error: keyWith('plans.validation.min', { min }) })
        .max(max, { error: keyWith('plans.validation.max', { max }) }),
    );
}

const sizeSchema = z.object({
  amount: wholeNumber(1, MAX_SIZE_BYTES / MB),
  unit: z.enum(SIZE_UNITS, { error: 'plans.validation.unit' }),
});

const servicesSchema = z.object(
  Object.fromEntries(SERVICES.map((s) => [s, z.boolean({ error: 'validation.invalid' })])) as Record<
    Service,
    z.ZodBoolean
  >,
  { error: 'validation.invalid' },
);

export function sizeToBytes(size: { amount: number; unit: SizeUnit }): number {
  return size.amount * UNIT_BYTES[size.unit];
}

/** The largest unit that expresses `bytes` exactly (MB, rounded up, for sizes no unit divides). */
export function bytesToSize(bytes: number): { amount: string; unit: SizeUnit } {
  for (const unit of ['TB', 'GB'] as const) {
    if (bytes >= UNIT_BYTES[unit] && bytes % UNIT_BYTES[unit] === 0) return { amount: String(bytes / UNIT_BYTES[unit]), unit };
  }
  return { amount: String(Math.max(1, Math.ceil(bytes / MB))), unit: 'MB' };
}

/**
 * The plan form, for creating and editing (an edit carries the `version` it read). The same schema
 * checks the form in the browser and the input on the server; its output is in bytes, ready to store.
 */
export const planSchema = z
  .object({
    version: z.number({ error: 'validation.invalid' }).int().positive().max(ROW_ID_MAX).optional(),
    name: textSchema(PLAN_NAME_MAX).min(1, { error: 'validation.required' }),
    services: servicesSchema,
    storageOptions: z
      .array(sizeSchema, { error: 'plans.validation.storageOptionsRequired' })
      .min(1, { error: 'plans.validation.storageOptionsRequired' })
      .max(MAX_STORAGE_OPTIONS, { error: keyWith('plans.validation.storageOptionsTooMany', { max: MAX_STORAGE_OPTIONS }) }),
    domainStorage: sizeSchema,
    maxAccounts: wholeNumber(1, MAX_ACCOUNTS_LIMIT),
    // Left out (as by callers older than aliases): the column's default for a new plan, unchanged for an edit.
    maxAliases: wholeNumber(0, MAX_ALIASES_LIMIT).optional(),
    // The largest message, in MB (issue 18). Left out: the column's default (10 MB) for a new plan, unchanged for an edit.
    maxMessageMb: wholeNumber(1, MAX_MESSAGE_MB).optional(),
    defaultDailySendLimit: wholeNumber(0, MAX_SEND_LIMIT),
    maxDailySendLimit: wholeNumber(0, MAX_SEND_LIMIT),
    allowSpamToInbox: z.boolean({ error: 'validation.invalid' }),
    userDetailFields: z.array(z.enum(USER_DETAIL_FIELDS, { error: 'validation.invalid' }), { error: 'validation.invalid' }),
  })
  .superRefine((data, ctx) => {
    const tooLarge = keyWith('plans.validation.sizeTooLarge', { max: '1 PB' });
    const seen = new Map<number, number>();
    data.storageOptions.forEach((option, index) => {
      const bytes = sizeToBytes(option);
      const path = ['storageOptions', index, 'amount'];
      if (bytes > MAX_SIZE_BYTES) {
        ctx.addIssue({ code: 'custom', path, message: tooLarge });
      } else if (seen.has(bytes)) {
        ctx.addIssue({ code: 'custom', path, message: 'plans.validation.storageOptionsDistinct' });
      }
      seen.set(bytes, index);
    });
    const domainBytes = sizeToBytes(data.domainStorage);
    if (domainBytes > MAX_SIZE_BYTES) {
      ctx.addIssue({ code: 'custom', path: ['domainStorage', 'amount'], message: tooLarge });
    } else if ([...seen.keys()].some((bytes) => bytes > domainBytes)) {
      ctx.addIssue({ code: 'custom', path: ['storageOptions'], message: 'plans.validation.storageOptionAboveDomain' });
    }
    if (data.defaultDailySendLimit > data.maxDailySendLimit) {
      ctx.addIssue({ code: 'custom', path: ['defaultDailySendLimit'], message: 'plans.validation.defaultAboveMax' });
    }
  })
  .transform((data) => ({
    version: data.version,
    name: data.name,
    ...data.services,
    storageOptionsBytes: data.storageOptions.map(sizeToBytes).sort((a, b) => a - b),
    domainStorageBytes: sizeToBytes(data.domainStorage),
    maxAccounts: data.maxAccounts,
    ...(data.maxAliases === undefined ? {} : { maxAliases: data.maxAliases }),
    ...(data.maxMessageMb === undefined ? {} : { maxMessageBytes: data.maxMessageMb * MB }),
    defaultDailySendLimit: data.defaultDailySendLimit,
    maxDailySendLimit: data.maxDailySendLimit,
    allowSpamToInbox: data.allowSpamToInbox,
    userDetailFields: USER_DETAIL_FIELDS.filter((field) => data.userDetailFields.includes(field)),
  }));

/** What the form holds (numbers as typed). */
export type PlanFormValues = z.input<typeof planSchema>;
/** What the form means, in bytes: the columns of a plan. */
export type PlanValues = z.output<typeof planSchema>;

/** The stored plan as form values, to edit it. */
export type PlanLike = Omit<PlanValues, 'version' | 'userDetailFields'> & { version: number; userDetailFields: readonly string[] };

export function planToFormValues(plan: PlanLike): PlanFormValues {
  return {
    version: plan.version,
    name: plan.name,
    services: serviceFlags(plan),
    storageOptions: [...plan.storageOptionsBytes].sort((a, b) => a - b).map(bytesToSize),
    domainStorage: bytesToSize(plan.domainStorageBytes),
    maxAccounts: String(plan.maxAccounts),
    maxAliases: String(plan.maxAliases ?? 100),
    maxMessageMb: String(Math.round((plan.maxMessageBytes ?? DEFAULT_MESSAGE_MB * MB) / MB)),
    defaultDailySendLimit: String(plan.defaultDailySendLimit),
    maxDailySendLimit: String(plan.maxDailySendLimit),
    allowSpamToInbox: plan.allowSpamToInbox,
    userDetailFields: USER_DETAIL_FIELDS.filter((f) => plan.userDetailFields.includes(f)) as UserDetailField[],
  };
}

/** A new plan starts from these. */
export function emptyPlanFormValues(): PlanFormValues {
  return {
    name: '',
    services: { pop: true, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false },
    storageOptions: [
      { amount: '1', unit: 'GB' },
      { amount: '5', unit: 'GB' },
    ],
    domainStorage: { amount: '50', unit: 'GB' },
    maxAccounts: '25',
    maxAliases: '100',
    maxMessageMb: String(DEFAULT_MESSAGE_MB),
    defaultDailySendLimit: '500',
    maxDailySendLimit: '1000',
    allowSpamToInbox: false,
    userDetailFields: [],
  };
}
