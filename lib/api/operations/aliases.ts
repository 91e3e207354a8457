import 'server-only';
import { ALIAS_SORTS } from '@/db/queries/aliases';
import { aliasCreateSchema, aliasUpdateSchema } from '@/lib/validations/alias';
import { aliasOut, aliasRowOut, createdAliasOut } from '../schemas/aliases';
import { pageOf } from '../schemas/common';
import { idParams, listQuery } from '../schemas/query';
import { createInOp, deleteOp, listInOp, listOp, readOneOp, saveSectionOp } from './shapes';

const tag = 'Aliases';
const aliasPage = pageOf(aliasRowOut);
const postmasterNote = 'A postmaster only where its domain lets it manage aliases (403 otherwise).';

export const listAliasesOp = listOp({
  id: 'listAliases',
  permission: 'aliases:read',
  path: '/aliases',
  tag,
  summary: 'List aliases of every domain',
  description: `The aliases of every domain the token’s owner may see. Search looks in the address and the description. ${postmasterNote}`,
  query: listQuery(ALIAS_SORTS, 'address'),
  response: { description: 'One page of aliases.', schema: aliasPage, schemaName: 'AliasPage' },
});

export const listDomainAliasesOp = listInOp({
  id: 'listDomainAliases',
  permission: 'aliases:read',
  path: '/domains/{id}/aliases',
  tag,
  summary: 'List a domain’s aliases',
  description: postmasterNote,
  query: listQuery(ALIAS_SORTS, 'address'),
  response: { description: 'One page of the domain’s aliases.', schema: aliasPage },
});

export const createAliasOp = createInOp({
  id: 'createAlias',
  permission: 'aliases:create',
  path: '/domains/{id}/aliases',
  tag,
  summary: 'Create an alias',
  description: `An address of the domain that delivers to the targets. Refused (422, on localPart) when an account or an alias has the address, or the plan’s aliases per domain are reached; (on targets) for a loop, a chain of aliases too long, or an address of a hosted domain that does not exist; (on sendAs) for an account the alias does not deliver to. Up to 1,000 targets make a distribution list; senders says who may write to it. ${postmasterNote}`,
  body: aliasCreateSchema,
  bodyName: 'CreateAlias',
  response: { description: 'The alias was created.', schema: createdAliasOut, schemaName: 'CreatedAlias' },
});

export const getAliasOp = readOneOp({
  id: 'getAlias',
  permission: 'aliases:read',
  path: '/aliases/{id}',
  tag,
  summary: 'Read an alias',
  response: { description: 'The alias and its targets.', schema: aliasOut, schemaName: 'Alias' },
});

export const updateAliasOp = saveSectionOp({
  id: 'updateAlias',
  permission: 'aliases:update',
  path: '/aliases/{id}',
  tag,
  summary: 'Change an alias',
  description: `Description, active switch, targets, senders (who may send to it) and sendAs (accounts that may send as it) as a whole, with the version read last (409 when someone saved since); senders and sendAs left out are saved as their defaults (anyone, none). The address never changes. ${postmasterNote}`,
  params: idParams,
  body: aliasUpdateSchema,
  bodyName: 'UpdateAlias',
});

export const deleteAliasOp = deleteOp({
  id: 'deleteAlias',
  permission: 'aliases:delete',
  path: '/aliases/{id}',
  tag,
  summary: 'Delete an alias',
  description: `Its address refuses mail at once and becomes free. ${postmasterNote}`,
});

export const ALIAS_OPERATIONS = [listAliasesOp, listDomainAliasesOp, createAliasOp, getAliasOp, updateAliasOp, deleteAliasOp];
