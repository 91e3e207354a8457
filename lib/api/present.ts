import type { z } from 'zod';
import type { getDomain } from '@/lib/domains/get-domain';
import type { listDomains } from '@/lib/domains/list-domains';
import { displayDomain } from '@/lib/domains/display-name';
import { domainSettingsOf } from '@/lib/domains/domain-settings';
import type { Caller } from '@/lib/auth/caller';
import { serviceFlags, USER_DETAIL_FIELDS } from '@/lib/mail/services';
import type { MailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import type { PlanWithUsage } from '@/lib/plans/read-plans';
import type { OwnAdminSettings, OwnMailboxSettings } from '@/lib/self-service/own-settings';
import type { Wire } from './handler';
import type { domainOut, domainRowOut } from './schemas/domains';
import type { mailboxOut } from './schemas/mailboxes';
import type { meOut } from './schemas/me';
import type { planOut } from './schemas/plans-audit';

// What the data-access functions return, in the shape of the API's response schemas. Nothing is
// decided here: only renamed, nested, or a list given as an array instead of the form's lines.

type Out<S extends z.ZodType> = Wire<z.input<S>>;

function lines(value: string | string[]): string[] {
  return (Array.isArray(value) ? value : value.split('\n')).filter((entry) => entry !== '');
}

type DomainListRow = Awaited<ReturnType<typeof listDomains>>['rows'][number];

export function presentDomainRow(row: DomainListRow): Out<typeof domainRowOut> {
  return {
    id: row.id,
    name: row.name,
    displayName: displayDomain(row.name),
    active: row.active,
    planName: row.planName,
    ownerEmail: row.ownerEmail,
    accounts: row.accounts,
    maxAccounts: row.maxAccounts,
    allocatedBytes: row.allocated,
    domainStorageBytes: row.domainStorageBytes,
    dnsStatus: row.dnsStatus,
    dnsCheckedAt: row.dnsCheckedAt,
  };
}

export function presentDomain({ domain, plan, ownerEmail, accounts, allocated, dnsCheck }: Awaited<ReturnType<typeof getDomain>>): Out<typeof domainOut> {
  return {
    id: domain.id,
    name: domain.name,
    displayName: displayDomain(domain.name),
    active: domain.active,
    version: domain.version,
    plan: { id: plan.id, name: plan.name },
    ownerEmail,
    ...domainSettingsOf(domain),
    accounts,
    maxAccounts: plan.maxAccounts,
    allocatedBytes: allocated,
    domainStorageBytes: plan.domainStorageBytes,
    createdAt: domain.createdAt,
    updatedAt: domain.updatedAt,
    dnsCheck: dnsCheck && { status: dnsCheck.status, checkedAt: dnsCheck.checkedAt, records: dnsCheck.results },
  };
}

export function presentMailbox({ mailbox, domain, plan, options, initial }: MailboxSettings): Out<typeof mailboxOut> {
  const { version: _m, ...masterData } = initial.masterData;
  const { version: _g, ...general } = initial.general;
  const { version: _s, newPassword: _n, confirmPassword: _c, ...security } = initial.security;
  const { version: _a, ...autoresponder } = initial.autoresponder;
  const { version: _w, ...webmail } = initial.webmail;
  const details = Object.fromEntries(USER_DETAIL_FIELDS.filter((field) => masterData[field] !== undefined).map((field) => [field, masterData[field]]));
  return {
    id: mailbox.id,
    address: mailbox.address,
    isPostmaster: mailbox.isPostmaster,
    active: mailbox.active,
    version: mailbox.version,
    quotaBytes: mailbox.quotaBytes,
    usedBytes: mailbox.usedBytes,
    otpEnrolled: mailbox.otpEnrolled,
    passwordChangedAt: mailbox.passwordChangedAt,
    domain,
    plan,
    limits: {
      userDetailFields: options.userDetailFields,
      canChangeStorage: options.canChangeStorage,
      canChangeSendLimit: options.canChangeSendLimit,
      storageOptionsBytes: options.storage.filter((option) => !option.disabled).map((option) => option.bytes),
      freeBytes: options.freeBytes,
      defaultDailySendLimit: options.defaultDailySendLimit,
      maxDailySendLimit: options.maxDailySendLimit,
      services: options.services,
      allowSpamToInbox: options.allowSpamToInbox,
      maxMessageBytes: options.maxMessageBytes,
    },
    sections: {
      masterData: {
        firstName: masterData.firstName,
        lastName: masterData.lastName,
        description: masterData.description,
        ...details,
        language: masterData.language,
        timeZone: masterData.timeZone,
        recoveryEmail: masterData.recoveryEmail ?? '',
      },
      general: {
        quotaBytes: Number(general.quotaBytes),
        dailySendLimit: Number(general.dailySendLimit),
        services: general.services,
        forwards: lines(general.forwards),
        forwardKeepCopy: general.forwardKeepCopy,
        spamToInbox: general.spamToInbox,
        rejectAll: general.rejectAll,
        rejectMessage: general.rejectMessage,
      },
      security: {
        ...security,
        passwordExpiryMonths: Number(security.passwordExpiryMonths),
        allowedIps: lines(security.allowedIps),
      },
      autoresponder,
      webmail,
    },
  };
}

export function presentPlan(plan: PlanWithUsage): Out<typeof planOut> {
  return {
    id: plan.id,
    name: plan.name,
    services: serviceFlags(plan),
    storageOptionsBytes: plan.storageOptionsBytes,
    domainStorageBytes: plan.domainStorageBytes,
    maxAccounts: plan.maxAccounts,
    defaultDailySendLimit: plan.defaultDailySendLimit,
    maxDailySendLimit: plan.maxDailySendLimit,
    allowSpamToInbox: plan.allowSpamToInbox,
    maxMessageBytes: plan.maxMessageBytes,
    userDetailFields: plan.userDetailFields,
    domainCount: plan.domainCount,
    version: plan.version,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}

export function presentMe(caller: Caller, own: OwnMailboxSettings | OwnAdminSettings): Out<typeof meOut> {
  const base = {
    kind: own.kind,
    role: caller.role,
    address: own.address,
    version: own.version,
    localization: { language: own.initial.localization.language, timeZone: own.initial.localization.timeZone },
  };
  if (own.kind === 'admin') return base;
  const { version: _w, ...webmail } = own.initial.webmail;
  const { version: _a, ...autoresponder } = own.initial.autoresponder;
  return {
    ...base,
    webmail,
    autoresponder,
    forwards: { forwards: lines(own.initial.forwards.forwards), forwardKeepCopy: own.initial.forwards.forwardKeepCopy },
    passwordChangeDisabled: own.passwordChangeDisabled,
    otpEnabled: own.otpEnabled,
  };
}
