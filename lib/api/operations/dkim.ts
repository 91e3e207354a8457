import 'server-only';
import { dkimKeyOut } from '../schemas/dkim';
import { rowActionOp } from './shapes';

// A domain's DKIM keys over the API (issue 18), as on the domain's DNS records page: the same lib
// functions, the same permission (domains:update: the domain's admin and the superadmin, never its postmaster).

const tag = 'Domains';

export const createDkimKeyOp = rowActionOp({
  id: 'createDkimKey',
  permission: 'domains:update',
  path: '/domains/{id}/dkim-keys',
  tag,
  summary: 'Create (or rotate to) a new DKIM key',
  description:
    'Generates an RSA 2048 key for the domain, stored encrypted. It is pending: publish its record (GET /domains/{id} shows the records and the last check), then activate it. A pending key not yet activated is replaced. With a key already signing, this is the first step of a rotation: the old key keeps signing until the new one is activated.',
  response: { status: 201, description: 'The pending key.', schema: dkimKeyOut, schemaName: 'DkimKey' },
  errors: ['notFound'],
});

export const activateDkimKeyOp = rowActionOp({
  id: 'activateDkimKey',
  permission: 'domains:update',
  path: '/domains/{id}/dkim-keys/activate',
  tag,
  summary: 'Start signing with the pending DKIM key',
  description:
    'Checks the pending key’s record live and, only when it is published exactly, makes it the signing key; the key it replaces keeps verifying for 7 days. Refused (422) when there is no pending key or its record is not published yet.',
  response: { description: 'The key that now signs.', schema: dkimKeyOut, schemaName: 'DkimKey' },
  errors: ['notFound', 'refused'],
});

export const DKIM_OPERATIONS = [createDkimKeyOp, activateDkimKeyOp];
