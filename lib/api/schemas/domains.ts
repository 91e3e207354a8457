import { z } from 'zod';
import { dateTime, id, servicesOut } from './common';

const dnsStatus = z.enum(['ok', 'problems']).meta({ description: 'ok: every record is published as it should be; problems: at least one is missing, wrong or could not be checked.' });

/** The last live check of the domain's DNS records (on demand or the daily one), null before the first. */
const dnsCheckOut = z
  .object({
    status: dnsStatus,
    checkedAt: dateTime,
    records: z.array(
      z.object({
        kind: z.enum(['mx', 'spf', 'dkim', 'dmarc', 'autoconfig', 'autodiscover']),
        name: z.string(),
        type: z.enum(['MX', 'TXT', 'CNAME']),
        selector: z.string().optional().meta({ description: 'DKIM only: the key’s selector.' }),
        status: z.enum(['ok', 'missing', 'wrong', 'unknown']),
        found: z.array(z.string()).meta({ description: 'What was found when it is not right.' }),
      }),
    ),
  })
  .nullable();

export const domainRowOut = z.object({
  id,
  name: z.string().meta({ description: 'ASCII (punycode) form.' }),
  displayName: z.string().meta({ description: 'Unicode form.' }),
  active: z.boolean(),
  planName: z.string(),
  ownerEmail: z.string(),
  accounts: z.number().int().nonnegative().meta({ description: 'Mailboxes, the postmaster included.' }),
  maxAccounts: z.number().int().nonnegative(),
  allocatedBytes: z.number().int().nonnegative().meta({ description: 'The sum of the mailboxes’ storage limits.' }),
  domainStorageBytes: z.number().int().nonnegative(),
  dnsStatus: dnsStatus.nullable().meta({ description: 'The last DNS check’s outcome; null before the first.' }),
  dnsCheckedAt: dateTime.nullable(),
});

export const domainOut = z.object({
  id,
  name: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  version: z.number().int().positive().meta({ description: 'Send it back with the next settings save (PUT /domains/{id}/settings); 409 when someone saved since.' }),
  plan: z.object({ id, name: z.string() }),
  ownerEmail: z.string(),
  services: servicesOut.meta({ description: 'Services enabled for the domain (a subset of the plan’s).' }),
  defaultStorageBytes: z.number().int().positive().nullable(),
  pmCanCreate: z.boolean(),
  pmCanDelete: z.boolean(),
  pmCanToggle: z.boolean(),
  pmCanChangeLimits: z.boolean(),
  pmCanManageAliases: z.boolean(),
  accounts: z.number().int().nonnegative(),
  maxAccounts: z.number().int().nonnegative(),
  allocatedBytes: z.number().int().nonnegative(),
  domainStorageBytes: z.number().int().nonnegative(),
  createdAt: dateTime,
  updatedAt: dateTime,
  dnsCheck: dnsCheckOut,
});

export const createdDomainOut = z.object({
  id,
  name: z.string(),
  postmaster: z.string().meta({ description: 'The postmaster mailbox created with the domain.' }),
  postmasterPassword: z.string().meta({ description: 'Its generated password: returned only now, never again.' }),
});

export const domainActiveOut = z.object({ active: z.boolean() });
