import { z } from 'zod';
import { changePasswordSchema } from '@/lib/validations/security';
import { autoresponderSchema, ownForwardsSchema, ownLocalizationSchema, ownWebmailSchema } from '@/lib/validations/mailbox-settings';
import { defineOperation } from '../operation';
import { versionOut } from '../schemas/common';
import { meOut } from '../schemas/me';
import { auditPageOut, planListOut, planOut } from '../schemas/plans-audit';
import { auditQuery, idParams } from '../schemas/query';
import { BODY, LIST, READ_ONE, SAVE } from './shared';

export const listPlansOp = defineOperation({
  id: 'listPlans',
  permission: 'plans:read',
  method: 'GET',
  path: '/plans',
  tag: 'Plans',
  summary: 'List plans',
  description: 'Every plan, with how many domains are on it (superadmin and admins).',
  response: { status: 200, description: 'The plans, by name.', schema: planListOut, schemaName: 'PlanList' },
  errors: [],
});

export const getPlanOp = defineOperation({
  id: 'getPlan',
  permission: 'plans:read',
  method: 'GET',
  path: '/plans/{id}',
  tag: 'Plans',
  summary: 'Read a plan',
  params: idParams,
  response: { status: 200, description: 'The plan.', schema: planOut, schemaName: 'Plan' },
  errors: READ_ONE,
});

export const listAuditOp = defineOperation({
  id: 'listAudit',
  permission: 'audit:read',
  method: 'GET',
  path: '/audit',
  tag: 'Audit log',
  summary: 'Read the audit log',
  description: 'Newest first: everything for the superadmin; for an admin, what happened in its domains and what it did.',
  query: auditQuery,
  response: { status: 200, description: 'One page of the audit log.', schema: auditPageOut, schemaName: 'AuditPage' },
  errors: LIST,
});

const me = 'Me';

export const getMeOp = defineOperation({
  id: 'getMe',
  permission: 'self:read',
  method: 'GET',
  path: '/me',
  tag: me,
  summary: 'Read my own settings',
  description: 'Who the token acts as, and its own settings.',
  response: { status: 200, description: 'The token owner’s settings.', schema: meOut, schemaName: 'Me' },
  errors: [],
});

export const updateMyLocalizationOp = defineOperation({
  id: 'updateMyLocalization',
  permission: 'self:update',
  method: 'PUT',
  path: '/me/localization',
  tag: me,
  summary: 'Change my panel language and time zone',
  body: ownLocalizationSchema,
  bodyName: 'OwnLocalization',
  response: { status: 200, description: 'Saved; the new version.', schema: versionOut, schemaName: 'Version' },
  errors: SAVE,
});

export const changeMyPasswordOp = defineOperation({
  id: 'changeMyPassword',
  permission: 'self:update',
  method: 'PUT',
  path: '/me/password',
  tag: me,
  summary: 'Change my password',
  description:
    'The current password is required, and wrong guesses count towards the sign-in throttle (429). Refused when password changes are disabled for the account, unless a change is due. Every panel session ends; API tokens stay valid. Allowed while a password change is pending.',
  body: changePasswordSchema(''),
  bodyName: 'ChangeOwnPassword',
  response: { status: 204, description: 'The password was changed.' },
  errors: ['refused', 'conflict', ...BODY],
  allowGate: 'changePassword',
});

export const updateMyWebmailOp = defineOperation({
  id: 'updateMyWebmail',
  permission: 'self:update',
  method: 'PUT',
  path: '/me/webmail',
  tag: me,
  summary: 'Change my webmail localization',
  description: 'Mailboxes only (404 for an admin’s token).',
  body: ownWebmailSchema,
  bodyName: 'OwnWebmail',
  response: { status: 200, description: 'Saved; the new version.', schema: versionOut, schemaName: 'Version' },
  errors: SAVE,
});

export const updateMyAutoresponderOp = defineOperation({
  id: 'updateMyAutoresponder',
  permission: 'self:update',
  method: 'PUT',
  path: '/me/autoresponder',
  tag: me,
  summary: 'Change my autoresponder',
  description: 'Mailboxes only (404 for an admin’s token). From / until are in the account’s time zone.',
  body: autoresponderSchema,
  response: { status: 200, description: 'Saved; the new version.', schema: versionOut, schemaName: 'Version' },
  errors: SAVE,
});

export const updateMyForwardsOp = defineOperation({
  id: 'updateMyForwards',
  permission: 'self:update',
  method: 'PUT',
  path: '/me/forwards',
  tag: me,
  summary: 'Change my forwards',
  description: 'Mailboxes only (404 for an admin’s token): up to 20 addresses, and whether to keep a copy.',
  body: ownForwardsSchema,
  bodyName: 'OwnForwards',
  response: { status: 200, description: 'Saved; the new version.', schema: versionOut, schemaName: 'Version' },
  errors: SAVE,
});

export const getOpenApiDocumentOp = defineOperation({
  id: 'getOpenApiDocument',
  method: 'GET',
  path: '/openapi.json',
  tag: 'Document',
  summary: 'This API’s OpenAPI 3.1 document',
  public: true,
  response: { status: 200, description: 'The document.', schema: z.record(z.string(), z.unknown()), schemaName: 'OpenApiDocument' },
  errors: [],
});

export const OTHER_OPERATIONS = [
  listPlansOp,
  getPlanOp,
  listAuditOp,
  getMeOp,
  updateMyLocalizationOp,
  changeMyPasswordOp,
  updateMyWebmailOp,
  updateMyAutoresponderOp,
  updateMyForwardsOp,
  getOpenApiDocumentOp,
];
