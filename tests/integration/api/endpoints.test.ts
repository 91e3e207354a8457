import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { domainToASCII } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, domainDnsChecks, domains, mailboxes } from '@/db/schema';
import { API_OPERATIONS, openApiDocument } from '@/lib/api/registry';
import { verifyPassword } from '@/lib/auth/password';
import { translate } from '@/lib/i18n/translate';
import { useTestDatabase } from '../helpers/db';
import { call, exercised, type Json } from './helpers/client';
import { routeExports, routeFiles, ROOT } from './helpers/routes';
import { apiWorld, PASSWORD, type ApiWorld } from './helpers/world';

// Every endpoint of /api/v1 called through its route handler, every answer validated against the
// OpenAPI document (tests/integration/api/helpers/contract.ts), and at the end: every registered
// operation was exercised with its success status, and every route file's handler is registered.

const net = vi.hoisted(() => ({ ip: '192.0.2.1' as string | null }));
vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => net.ip }));

/**
 * An operation whose success this file does not exercise must be exercised (through ./helpers/client's
 * `call`, which validates against the document) by another file here that names its operationId, e.g.
 * the bulk import/export endpoints' own tests.
 */
function exercisedElsewhere(operationId: string): string | undefined {
  const dir = path.join(ROOT, 'tests/integration/api');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.test.ts') && name !== path.basename(__filename))
    .find((name) => readFileSync(path.join(dir, name), 'utf8').includes(operationId));
}

const t = useTestDatabase();
let w: ApiWorld;

beforeAll(async () => {
  w = await apiWorld(t.db());
});

async function mailboxRow(id: number) {
  const [row] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, id));
  return row!;
}

async function auditActions(targetType: 'domain' | 'mailbox', targetId: number): Promise<string[]> {
  const rows = await t
    .db()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, String(targetId))));
  return rows.map((row) => row.action);
}

describe('the OpenAPI document', () => {
  it('is served without a token, is OpenAPI 3.1, and names every registered operation once', async () => {
    const answer = await call('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    const ids = Object.values(answer.body.paths as Record<string, Record<string, { operationId: string }>>).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(ids.sort()).toEqual(API_OPERATIONS.map((op) => op.id).sort());
  });

  it('takes request bodies from the forms’ own schemas (input side) and refuses unknown response fields', () => {
    const schemas = openApiDocument().components.schemas as Record<string, Json>;
    // The General section: forwards may be the form's lines or an array; the response side is strict.
    expect(schemas.GeneralSection.properties.forwards.anyOf).toEqual([{ type: 'string' }, { type: 'array', items: { type: 'string' } }]);
    expect(schemas.CreateAccount.required).toEqual(['account', 'services', 'security', 'options']);
    expect(schemas.Account.additionalProperties).toBe(false);
  });
});

describe('domains', () => {
  let created: { id: number; name: string };

  it('lists, with pagination, search and sort', async () => {
    const all = await call('GET', '/domains', { token: w.tokens.superadmin, query: { sort: 'name', dir: 'desc', pageSize: 1 } });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    expect(all.body.rows).toHaveLength(1);
    const own = await call('GET', '/domains', { token: w.tokens.admin, query: { q: w.domain.name.slice(0, 8) } });
    expect(own.body.rows.map((row: { id: number }) => row.id)).toEqual([w.domain.id]);
    const bad = await call('GET', '/domains', { token: w.tokens.admin, query: { pageSize: 1000, sort: 'nonsense' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['pageSize', 'sort']);
  });

  it('adds a domain with its postmaster, whose password is shown once and works', async () => {
    const answer = await call('POST', '/domains', { token: w.tokens.admin, body: { name: 'Bücher-API.example', planId: w.plan.id } });
    expect(answer.status).toBe(201);
    expect(answer.body.name).toBe(domainToASCII('bücher-api.example'));
    expect(answer.headers.get('location')).toBe(`/api/v1/domains/${answer.body.id}`);
    created = { id: answer.body.id, name: answer.body.name };
    const [postmaster] = await t.db().select().from(mailboxes).where(eq(mailboxes.address, answer.body.postmaster));
    expect(await verifyPassword(answer.body.postmasterPassword, postmaster!.passwordHash)).toBe(true);
    expect(await auditActions('domain', created.id)).toEqual(['domain.create']);
  });

  it('refuses an admin naming another admin as owner (403, saying why), and adds nothing', async () => {
    const answer = await call('POST', '/domains', { token: w.tokens.admin, body: { name: 'not-mine-api.example', planId: w.plan.id, adminId: w.otherAdmin.id } });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ status: 403, detail: translate('en', 'domains.errors.ownerSuperadminOnly') });
    expect(await t.db().select().from(domains).where(eq(domains.name, 'not-mine-api.example'))).toEqual([]);
  });

  it('reads it, changes its settings with the version, and refuses a stale version with 409', async () => {
    const read = await call('GET', `/domains/${created.id}`, { token: w.tokens.admin });
    expect(read.status).toBe(200);
    expect(read.body.displayName).toBe('bücher-api.example');
    const settings = {
      version: read.body.version,
      services: { ...read.body.services, xmpp: false },
      defaultStorageBytes: w.plan.storageOptionsBytes[0],
      pmCanCreate: true,
      pmCanDelete: true,
      pmCanToggle: true,
      pmCanChangeLimits: false,
    };
    const saved = await call('PUT', `/domains/${created.id}/settings`, { token: w.tokens.admin, body: settings });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(read.body.version + 1);
    const stale = await call('PUT', `/domains/${created.id}/settings`, { token: w.tokens.admin, body: settings });
    expect(stale.status).toBe(409);
  });

  it('carries the last DNS check: null before any, then its outcome in the domain and the list (issue 18)', async () => {
    expect((await call('GET', `/domains/${created.id}`, { token: w.tokens.admin })).body.dnsCheck).toBeNull();
    const checkedAt = new Date('2026-12-07T06:00:00Z');
    const results = [{ kind: 'mx', name: created.name, type: 'MX', status: 'missing', found: [] }];
    await t.db().insert(domainDnsChecks).values({ domainId: created.id, status: 'problems', results, checkedAt });
    const read = await call('GET', `/domains/${created.id}`, { token: w.tokens.admin });
    expect(read.body.dnsCheck).toEqual({ status: 'problems', checkedAt: checkedAt.toISOString(), records: results });
    const list = await call('GET', '/domains', { token: w.tokens.admin, query: { q: created.name } });
    expect(list.body.rows[0]).toMatchObject({ id: created.id, dnsStatus: 'problems', dnsCheckedAt: checkedAt.toISOString() });
  });

  it('deactivates and reactivates it', async () => {
    const off = await call('POST', `/domains/${created.id}/deactivate`, { token: w.tokens.admin });
    expect(off.body).toEqual({ active: false });
    const on = await call('POST', `/domains/${created.id}/reactivate`, { token: w.tokens.admin });
    expect(on.body).toEqual({ active: true });
    expect(await auditActions('domain', created.id)).toEqual(expect.arrayContaining(['domain.deactivate', 'domain.reactivate']));
  });

  it('deletes it only with its name typed', async () => {
    const wrong = await call('DELETE', `/domains/${created.id}`, { token: w.tokens.admin, query: { confirmName: 'other.example' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ field: 'confirmName', code: 'domains.errors.confirmMismatch', detail: expect.any(String) }]);
    const gone = await call('DELETE', `/domains/${created.id}`, { token: w.tokens.admin, query: { confirmName: 'bücher-api.example' } });
    expect(gone.status).toBe(204);
    expect(await t.db().select().from(domains).where(eq(domains.id, created.id))).toEqual([]);
  });
});

describe('accounts', () => {
  let accountId: number;

  it('creates an account with every wizard field, the password generated and shown once', async () => {
    const body = {
      account: { firstName: 'Anna', lastName: 'Rossi', description: '', localPart: 'Anna.Rossi', passwordMode: 'generate' },
      services: { quotaBytes: w.plan.storageOptionsBytes[0], services: { pop: false, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false } },
      security: {
        forcePasswordChange: true,
        passwordExpiryMonths: 6,
        blockPasswordReuse: true,
        passwordChangeDisabled: false,
        passwordRecoveryDisabled: true,
        otpRequired: false,
        allowedIps: ['192.0.2.0/24', '2001:db8::1'],
        apiAccess: true,
      },
      options: { forwards: ['copy@example.org'], forwardKeepCopy: false, spamToInbox: false },
    };
    const answer = await call('POST', `/domains/${w.domain.id}/accounts`, { token: w.tokens.postmaster, body });
    expect(answer.status).toBe(201);
    expect(answer.body.address).toBe(`anna.rossi@${w.domain.name}`);
    accountId = answer.body.id;
    const row = await mailboxRow(accountId);
    expect(await verifyPassword(answer.body.generatedPassword, row.passwordHash)).toBe(true);
    expect(row).toMatchObject({ pop: false, imap: true, passwordExpiryMonths: 6, blockPasswordReuse: true, passwordRecoveryDisabled: true, apiAccess: true, forwards: ['copy@example.org'], forwardKeepCopy: false });
    expect(row.allowedIps).toHaveLength(2);
    expect(await auditActions('mailbox', accountId)).toEqual(['account.create']);
  });

  it('creates one with a typed password (no confirmation needed) and refuses a taken address per field', async () => {
    const body = (localPart: string) => ({
      account: { firstName: '', lastName: '', description: 'Info desk', localPart, passwordMode: 'set', password: 'a long enough password 42' },
      services: { quotaBytes: w.plan.storageOptionsBytes[0], services: { pop: true, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false } },
      security: { forcePasswordChange: false, passwordExpiryMonths: 0, blockPasswordReuse: false, passwordChangeDisabled: false, passwordRecoveryDisabled: false, otpRequired: false, allowedIps: '', apiAccess: false },
      options: { forwards: '', forwardKeepCopy: true, spamToInbox: false },
    });
    const ok = await call('POST', `/domains/${w.domain.id}/accounts`, { token: w.tokens.admin, body: body('info') });
    expect(ok.status).toBe(201);
    expect(ok.body.generatedPassword).toBeUndefined();
    expect(await verifyPassword('a long enough password 42', (await mailboxRow(ok.body.id)).passwordHash)).toBe(true);
    const taken = await call('POST', `/domains/${w.domain.id}/accounts`, { token: w.tokens.admin, body: body('info') });
    expect(taken.status).toBe(422);
    expect(taken.body.errors).toEqual([{ field: 'account.localPart', code: 'wizard.errors.addressTaken', detail: expect.stringContaining('info@') }]);
  });

  it('lists them per domain and across domains', async () => {
    const perDomain = await call('GET', `/domains/${w.domain.id}/accounts`, { token: w.tokens.admin, query: { q: 'anna', sort: 'storage', dir: 'desc' } });
    expect(perDomain.status).toBe(200);
    expect(perDomain.body.rows.map((row: { id: number }) => row.id)).toEqual([accountId]);
    const all = await call('GET', '/accounts', { token: w.tokens.superadmin, query: { pageSize: 100 } });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(all.body.rows.length);
    expect(all.body.rows.map((row: { domainId: number }) => row.domainId)).toEqual(expect.arrayContaining([w.domain.id, w.otherDomain.id]));
  });

  it('reads an account and saves each section back as read, each save audited', async () => {
    const read = await call('GET', `/accounts/${accountId}`, { token: w.tokens.admin });
    expect(read.status).toBe(200);
    expect(read.body.sections.security.allowedIps).toEqual(['192.0.2.0/24', '2001:db8::1']);
    let version = read.body.version;
    const sections = read.body.sections;
    const bodies: Record<string, unknown> = {
      'master-data': { ...sections.masterData, firstName: 'Annalisa' },
      general: { ...sections.general, forwards: [...sections.general.forwards, 'second@example.org'] },
      security: { ...sections.security, otpRequired: true },
      autoresponder: { enabled: true, subject: 'Away', body: 'Back on Monday.', startsAt: '2030-01-01T09:00', endsAt: '2030-01-08T09:00' },
      webmail: { ...sections.webmail, dateFormat: 'dd/MM/yyyy' },
    };
    for (const [section, body] of Object.entries(bodies)) {
      const saved = await call('PUT', `/accounts/${accountId}/${section}`, { token: w.tokens.admin, body: { ...(body as object), version } });
      expect(saved.status, section).toBe(200);
      expect(saved.body.version).toBe(version + 1);
      version = saved.body.version;
    }
    const after = await call('GET', `/accounts/${accountId}`, { token: w.tokens.admin });
    expect(after.body.sections.masterData.firstName).toBe('Annalisa');
    expect(after.body.sections.general.forwards).toEqual(['copy@example.org', 'second@example.org']);
    expect(after.body.sections.autoresponder).toMatchObject({ enabled: true, startsAt: '2030-01-01T09:00' });
    expect(await auditActions('mailbox', accountId)).toEqual(
      expect.arrayContaining(['mailbox.update.masterData', 'mailbox.update.general', 'mailbox.update.security', 'mailbox.update.autoresponder', 'mailbox.update.webmail']),
    );
  });

  it('deactivates (then refuses changes), reactivates, and deletes only with the address typed', async () => {
    const off = await call('POST', `/accounts/${accountId}/deactivate`, { token: w.tokens.postmaster });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const refused = await call('PUT', `/accounts/${accountId}/webmail`, {
      token: w.tokens.admin,
      body: { version: off.body.version, language: 'en', timeZone: 'UTC', dateFormat: 'yyyy-MM-dd', timeFormat: 'HH:mm', inAddressBook: true },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe(translate('en', 'mailboxSettings.errors.inactive'));
    const on = await call('POST', `/accounts/${accountId}/reactivate`, { token: w.tokens.postmaster });
    expect(on.body.active).toBe(true);
    const wrong = await call('DELETE', `/accounts/${accountId}`, { token: w.tokens.postmaster, query: { confirmAddress: 'someone@else.example' } });
    expect(wrong.status).toBe(422);
    const gone = await call('DELETE', `/accounts/${accountId}`, { token: w.tokens.postmaster, query: { confirmAddress: `anna.rossi@${w.domain.name}` } });
    expect(gone.status).toBe(204);
    expect(await t.db().select().from(mailboxes).where(eq(mailboxes.id, accountId))).toEqual([]);
  });
});

describe('postmasters', () => {
  it('lists them, reads one and saves each of its sections', async () => {
    const list = await call('GET', '/postmasters', { token: w.tokens.admin });
    expect(list.status).toBe(200);
    const ids = list.body.rows.map((row: { id: number }) => row.id);
    expect(ids).toContain(w.postmaster.id);
    expect(ids).not.toContain(w.otherPostmaster.id);
    const read = await call('GET', `/postmasters/${w.postmaster.id}`, { token: w.tokens.admin });
    expect(read.status).toBe(200);
    expect(read.body.isPostmaster).toBe(true);
    let version = read.body.version;
    const s = read.body.sections;
    const bodies: Record<string, unknown> = {
      'master-data': { ...s.masterData, lastName: 'Master' },
      general: { ...s.general, dailySendLimit: 100 },
      security: { ...s.security, passwordExpiryMonths: 12 },
      autoresponder: { ...s.autoresponder },
      webmail: { ...s.webmail, inAddressBook: false },
    };
    for (const [section, body] of Object.entries(bodies)) {
      const saved = await call('PUT', `/postmasters/${w.postmaster.id}/${section}`, { token: w.tokens.admin, body: { ...(body as object), version } });
      expect(saved.status, section).toBe(200);
      version = saved.body.version;
    }
    expect(await mailboxRow(w.postmaster.id)).toMatchObject({ lastName: 'Master', dailySendLimit: 100, passwordExpiryMonths: 12, inAddressBook: false });
  });

  it('keeps accounts and postmasters apart: each is not found under the other', async () => {
    expect((await call('GET', `/accounts/${w.postmaster.id}`, { token: w.tokens.admin })).status).toBe(404);
    expect((await call('GET', `/postmasters/${w.mailbox.id}`, { token: w.tokens.admin })).status).toBe(404);
    const before = await mailboxRow(w.mailbox.id);
    const put = await call('PUT', `/postmasters/${w.mailbox.id}/webmail`, {
      token: w.tokens.admin,
      body: { version: before.version, language: 'it', timeZone: 'UTC', dateFormat: 'yyyy-MM-dd', timeFormat: 'HH:mm', inAddressBook: true },
    });
    expect(put.status).toBe(404);
    expect((await mailboxRow(w.mailbox.id)).version).toBe(before.version);
  });
});

describe('plans and the audit log', () => {
  it('reads the plans', async () => {
    const list = await call('GET', '/plans', { token: w.tokens.admin });
    expect(list.status).toBe(200);
    expect(list.body.rows.map((p: { id: number }) => p.id)).toContain(w.plan.id);
    const one = await call('GET', `/plans/${w.plan.id}`, { token: w.tokens.admin });
    expect(one.body).toMatchObject({ id: w.plan.id, name: w.plan.name, storageOptionsBytes: w.plan.storageOptionsBytes });
    expect((await call('GET', '/plans/999999', { token: w.tokens.admin })).status).toBe(404);
  });

  it('reads the audit log, with what the API did and from where', async () => {
    const answer = await call('GET', '/audit', { token: w.tokens.admin, query: { actor: w.postmaster.address, pageSize: 100 } });
    expect(answer.status).toBe(200);
    const actions = answer.body.rows.map((row: { action: string }) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['account.create', 'account.deactivate', 'account.delete']));
    expect(answer.body.rows.every((row: { ip: string | null }) => row.ip === '192.0.2.1')).toBe(true);
  });
});

describe('/me', () => {
  it('reads the owner’s own settings, for a mailbox and for an admin', async () => {
    const user = await call('GET', '/me', { token: w.tokens.user });
    expect(user.body).toMatchObject({ kind: 'mailbox', role: 'user', address: w.mailbox.address });
    const admin = await call('GET', '/me', { token: w.tokens.admin });
    expect(admin.body).toEqual({ kind: 'admin', role: 'admin', address: w.admin.email, version: expect.any(Number), localization: { language: 'en', timeZone: 'UTC' } });
  });

  it('changes the own localization, webmail, autoresponder and forwards, each version-checked', async () => {
    let version = (await call('GET', '/me', { token: w.tokens.user })).body.version;
    const saves: [string, object][] = [
      ['/me/localization', { language: 'it', timeZone: 'Europe/Rome' }],
      ['/me/webmail', { language: 'it', timeZone: 'Europe/Rome', dateFormat: 'dd.MM.yyyy', timeFormat: 'HH:mm' }],
      ['/me/autoresponder', { enabled: true, subject: 'Ferie', body: 'Torno lunedì.', startsAt: '', endsAt: '' }],
      ['/me/forwards', { forwards: ['anna@example.org'], forwardKeepCopy: true }],
    ];
    for (const [path, body] of saves) {
      const saved = await call('PUT', path, { token: w.tokens.user, body: { ...body, version } });
      expect(saved.status, path).toBe(200);
      version = saved.body.version;
    }
    const stale = await call('PUT', '/me/forwards', { token: w.tokens.user, body: { forwards: [], forwardKeepCopy: true, version: version - 1 } });
    expect(stale.status).toBe(409);
    const self = await call('PUT', '/me/forwards', { token: w.tokens.user, body: { forwards: [w.mailbox.address], forwardKeepCopy: true, version } });
    expect(self.status).toBe(422);
    // The owner now speaks Italian: so do its errors.
    expect(self.body.title).toBe('Dati non validi');
    expect(self.body.errors[0]).toMatchObject({ field: 'forwards', code: 'mailboxSettings.errors.forwardSelf' });
    expect(await mailboxRow(w.mailbox.id)).toMatchObject({ language: 'it', timeZone: 'Europe/Rome', forwards: ['anna@example.org'] });
    const admin = await call('PUT', '/me/forwards', { token: w.tokens.admin, body: { forwards: [], forwardKeepCopy: true, version: 1 } });
    expect(admin.status).toBe(404);
  });

  it('changes the own password with the current one; a wrong one is a field error', async () => {
    const wrong = await call('PUT', '/me/password', { token: w.tokens.user, body: { currentPassword: 'not it', newPassword: 'a brand new passphrase 7', confirmPassword: 'a brand new passphrase 7' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'currentPassword', code: 'security.password.currentWrong' });
    const changed = await call('PUT', '/me/password', { token: w.tokens.user, body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase 7', confirmPassword: 'a brand new passphrase 7' } });
    expect(changed.status).toBe(204);
    expect(await verifyPassword('a brand new passphrase 7', (await mailboxRow(w.mailbox.id)).passwordHash)).toBe(true);
    // A new password ends every token of the account, the one that changed it too (issue 22).
    expect((await call('GET', '/me', { token: w.tokens.user })).status).toBe(401);
    const audit = await t.db().select().from(auditLog).where(and(eq(auditLog.action, 'mailbox.password.changeOwn'), eq(auditLog.targetId, String(w.mailbox.id))));
    expect(audit).toHaveLength(1);
  });
});

describe('the registry', () => {
  it('has an operation for every route file’s handler, and a handler for every operation', async () => {
    const served = new Set<string>();
    for (const { file, template } of routeFiles()) {
      for (const { method, handler } of await routeExports(file)) {
        expect(handler.operation, `${file}#${method} does not go through apiRoute`).toBeDefined();
        expect([handler.operation.method, handler.operation.path], file).toEqual([method, template]);
        expect(API_OPERATIONS, `${file}#${method}: ${handler.operation.id} is not in lib/api/registry.ts`).toContain(handler.operation);
        served.add(handler.operation.id);
      }
    }
    expect([...served].sort()).toEqual(API_OPERATIONS.map((op) => op.id).sort());
  });

  it('saw every registered operation answer its documented success (this file, or the file named for it)', () => {
    for (const operation of API_OPERATIONS) {
      const seen = [...(exercised.get(operation.id) ?? [])];
      if (seen.includes(operation.response.status)) continue;
      expect(exercisedElsewhere(operation.id), `${operation.id} (${operation.method} ${operation.path}): its success was not exercised`).toBeDefined();
    }
  });
});
