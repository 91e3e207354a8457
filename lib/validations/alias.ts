import { z } from 'zod';
import './zod-messages';
import { keyWith } from '@/lib/i18n/keys';
import { localPartSchema } from './account-wizard';
import { ALIAS_DESCRIPTION_MAX, ALIAS_SEND_AS_MAX, ALIAS_SENDERS, ALIAS_TARGETS_MAX } from './alias-constants';
import { textSchema } from './common';
import { normalizeAddress, quoted, toAddressList } from './mailbox-settings';
export * from './alias-constants';

// An alias's form: shared by the panel's form, the server and the REST API. What needs the database (the
// address space, the plan's limit, loops) is checked by lib/aliases on top. Messages are keys.

const INT_MAX = 2_147_483_647;
const version = z.coerce.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).min(1, { error: 'validation.invalid' }).max(INT_MAX);

/** Target addresses typed one a line (or separated by commas, semicolons or spaces), or sent as an array; lower-cased, domains in ASCII. */
export const aliasTargetsSchema = z
  .union([z.string(), z.array(z.string({ error: 'validation.invalid' }))], { error: 'validation.invalid' })
  .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,;]+/)).map((entry) => entry.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string())
      .min(1, { error: 'aliases.errors.noTargets' })
      .max(ALIAS_TARGETS_MAX, { error: keyWith('aliases.errors.tooManyTargets', { max: ALIAS_TARGETS_MAX }) }),
  )
  .transform(toAddressList({ duplicate: 'aliases.errors.targetDuplicate', invalid: 'aliases.errors.targetInvalid' }));

/**
 * Accounts that may send with the alias's address (send-as), as addresses one a line or an array; lib/aliases
 * checks each is an account receiving mail through the alias.
 */
export const aliasSendAsSchema = z
  .union([z.string(), z.array(z.string({ error: 'validation.invalid' }))], { error: 'validation.invalid' })
  .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,;]+/)).map((entry) => entry.trim()).filter(Boolean))
  .pipe(z.array(z.string()).max(ALIAS_SEND_AS_MAX, { error: keyWith('aliases.errors.tooManySendAs', { max: ALIAS_SEND_AS_MAX }) }))
  .transform(toAddressList({ duplicate: 'aliases.errors.sendAsDuplicate', invalid: 'aliases.errors.targetInvalid' }));

// An API client that leaves out senders or sendAs saves the defaults: the update is the alias as a whole.
const fields = {
  description: textSchema(ALIAS_DESCRIPTION_MAX).default(''),
  active: z.boolean({ error: 'validation.invalid' }).default(true),
  targets: aliasTargetsSchema,
  senders: z.enum(ALIAS_SENDERS, { error: 'validation.invalid' }).default('anyone'),
  sendAs: aliasSendAsSchema.default([]),
};

/** A new alias of a domain. */
export const aliasCreateSchema = z.object({ localPart: localPartSchema, ...fields }, { error: 'validation.invalid' });

/** An alias's settings as a whole, with the version read last (its address never changes). */
export const aliasUpdateSchema = z.object({ version, ...fields }, { error: 'validation.invalid' });

export type AliasCreateValues = z.output<typeof aliasCreateSchema>;
export type AliasUpdateValues = z.output<typeof aliasUpdateSchema>;

/**
 * A domain's catch-all and plus-addressing (issue 17). `catchAll`: the account that gets mail to unknown
 * local parts, as its local part or full address (lib/aliases checks it is the domain's); empty: off.
 */
export const addressSettingsSchema = z.object(
  {
    version,
    catchAll: textSchema(254)
      .default('')
      .transform((value, ctx) => {
        if (value === '') return null;
        const address = value.includes('@') ? normalizeAddress(value) : value.toLowerCase();
        if (!address || /[\s@]/.test(address.split('@')[0] ?? '')) {
          ctx.addIssue({ code: 'custom', message: keyWith('aliases.errors.targetInvalid', { address: quoted(value) }) });
          return z.NEVER;
        }
        return address;
      }),
    plusAddressing: z.boolean({ error: 'validation.invalid' }).default(true),
  },
  { error: 'validation.invalid' },
);

export type AddressSettingsValues = z.output<typeof addressSettingsSchema>;
