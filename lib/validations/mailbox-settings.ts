import { z } from 'zod';
import './zod-messages';
import { keyWith, type MessageKey } from '@/lib/i18n/keys';
import { LANGUAGES, MAX_ALLOWED_IPS, MAX_FORWARDS, PASSWORD_EXPIRY_MONTHS, SERVICES, type Service } from '@/lib/mail/services';
import { canonicalTimeZone, isLocalDateTime } from '@/lib/time/zoned';
import { textSchema } from './common';
import { parseIpEntry } from './ip-allowlist';
import { newPasswordSchema } from './password';
import { AUTORESPONDER_BODY_MAX, AUTORESPONDER_SUBJECT_MAX, DATE_FORMATS, REJECT_MESSAGE_MAX, TIME_FORMATS } from './mailbox-settings-constants';
export * from './mailbox-settings-constants';

// One schema per section of an account's settings, shared by the forms (zodResolver) and the server.
// They check what can be checked without the database; the plan, the domain and what the caller may
// change are checked by lib/mailboxes/settings on top. Messages are i18n keys.

const INT_MAX = 2_147_483_647;

const version = z.coerce.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).min(1, { error: 'validation.invalid' }).max(INT_MAX);
const flag = z.boolean({ error: 'validation.invalid' });
const language = z.enum(LANGUAGES, { error: 'validation.invalid' });

/** A section's object; anything but an object is refused with a message key, not zod's English. */
function section<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape, { error: 'validation.invalid' });
}

/** An IANA zone name, stored in the runtime's spelling (`europe/rome` → `Europe/Rome`). */
export const timeZoneSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, { error: 'validation.required' })
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    if (zone) return zone;
    ctx.addIssue({ code: 'custom', message: 'mailboxSettings.errors.timeZone' });
    return z.NEVER;
  });

/** A whole number from a number or from the text of an input; empty is missing. */
function wholeNumber(min: number) {
  const message = 'mailboxSettings.errors.wholeNumber';
  return z.preprocess(
    (value) => (typeof value === 'string' ? (value.trim() === '' ? undefined : Number(value.trim())) : value),
    z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(Number.MAX_SAFE_INTEGER, { error: message }),
  );
}

/** A list typed one entry per line (or separated by commas, semicolons or spaces), or sent as an array. */
function entryList(max: number, tooMany: 'mailboxSettings.errors.tooManyForwards' | 'mailboxSettings.errors.tooManyIps') {
  return z
    .union([z.string(), z.array(z.string())], { error: 'validation.invalid' })
    .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,;]+/)).map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(z.string()).max(max, { error: keyWith(tooMany, { max }) }));
}

/** What a refusal quotes of a typed entry: enough to find it, never a page of text. */
/** An entry as a message quotes it back: at most 60 characters. */
export function quoted(entry: string): string {
  return entry.length > 60 ? `${entry.slice(0, 60)}…` : entry;
}

const emailFormat = z.email();

/** An address lower-cased with its domain in ASCII (bücher.de → xn--bcher-kva.de), or null. */
export function normalizeAddress(entry: string): string | null {
  const at = entry.lastIndexOf('@');
  if (at < 1 || entry.length > 254) return null;
  let domain: string;
  try {
    domain = new URL(`http://${entry.slice(at + 1)}`).hostname;
  } catch {
    return null;
  }
  const address = `${entry.slice(0, at)}@${domain}`.toLowerCase();
  return emailFormat.safeParse(address).success && address.length <= 254 ? address : null;
}

/**
 * A list's entries as normalized addresses (normalizeAddress): the first invalid or repeated one is refused
 * with the list's own message key (forwards and alias targets word it differently).
 */
export function toAddressList(keys: { duplicate: MessageKey; invalid: MessageKey }) {
  return (entries: string[], ctx: z.RefinementCtx<string[]>): string[] => {
    const out: string[] = [];
    for (const entry of entries) {
      const address = normalizeAddress(entry);
      if (!address || out.includes(address)) {
        const message = address ? keyWith(keys.duplicate, { address }) : keyWith(keys.invalid, { address: quoted(entry) });
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      out.push(address);
    }
    return out;
  };
}

export const forwardsSchema = entryList(MAX_FORWARDS, 'mailboxSettings.errors.tooManyForwards').transform(
  toAddressList({ duplicate: 'mailboxSettings.errors.forwardDuplicate', invalid: 'mailboxSettings.errors.forwardInvalid' }),
);

/** Addresses or CIDR classes in their canonical spelling; a class with host bits set is refused, naming its network. */
export const allowedIpsSchema = entryList(MAX_ALLOWED_IPS, 'mailboxSettings.errors.tooManyIps').transform((entries, ctx) => {
  const out: string[] = [];
  for (const entry of entries) {
    const parsed = parseIpEntry(entry);
    if (!parsed.ok || out.includes(parsed.value)) {
      const message = parsed.ok
        ? keyWith('mailboxSettings.errors.ipDuplicate', { entry: parsed.value })
        : parsed.reason === 'hostBits'
          ? keyWith('mailboxSettings.errors.ipHostBits', { entry: quoted(entry), network: parsed.network })
          : keyWith('mailboxSettings.errors.ipInvalid', { entry: quoted(entry) });
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    out.push(parsed.value);
  }
  return out;
});

// 1. Master data. The extra fields are optional here: the server refuses those the plan does not enable.
export const masterDataSchema = section({
  version,
  firstName: textSchema(100),
  lastName: textSchema(100),
  description: textSchema(200),
  phone: textSchema(50).optional(),
  mobile: textSchema(50).optional(),
  company: textSchema(200).optional(),
  department: textSchema(200).optional(),
  jobTitle: textSchema(200).optional(),
  language,
  timeZone: timeZoneSchema,
  // Where "Forgot password" sends its link; empty: none (then nothing is sent). Left out: unchanged.
  recoveryEmail: z
    .string({ error: 'validation.invalid' })
    .trim()
    .max(254, { error: 'validation.email' })
    .refine((value) => value === '' || normalizeAddress(value) !== null, { error: 'validation.email' })
    .transform((value) => (value === '' ? '' : (normalizeAddress(value) ?? value)))
    .optional(),
});
export type MasterDataInput = z.input<typeof masterDataSchema>;
export type MasterDataValues = z.output<typeof masterDataSchema>;

// 2. General.
export const servicesSchema = z.object(
  Object.fromEntries(SERVICES.map((s) => [s, flag])) as Record<Service, typeof flag>,
  { error: 'validation.invalid' },
);

export const generalSchema = section({
  version,
  quotaBytes: wholeNumber(1),
  dailySendLimit: wholeNumber(0),
  services: servicesSchema,
  forwards: forwardsSchema,
  forwardKeepCopy: flag,
  spamToInbox: flag,
  rejectAll: flag,
  rejectMessage: textSchema(REJECT_MESSAGE_MAX),
}).superRefine((data, ctx) => {
  if (data.rejectAll && data.rejectMessage === '') {
    ctx.addIssue({ code: 'custom', path: ['rejectMessage'], message: 'mailboxSettings.errors.rejectMessageRequired' });
  }
});
export type GeneralInput = z.input<typeof generalSchema>;
export type GeneralValues = z.output<typeof generalSchema>;

// 3. Security. An empty new password keeps the current one.
export const securitySchema = section({
  version,
  newPassword: z
    .string({ error: 'validation.invalid' })
    .default('')
    .superRefine((value, ctx) => {
      if (value === '') return;
      const checked = newPasswordSchema.safeParse(value);
      if (!checked.success) ctx.addIssue({ code: 'custom', message: checked.error.issues[0]?.message ?? 'validation.invalid' });
    }),
  confirmPassword: z.string({ error: 'validation.invalid' }).default(''),
  passwordExpiryMonths: wholeNumber(0).refine((months) => (PASSWORD_EXPIRY_MONTHS as readonly number[]).includes(months), {
    error: 'validation.invalid',
  }),
  blockPasswordReuse: flag,
  passwordChangeDisabled: flag,
  passwordRecoveryDisabled: flag,
  forcePasswordChange: flag,
  otpRequired: flag,
  allowedIps: allowedIpsSchema,
  apiAccess: flag,
}).superRefine((data, ctx) => {
  if (data.newPassword !== '' && data.confirmPassword !== data.newPassword) {
    ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'validation.passwordsDiffer' });
  }
});
export type SecurityInput = z.input<typeof securitySchema>;
export type SecurityValues = z.output<typeof securitySchema>;

// 4. Autoresponder. From / until are wall-clock times in the account's time zone; empty means no limit.
const localDateTime = z
  .string({ error: 'validation.invalid' })
  .trim()
  .refine((value) => value === '' || isLocalDateTime(value), { error: 'mailboxSettings.errors.dateTime' });

export const autoresponderSchema = section({
  version,
  enabled: flag,
  subject: textSchema(AUTORESPONDER_SUBJECT_MAX),
  body: textSchema(AUTORESPONDER_BODY_MAX),
  startsAt: localDateTime,
  endsAt: localDateTime,
}).superRefine((data, ctx) => {
  if (data.enabled && data.subject === '') ctx.addIssue({ code: 'custom', path: ['subject'], message: 'validation.required' });
  if (data.enabled && data.body === '') ctx.addIssue({ code: 'custom', path: ['body'], message: 'validation.required' });
  // Same format, so text order is time order (the server checks again with the instants).
  if (data.startsAt !== '' && data.endsAt !== '' && data.endsAt <= data.startsAt) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'mailboxSettings.errors.untilBeforeFrom' });
  }
});
export type AutoresponderInput = z.input<typeof autoresponderSchema>;
export type AutoresponderValues = z.output<typeof autoresponderSchema>;

// 5. Webmail start-up localization, and the company address book.
export const webmailSchema = section({
  version,
  language,
  timeZone: timeZoneSchema,
  dateFormat: z.enum(DATE_FORMATS, { error: 'validation.invalid' }),
  timeFormat: z.enum(TIME_FORMATS, { error: 'validation.invalid' }),
  inAddressBook: flag,
});
export type WebmailInput = z.input<typeof webmailSchema>;
export type WebmailValues = z.output<typeof webmailSchema>;

// "My settings": what an account changes for itself. Unknown keys (quota, services, security flags…)
// are dropped by the object schemas, never written.
export const ownWebmailSchema = webmailSchema.omit({ inAddressBook: true });
export type OwnWebmailInput = z.input<typeof ownWebmailSchema>;

/** An account's own forwards (the REST API's /me/forwards): the General section's two forwarding fields. */
export const ownForwardsSchema = section({ version, forwards: forwardsSchema, forwardKeepCopy: flag });
export type OwnForwardsInput = z.input<typeof ownForwardsSchema>;

/** The panel's own language and time zone (the panel follows them; the autoresponder's times are in that zone). */
export const ownLocalizationSchema = section({ version, language, timeZone: timeZoneSchema });
export type OwnLocalizationInput = z.input<typeof ownLocalizationSchema>;
export type OwnLocalizationValues = z.output<typeof ownLocalizationSchema>;
