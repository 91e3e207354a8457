import { z } from 'zod';
import { dateTime, id } from './common';

export const aliasRowOut = z.object({
  id,
  domainId: id,
  domainName: z.string(),
  address: z.string(),
  description: z.string(),
  active: z.boolean(),
  receiving: z.boolean().meta({ description: 'Mail to the alias is taken: the alias and its domain are active.' }),
  targets: z.array(z.string()).meta({ description: 'Where its mail goes: accounts, other aliases, or addresses elsewhere.' }),
});

export const aliasOut = aliasRowOut.extend({
  version: z.number().int().positive().meta({ description: 'Send it back with the next save (PUT /aliases/{id}); 409 when someone saved since.' }),
  createdAt: dateTime,
  updatedAt: dateTime,
});

export const createdAliasOut = z.object({ id, address: z.string(), version: z.number().int().positive() });
