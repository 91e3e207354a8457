import fc from 'fast-check';
import { vi } from 'vitest';
import { deleteAccountAction, setAccountActiveAction } from '@/app/(panel)/accounts/actions';
import { createAccountAppPasswordAction, revokeAccountAppPasswordAction } from '@/app/(panel)/app-password-actions';
import {
  resetMailboxOtpAction,
  updateAutoresponderAction,
  updateGeneralAction,
  updateMasterDataAction,
  updateSecurityAction,
  updateWebmailAction,
} from '@/app/(panel)/mailbox-settings-actions';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { appPasswordOf } from './authz/rows/app-passwords';
import type { CallerName, World } from './authz/rows/types';
import { applyMutation, hostileValue, idChoice, mutation, resolveId, type IdChoice, type Mutation } from './authz/support/hostile';
import { hostileSuite, spec } from './authz/support/hostile-suite';
import { signInAs } from './authz/support/next-mocks';
import { principalOf, seedWorld } from './authz/support/world';
import { superadminCaller } from './helpers/callers';
import { useTestDatabase } from './helpers/db';

// Hostile input to an account's lifecycle (as domain A's admin) and to every settings section (as
// domain A's postmaster, whose admin allowed it everything), against an account of domain A; "other"
// ids name an account of domain B. Each action starts from a freshly seeded world. Runs on both drivers.

await vi.hoisted(() => import('./authz/support/mock-next-request'));

const t = useTestDatabase();
let world: World;

function freshWorldAs(caller: CallerName) {
  return async () => {
    world = await seedWorld(t.db());
    signInAs(principalOf(world, caller));
  };
}

type Section = 'masterData' | 'general' | 'security' | 'autoresponder' | 'webmail';

/** What the settings page would send for the section right now (the current version), with a few values set. */
async function sectionForm(section: Section): Promise<Record<string, unknown>> {
  const { initial } = await getMailboxSettings({ caller: superadminCaller(world.superadmin), id: world.accountA.id });
  const changes: Record<Section, Record<string, unknown>> = {
    masterData: { firstName: 'Fuzz', lastName: 'Target', phone: '+39 06 1234', recoveryEmail: 'owner@elsewhere.example', timeZone: 'Europe/Rome' },
    general: { forwards: 'one@elsewhere.example\ntwo@elsewhere.example', rejectAll: true, rejectMessage: 'Closed.', dailySendLimit: '1000' },
    security: { newPassword: 'Fuzzed password, 4711 bees', confirmPassword: 'Fuzzed password, 4711 bees', allowedIps: '192.0.2.1\n10.0.0.0/8', passwordExpiryMonths: 6 },
    autoresponder: { enabled: true, subject: 'Away', body: 'Back on Monday.', startsAt: '2030-01-01T08:00', endsAt: '2030-01-08T08:00' },
    webmail: { language: 'it', timeZone: 'Europe/Rome', dateFormat: 'dd/MM/yyyy', timeFormat: 'HH:mm', inAddressBook: false },
  };
  return { ...(initial[section] as Record<string, unknown>), ...changes[section] };
}

const SERVICES = ['pop', 'imap', 'smtp', 'webmail', 'activesync', 'dav', 'xmpp'].map((s) => `services.${s}`);
const PATHS: Record<Section, string[]> = {
  masterData: ['version', 'firstName', 'lastName', 'description', 'phone', 'mobile', 'company', 'department', 'jobTitle', 'language', 'timeZone', 'recoveryEmail'],
  general: ['version', 'quotaBytes', 'dailySendLimit', 'services', ...SERVICES, 'forwards', 'forwardKeepCopy', 'spamToInbox', 'rejectAll', 'rejectMessage'],
  security: [
    'version',
    'newPassword',
    'confirmPassword',
    'passwordExpiryMonths',
    'blockPasswordReuse',
    'passwordChangeDisabled',
    'passwordRecoveryDisabled',
    'forcePasswordChange',
    'otpRequired',
    'allowedIps',
    'apiAccess',
  ],
  autoresponder: ['version', 'enabled', 'subject', 'body', 'startsAt', 'endsAt'],
  webmail: ['version', 'language', 'timeZone', 'dateFormat', 'timeFormat', 'inAddressBook'],
};

const sections = [
  { name: 'updateMasterDataAction', section: 'masterData', action: updateMasterDataAction },
  { name: 'updateGeneralAction', section: 'general', action: updateGeneralAction },
  { name: 'updateSecurityAction', section: 'security', action: updateSecurityAction },
  { name: 'updateAutoresponderAction', section: 'autoresponder', action: updateAutoresponderAction },
  { name: 'updateWebmailAction', section: 'webmail', action: updateWebmailAction },
] as const;

let appPasswords = { own: 0, other: 0 };
async function issueAppPasswords(): Promise<void> {
  appPasswords = { own: await appPasswordOf(t.db(), world.accountA.id), other: await appPasswordOf(t.db(), world.accountB.id) };
}

let created = 0;
const target = (id: IdChoice) => resolveId(id, world.accountA.id, world.accountB.id) as number;

hostileSuite('accounts', () => t.db(), [
  spec({
    endpoint: 'app/(panel)/accounts/actions.ts#setAccountActiveAction',
    as: "domain A's admin",
    setUp: freshWorldAs('owningAdmin'),
    arbitrary: fc.record({ id: idChoice, active: fc.oneof({ weight: 3, arbitrary: fc.boolean() }, { weight: 1, arbitrary: hostileValue }) }),
    run: ({ id, active }) => setAccountActiveAction(target(id), active as boolean),
  }),
  spec({
    endpoint: 'app/(panel)/accounts/actions.ts#deleteAccountAction',
    as: "domain A's admin",
    setUp: freshWorldAs('owningAdmin'),
    arbitrary: fc.record({ id: idChoice, m: mutation(['confirmAddress']) }),
    run: ({ id, m }) => deleteAccountAction(target(id), applyMutation({ confirmAddress: world.accountA.address.toUpperCase() }, m)),
    // The account is gone: the next cases need it back.
    onSuccess: freshWorldAs('owningAdmin'),
  }),
  ...sections.map(({ name, section, action }) =>
    spec<{ id: IdChoice; m: Mutation }>({
      endpoint: `app/(panel)/mailbox-settings-actions.ts#${name}`,
      as: "domain A's postmaster",
      setUp: freshWorldAs('postmaster'),
      arbitrary: fc.record({ id: idChoice, m: mutation(PATHS[section]) }),
      run: async ({ id, m }) => action(target(id), applyMutation(await sectionForm(section), m)),
    }),
  ),
  spec({
    endpoint: 'app/(panel)/mailbox-settings-actions.ts#resetMailboxOtpAction',
    as: "domain A's postmaster",
    setUp: freshWorldAs('postmaster'),
    arbitrary: idChoice,
    run: (id) => resetMailboxOtpAction(target(id)),
  }),
  spec<{ id: IdChoice; m: Mutation }>({
    endpoint: 'app/(panel)/app-password-actions.ts#createAccountAppPasswordAction',
    as: "domain A's postmaster",
    setUp: freshWorldAs('postmaster'),
    arbitrary: fc.record({ id: idChoice, m: mutation(['name', 'protocol']) }),
    run: ({ id, m }) => createAccountAppPasswordAction(target(id), applyMutation({ name: `Phone ${++created}`, protocol: 'imap' }, m)),
    // Room for the next ones (an account has a few at most).
    onSuccess: freshWorldAs('postmaster'),
  }),
  spec({
    endpoint: 'app/(panel)/app-password-actions.ts#revokeAccountAppPasswordAction',
    as: "domain A's postmaster",
    setUp: async () => {
      await freshWorldAs('postmaster')();
      await issueAppPasswords();
    },
    arbitrary: fc.record({ mailbox: idChoice, id: idChoice }),
    run: ({ mailbox, id }) => revokeAccountAppPasswordAction(target(mailbox), resolveId(id, appPasswords.own, appPasswords.other) as number),
    // Revoked: the next cases get another one.
    onSuccess: async () => {
      appPasswords.own = await appPasswordOf(t.db(), world.accountA.id);
    },
  }),
]);
