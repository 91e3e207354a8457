import { z } from 'zod';
import { changePasswordSchema, webmailPasswordSchema } from '@/lib/validations/security';
import { autoresponderSchema, ownForwardsSchema, ownLocalizationSchema, ownWebmailSchema } from '@/lib/validations/mailbox-settings';
import { defineOperation } from '../operation';
import { meOut } from '../schemas/me';
import { auditPageOut, planListOut, planOut } from '../schemas/plans-audit';
import { auditQuery } from '../schemas/query';
import { listOp, readOneOp, saveSectionOp } from './shapes';
import { BODY } from './shared';

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

export const getPlanOp = readOneOp({
  id: 'getPlan',
  permission: 'plans:read',
  path: '/plans/{id}',
  tag: 'Plans',
  summary: 'Read a plan',
  response: { description: 'The plan.', schema: planOut, schemaName: 'Plan' },
});

export const listAuditOp = listOp({
  id: 'listAudit',
  permission: 'audit:read',
  path: '/audit',
  tag: 'Audit log',
  summary: 'Read the audit log',
  description: 'Newest first: everything for the superadmin; for an admin, what happened in its domains and what it did.',
  query: auditQuery,
  response: { description: 'One page of the audit log.', schema: auditPageOut, schemaName: 'AuditPage' },
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

// The sections an account saves for itself: PUT /me/<section>, named updateMy<Section>.
function mySection<B extends z.ZodType>(name: string, body: B, summary: string, extra: { bodyName?: string; description?: string }) {
  return saveSectionOp({ id: `updateMy${name}`, permission: 'self:update', path: `/me/${name.toLowerCase()}`, tag: me, summary, body, ...extra });
}

export const updateMyLocalizationOp = mySection('Localization', ownLocalizationSchema, 'Change my panel language and time zone', { bodyName: 'OwnLocalization' });

export const changeMyPasswordOp = defineOperation({
  id: 'changeMyPassword',
  permission: 'self:update',
  method: 'PUT',
  path: '/me/password',
  tag: me,
  summary: 'Change my password',
  description:
    'The current password is required, and wrong guesses count towards the sign-in throttle (429). Refused when password changes are disabled for the account, unless a change is due. Every panel session and every API token of the account ends, the one making this request included (a password change revokes whatever was granted under the old one): create a new token in the panel. Allowed while a password change is pending.',
  body: changePasswordSchema(''),
  bodyName: 'ChangeOwnPassword',
  response: { status: 204, description: 'The password was changed.' },
  errors: ['refused', 'conflict', ...BODY],
  allowGate: 'changePassword',
});

export const changeWebmailPasswordOp = defineOperation({
  id: 'changeWebmailPassword',
  permission: 'self:update',
  authentication: 'accountPassword',
  method: 'POST',
  path: '/webmail/password',
  tag: me,
  summary: 'Change a mailbox password from the webmail',
  description:
    'What Roundcube’s password plugin calls (mail/roundcube/plugins/mailpanel): no token; the mailbox signs with its address and current password in the body, from an allowed address, with Webmail on (403 otherwise). Wrong passwords count towards the sign-in throttle (429). The new password goes through the same rules as Change my password (policy, reuse block, disabled changes), refused with the reason in the account’s language; on success every panel session of the account ends and its mail clients are disconnected. The person’s address is taken from X-Forwarded-For only when the webmail host is one of TRUSTED_PROXIES.',
  body: webmailPasswordSchema,
  bodyName: 'WebmailPasswordChange',
  response: { status: 204, description: 'The password was changed.' },
  errors: ['unauthorized', 'refused', 'conflict', ...BODY],
  allowGate: 'changePassword',
});

export const updateMyWebmailOp = mySection('Webmail', ownWebmailSchema, 'Change my webmail localization', {
  bodyName: 'OwnWebmail',
  description: 'Mailboxes only (404 for an admin’s token).',
});

export const updateMyAutoresponderOp = mySection('Autoresponder', autoresponderSchema, 'Change my autoresponder', {
  description: 'Mailboxes only (404 for an admin’s token). From / until are in the account’s time zone.',
});

export const updateMyForwardsOp = mySection('Forwards', ownForwardsSchema, 'Change my forwards', {
  bodyName: 'OwnForwards',
  description: 'Mailboxes only (404 for an admin’s token): up to 20 addresses, and whether to keep a copy.',
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
  changeWebmailPasswordOp,
  updateMyWebmailOp,
  updateMyAutoresponderOp,
  updateMyForwardsOp,
  getOpenApiDocumentOp,
];
