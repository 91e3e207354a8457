import 'server-only';
import { aliasDomainSchema } from '@/lib/validations/alias-domain';
import { aliasDomainOut, aliasDomainsOut } from '../schemas/alias-domains';
import { createInOp, deleteOp, readOneOp } from './shapes';

const tag = 'Alias domains';

export const listAliasDomainsOp = readOneOp({
  id: 'listAliasDomains',
  permission: 'domains:read',
  path: '/domains/{id}/alias-domains',
  tag,
  summary: 'List a domain’s alias domains',
  description: 'Mail to user@<alias domain> is delivered to user@<domain>, for each account and alias of the domain.',
  response: { description: 'The domain and its alias domains, by name.', schema: aliasDomainsOut, schemaName: 'AliasDomains' },
});

export const addAliasDomainOp = createInOp({
  id: 'addAliasDomain',
  permission: 'domains:update',
  path: '/domains/{id}/alias-domains',
  tag,
  summary: 'Add an alias domain',
  description: 'Refused (422, on name) for a domain the panel hosts (it has accounts of its own), the domain itself, an alias domain already, or past the limit of alias domains per domain.',
  body: aliasDomainSchema,
  bodyName: 'AddAliasDomain',
  response: { description: 'The alias domain was added.', schema: aliasDomainOut, schemaName: 'AliasDomain' },
});

export const removeAliasDomainOp = deleteOp({
  id: 'removeAliasDomain',
  permission: 'domains:update',
  path: '/alias-domains/{id}',
  tag,
  summary: 'Remove an alias domain',
  description: 'Mail to its addresses is refused at once.',
  answer: 'Removed.',
});

export const ALIAS_DOMAIN_OPERATIONS = [listAliasDomainsOp, addAliasDomainOp, removeAliasDomainOp];
