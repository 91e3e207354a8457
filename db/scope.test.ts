import { describe, expect, it } from 'vitest';
import type { Executor } from '@/db';
import { deleteAccountById, getAccountLifecycleRow, setAccountActiveIfVersion } from '@/db/queries/account-lifecycle';
import { deleteDomainById, getDomainRow, updateDomainIfVersion } from '@/db/queries/domains';
import { getMailboxSettingsRow, lockDomainForStorage, updateMailboxIfVersion } from '@/db/queries/mailbox-settings';
import type { DomainScope } from './scope';

// The writes by id accept only ids a scoped read returned. `npx tsc --noEmit` checks this file: each
// line marked as an expected error must be one (a bare id, or a scope that is plain SQL), or tsc fails.
// The functions are never called here; the integration tests run them against a database.

async function bareIdsAreRefused(ex: Executor, id: number) {
  // @ts-expect-error a bare id
  await updateDomainIfVersion({ ex, id, version: 1, values: {} });
  // @ts-expect-error a bare id
  await deleteDomainById({ ex, id });
  // @ts-expect-error a bare id
  await setAccountActiveIfVersion({ ex, id, version: 1, active: false });
  // @ts-expect-error a bare id
  await deleteAccountById({ ex, id: 7 });
  // @ts-expect-error a bare id
  await updateMailboxIfVersion({ ex, id, version: 1, values: {} });
  // @ts-expect-error a bare id
  await lockDomainForStorage({ ex, domainId: id });
}

async function otherKindsAreRefused(ex: Executor, scope: DomainScope) {
  const domain = await getDomainRow({ ex, scope, id: 1 });
  const account = await getAccountLifecycleRow({ ex, scope, id: 1 });
  if (!domain || !account) return;
  // @ts-expect-error a domain's id is no mailbox id
  await deleteAccountById({ ex, id: domain.domain.id });
  // @ts-expect-error a mailbox's id is no domain id
  await deleteDomainById({ ex, id: account.mailbox.id });
}

async function scopesAreNotPlainSql(ex: Executor) {
  const { sql } = await import('drizzle-orm');
  // @ts-expect-error a scope comes from lib/auth/scope.ts, not from any SQL
  await getDomainRow({ ex, scope: sql`true`, id: 1 });
}

async function scopedIdsAreAccepted(ex: Executor, scope: DomainScope) {
  const domain = await getDomainRow({ ex, scope, id: 1, forUpdate: true });
  if (domain) {
    await updateDomainIfVersion({ ex, id: domain.domain.id, version: domain.domain.version, values: {} });
    await lockDomainForStorage({ ex, domainId: domain.domain.id });
    await deleteDomainById({ ex, id: domain.domain.id });
  }
  const account = await getAccountLifecycleRow({ ex, scope, id: 1 });
  if (account) {
    await setAccountActiveIfVersion({ ex, id: account.mailbox.id, version: account.mailbox.version, active: true });
    await deleteAccountById({ ex, id: account.mailbox.id });
  }
  const settings = await getMailboxSettingsRow({ ex, scope, id: 1 });
  if (settings) {
    await updateMailboxIfVersion({ ex, id: settings.mailbox.id, version: settings.mailbox.version, values: {} });
    await lockDomainForStorage({ ex, domainId: settings.domain.id });
  }
}

describe('scoped writes', () => {
  it('are type-checked by tsc (this file), not run here', () => {
    expect([bareIdsAreRefused, otherKindsAreRefused, scopesAreNotPlainSql, scopedIdsAreAccepted].every((f) => typeof f === 'function')).toBe(true);
  });
});
