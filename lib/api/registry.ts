import { buildOpenApiDocument, type OpenApiDocument } from './openapi';
import type { ApiOperation } from './operation';
import { ACCOUNT_BULK_OPERATIONS } from './operations/account-bulk';
import { ACCOUNT_CSV_OPERATIONS } from './operations/account-csv';
import { ALIAS_CSV_OPERATIONS } from './operations/alias-csv';
import { ALIAS_DOMAIN_OPERATIONS } from './operations/alias-domains';
import { ALIAS_OPERATIONS } from './operations/aliases';
import { DKIM_OPERATIONS } from './operations/dkim';
import { DOMAIN_OPERATIONS } from './operations/domains';
import { ACCOUNT_OPERATIONS, POSTMASTER_OPERATIONS } from './operations/mailboxes';
import { OTHER_OPERATIONS } from './operations/other';

// Every operation of /api/v1, in the order the document and the reference page list them. A route
// handler's operation must be listed here (tests/integration/api checks that every route file's
// handlers are, and that every listed operation is exercised against the document).
export const API_OPERATIONS: readonly ApiOperation[] = [
  ...DOMAIN_OPERATIONS,
  ...DKIM_OPERATIONS,
  ...ACCOUNT_OPERATIONS,
  ...ACCOUNT_CSV_OPERATIONS,
  ...ACCOUNT_BULK_OPERATIONS,
  ...POSTMASTER_OPERATIONS,
  ...ALIAS_OPERATIONS,
  ...ALIAS_CSV_OPERATIONS,
  ...ALIAS_DOMAIN_OPERATIONS,
  ...OTHER_OPERATIONS,
];

let cached: OpenApiDocument | undefined;

/** The OpenAPI document (built once per process: the operations never change at run time). */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument(API_OPERATIONS);
  return cached;
}
