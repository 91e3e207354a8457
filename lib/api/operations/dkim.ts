import 'server-only';
import { defineOperation } from '../operation';
import { dkimAlgorithmQuery, dkimKeyOut, stopEd25519Out } from '../schemas/dkim';
import { idParams } from '../schemas/query';
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
    'Generates a key for the domain, stored encrypted: RSA 2048, or with algorithm=ed25519 a second key so that mail is signed twice (RSA and ed25519). It is pending: publish its record (GET /domains/{id} shows the records and the last check), then activate it. A pending key of the same algorithm not yet activated is replaced. With a key of that algorithm already signing, this is the first step of a rotation: the old key keeps signing until the new one is activated.',
  query: dkimAlgorithmQuery,
  response: { status: 201, description: 'The pending key.', schema: dkimKeyOut, schemaName: 'DkimKey' },
  errors: ['notFound', 'validation'],
});

export const activateDkimKeyOp = rowActionOp({
  id: 'activateDkimKey',
  permission: 'domains:update',
  path: '/domains/{id}/dkim-keys/activate',
  tag,
  summary: 'Start signing with the pending DKIM key',
  description:
    'Checks the pending key’s record (of the algorithm given, rsa by default) live and, only when it is published exactly, makes it the signing key of that algorithm; the key it replaces keeps verifying for 7 days. Refused (422) when there is no pending key or its record is not published yet.',
  query: dkimAlgorithmQuery,
  response: { description: 'The key that now signs.', schema: dkimKeyOut, schemaName: 'DkimKey' },
  errors: ['notFound', 'validation', 'refused'],
});

export const stopEd25519SigningOp = defineOperation({
  id: 'stopEd25519Signing',
  permission: 'domains:update',
  method: 'DELETE',
  path: '/domains/{id}/dkim-keys/ed25519',
  tag,
  summary: 'Stop signing with ed25519 (the second signature)',
  description:
    'Turns the domain’s ed25519 signature off: a pending ed25519 key is removed, the active one retires (its record keeps verifying mail signed before, for 7 days). The RSA signature is untouched.',
  params: idParams,
  response: { status: 200, description: 'Whether anything changed.', schema: stopEd25519Out, schemaName: 'StopEd25519Signing' },
  errors: ['notFound'],
});

export const DKIM_OPERATIONS = [createDkimKeyOp, activateDkimKeyOp, stopEd25519SigningOp];
