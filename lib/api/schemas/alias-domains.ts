import { z } from 'zod';
import { dateTime, id } from './common';

export const aliasDomainOut = z.object({
  id,
  name: z.string().meta({ description: 'The alias domain, in ASCII (punycode).' }),
  createdAt: dateTime,
});

export const aliasDomainsOut = z.object({
  domain: z.object({ id, name: z.string() }),
  aliasDomains: z.array(aliasDomainOut),
});
