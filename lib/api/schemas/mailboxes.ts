import { z } from 'zod';
import { LANGUAGES, USER_DETAIL_FIELDS } from '@/lib/mail/services';
import { DATE_FORMATS, TIME_FORMATS } from '@/lib/validations/mailbox-settings';
import { dateTime, id, servicesOut } from './common';

// Accounts and postmasters as the API answers them. A mailbox's read gives each settings section in
// the shape its PUT takes (lists as arrays), with the one version every section's save needs.

export const accountRowOut = z.object({
  id,
  domainId: id,
  domainName: z.string(),
  address: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  description: z.string(),
  isPostmaster: z.boolean(),
  active: z.boolean().meta({ description: 'The account’s own switch.' }),
  status: z.enum(['updating', 'online', 'offline']),
  quotaBytes: z.number().int().positive(),
  usedBytes: z.number().int().nonnegative(),
  lastAccessAt: dateTime.nullable(),
  sent24h: z.number().int().nonnegative(),
  canToggle: z.boolean().meta({ description: 'The token’s owner may deactivate / reactivate it.' }),
  canDelete: z.boolean().meta({ description: 'The token’s owner may delete it.' }),
});

export const postmasterRowOut = z.object({
  id,
  address: z.string(),
  domainId: id,
  domainName: z.string(),
  active: z.boolean(),
  quotaBytes: z.number().int().positive(),
  usedBytes: z.number().int().nonnegative(),
});

const language = z.enum(LANGUAGES);

export const sectionsOut = z.object({
  masterData: z.object({
    firstName: z.string(),
    lastName: z.string(),
    description: z.string(),
    ...Object.fromEntries(USER_DETAIL_FIELDS.map((field) => [field, z.string().optional()])),
    language,
    timeZone: z.string(),
    recoveryEmail: z.string(),
  }),
  general: z.object({
    quotaBytes: z.number().int().positive(),
    dailySendLimit: z.number().int().nonnegative(),
    services: servicesOut,
    forwards: z.array(z.string()),
    forwardKeepCopy: z.boolean(),
    spamToInbox: z.boolean(),
    rejectAll: z.boolean(),
    rejectMessage: z.string(),
  }),
  security: z.object({
    passwordExpiryMonths: z.number().int(),
    blockPasswordReuse: z.boolean(),
    passwordChangeDisabled: z.boolean(),
    passwordRecoveryDisabled: z.boolean(),
    forcePasswordChange: z.boolean(),
    otpRequired: z.boolean(),
    allowedIps: z.array(z.string()),
    apiAccess: z.boolean(),
  }),
  autoresponder: z.object({
    enabled: z.boolean(),
    subject: z.string(),
    body: z.string(),
    startsAt: z.string().meta({ description: 'Local date and time in the mailbox’s time zone (YYYY-MM-DDTHH:mm), or empty.' }),
    endsAt: z.string(),
  }),
  webmail: z.object({
    language,
    timeZone: z.string(),
    dateFormat: z.enum(DATE_FORMATS),
    timeFormat: z.enum(TIME_FORMATS),
    inAddressBook: z.boolean(),
  }),
});

export const mailboxOut = z.object({
  id,
  address: z.string(),
  isPostmaster: z.boolean(),
  active: z.boolean(),
  version: z.number().int().positive().meta({ description: 'Send it with every section’s PUT (409 when someone saved since).' }),
  quotaBytes: z.number().int().positive(),
  usedBytes: z.number().int().nonnegative(),
  otpEnrolled: z.boolean(),
  passwordChangedAt: dateTime,
  domain: z.object({ id, name: z.string(), active: z.boolean() }),
  plan: z.object({ id, name: z.string() }),
  limits: z.object({
    userDetailFields: z.array(z.enum(USER_DETAIL_FIELDS)),
    canChangeStorage: z.boolean(),
    canChangeSendLimit: z.boolean(),
    storageOptionsBytes: z.array(z.number().int().positive()).meta({ description: 'The sizes that may be picked now.' }),
    freeBytes: z.number().int().nonnegative(),
    defaultDailySendLimit: z.number().int().nonnegative(),
    maxDailySendLimit: z.number().int().nonnegative(),
    services: servicesOut.meta({ description: 'Services that may be switched on.' }),
    allowSpamToInbox: z.boolean(),
    maxMessageBytes: z.number().int().positive().meta({ description: "The largest message the account receives or sends (its domain's plan)." }),
  }),
  sections: sectionsOut,
});

export const accountOut = mailboxOut.extend({
  canToggle: z.boolean(),
  canDelete: z.boolean(),
});

export const createdAccountOut = z.object({
  id,
  address: z.string(),
  generatedPassword: z.string().optional().meta({ description: 'With passwordMode "generate": the password, returned only now, never again.' }),
});

export const accountActiveOut = z.object({ active: z.boolean(), version: z.number().int().positive() });
