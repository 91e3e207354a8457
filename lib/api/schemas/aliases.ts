import { z } from 'zod';
import { ALIAS_SENDERS } from '@/lib/validations/alias-constants';
import { dateTime, id } from './common';

export const aliasRowOut = z.object({
  id,
  domainId: id,
  domainName: z.string(),
  address: z.string(),
  description: z.string(),
  active: z.boolean(),
  receiving: z.boolean().meta({ description: 'Mail to the alias is taken: the alias and its domain are active.' }),
  targets: z.array(z.string()).meta({ description: 'Where its mail goes (a distribution list’s members): accounts, other aliases, or addresses elsewhere.' }),
  senders: z.enum(ALIAS_SENDERS).meta({
    description: 'Who may send to it: anyone, senders at its own domain, or only its members (its targets). The mail server refuses others at RCPT (550 5.7.1).',
  }),
});

export const aliasOut = aliasRowOut.extend({
  version: z.number().int().positive().meta({ description: 'Send it back with the next save (PUT /aliases/{id}); 409 when someone saved since.' }),
  createdAt: dateTime,
  updatedAt: dateTime,
  sendAs: z.array(z.string()).meta({
    description: 'Accounts the postmaster lets send with the alias’s address (each one it delivers to). Any other sender address is refused on submission.',
  }),
});

export const createdAliasOut = z.object({ id, address: z.string(), version: z.number().int().positive() });
