import 'server-only';
import { DOMAIN_SORTS } from '@/db/queries/domains';
import { addDomainSchema, domainSettingsSchema } from '@/lib/validations/domain';
import { defineOperation } from '../operation';
import { pageOf } from '../schemas/common';
import { createdDomainOut, domainActiveOut, domainOut, domainRowOut } from '../schemas/domains';
import { confirmQuery, idParams, listQuery } from '../schemas/query';
import { deleteOp, listOp, readOneOp, saveSectionOp, toggleOps } from './shapes';
import { BODY, READ_ONE } from './shared';

const tag = 'Domains';

export const listDomainsOp = listOp({
  id: 'listDomains',
  permission: 'domains:read',
  path: '/domains',
  tag,
  summary: 'List domains',
  description: 'The domains the token’s owner may see: all of them for the superadmin, its own for an admin, its domain for a postmaster. Search looks in the domain’s and the plan’s name.',
  query: listQuery(DOMAIN_SORTS, 'name'),
  response: { description: 'One page of domains.', schema: pageOf(domainRowOut), schemaName: 'DomainPage' },
});

export const createDomainOp = defineOperation({
  id: 'createDomain',
  permission: 'domains:create',
  method: 'POST',
  path: '/domains',
  tag,
  summary: 'Add a domain',
  description: 'Adds a domain on a plan and, in the same transaction, its postmaster with a generated password (returned only in this answer). `adminId` names the owning admin and is for the superadmin only: an admin that names another admin gets 403 and nothing is added (naming itself, or leaving it out, makes the domain its own).',
  body: addDomainSchema,
  bodyName: 'AddDomain',
  response: { status: 201, description: 'The domain was added.', schema: createdDomainOut, schemaName: 'CreatedDomain' },
  errors: BODY,
});

export const getDomainOp = readOneOp({
  id: 'getDomain',
  permission: 'domains:read',
  path: '/domains/{id}',
  tag,
  summary: 'Read a domain',
  response: { description: 'The domain, its plan and its usage.', schema: domainOut, schemaName: 'Domain' },
});

export const updateDomainSettingsOp = saveSectionOp({
  id: 'updateDomainSettings',
  permission: 'domains:update',
  path: '/domains/{id}/settings',
  tag,
  summary: 'Change a domain’s settings',
  description: 'Services (within the plan), default storage (one of the plan’s options) and what the postmaster may do. Send the version read last.',
  params: idParams,
  body: domainSettingsSchema,
  bodyName: 'DomainSettings',
});

const toggle = toggleOps({
  name: 'Domain',
  noun: 'a domain',
  permission: 'domains:update',
  path: '/domains/{id}',
  tag,
  offDescription: 'Its accounts receive no mail and use no service; their sessions end at once.',
  response: { description: 'The domain’s state now.', schema: domainActiveOut, schemaName: 'DomainActive' },
  errors: READ_ONE,
});
export const deactivateDomainOp = toggle.deactivate;
export const reactivateDomainOp = toggle.reactivate;

export const deleteDomainOp = deleteOp({
  id: 'deleteDomain',
  permission: 'domains:delete',
  path: '/domains/{id}',
  tag,
  summary: 'Delete a domain',
  description: 'Irreversible: the domain and everything under it. As in the panel, the domain’s name must be typed to confirm.',
  query: confirmQuery('confirmName', 'The domain’s name (ASCII or Unicode), to confirm.'),
});

export const DOMAIN_OPERATIONS = [
  listDomainsOp,
  createDomainOp,
  getDomainOp,
  updateDomainSettingsOp,
  deactivateDomainOp,
  reactivateDomainOp,
  deleteDomainOp,
];
