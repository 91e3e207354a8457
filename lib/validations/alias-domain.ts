import { z } from 'zod';
import './zod-messages';
import { domainNameSchema } from './domain';

// An alias domain's form (issue 17, point 4): the panel's form, the server and the REST API. Whether the
// name is free (no hosted domain, no alias domain) is checked by lib/alias-domains on top.

/** How many alias domains one domain may have: a bound on what one admin can point at a domain. */
export const ALIAS_DOMAINS_MAX = 20;

export const aliasDomainSchema = z.object({ name: domainNameSchema }, { error: 'validation.invalid' });

export type AliasDomainValues = z.output<typeof aliasDomainSchema>;
