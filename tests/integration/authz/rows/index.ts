import { accountRows } from './accounts';
import { adminRows } from './admins';
import { aliasRows } from './aliases';
import { apiTokenRows } from './api-tokens';
import { apiV1PublicEndpoints, apiV1Rows } from './api-v1';
import { appPasswordRows } from './app-passwords';
import { csvRows } from './csv';
import { dnsRows } from './dns';
import { domainRows } from './domains';
import { jobRows } from './jobs';
import { mailboxSettingsRows } from './mailbox-settings';
import { planRows } from './plans';
import { publicEndpoints, publicRows } from './public';
import { securityRows } from './security';
import { selfRows } from './self';
import { sessionRows } from './sessions';
import type { AuthzRow, PublicEndpoint } from './types';
import { wizardRows } from './wizard';

/** Every row of the matrix, by area. */
export const ROWS: AuthzRow<unknown>[] = [
  ...domainRows,
  ...dnsRows,
  ...accountRows,
  ...aliasRows,
  ...wizardRows,
  ...mailboxSettingsRows,
  ...selfRows,
  ...securityRows,
  ...planRows,
  ...adminRows,
  ...appPasswordRows,
  ...jobRows,
  ...csvRows,
  ...publicRows,
  ...apiV1Rows,
  ...apiTokenRows,
  ...sessionRows,
];

export const PUBLIC_ENDPOINTS: PublicEndpoint[] = [...publicEndpoints, ...apiV1PublicEndpoints];
