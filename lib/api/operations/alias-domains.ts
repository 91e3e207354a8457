import 'server-only';
import { aliasDomainSchema } from '@/lib/validations/alias-domain';
import { defineOperation } from '../operation';
import { aliasDomainOut, aliasDomainsOut } from '../schemas/alias-domains';
import { idParams } from '../schemas/query';
import { BODY, READ_ONE } from './shared';

const tag = 'Alias domains';

export const listAliasDomainsOp = defineOperation({
  id: 'listAliasDomains',
  permission: 'domains:read',
  method: 'GET',
  path: '/domains/{id}/alias-domains',
  tag,
  summary: 'List a domain’s alias domains',
  description: 'Mail to user@<alias domain> is delivered to user@<domain>, for each account and alias of the domain.',
  params: idParams,
  response: { status: 200, description: 'The domain and its alias domains, by name.', schema: aliasDomainsOut, schemaName: 'AliasDomains' },
  errors: [...READ_ONE],
});

export const addAliasDomainOp = defineOperation({
  id: 'addAliasDomain',
  permission: 'domains:update',
  method: 'POST',
  path: '/domains/{id}/alias-domains',
  tag,
  summary: 'Add an alias domain',
  description: 'Refused (422, on name) for a domain the panel hosts (it has accounts of its own), the domain itself, an alias domain already, or past the limit of alias domains per domain.',
  params: idParams,
  body: aliasDomainSchema,
  bodyName: 'AddAliasDomain',
  response: { status: 201, description: 'The alias domain was added.', schema: aliasDomainOut, schemaName: 'AliasDomain' },
  errors: ['notFound', 'refused', ...BODY],
});

export const removeAliasDomainOp = defineOperation({
  id: 'removeAliasDomain',
  permission: 'domains:update',
  method: 'DELETE',
  path: '/alias-domains/{id}',
  tag,
  summary: 'Remove an alias domain',
  description: 'Mail to its addresses is refused at once.',
  params: idParams,
  response: { status: 204, description: 'Removed.' },
  errors: ['notFound', 'refused'],
});

export const ALIAS_DOMAIN_OPERATIONS = [listAliasDomainsOp, addAliasDomainOp, removeAliasDomainOp];
