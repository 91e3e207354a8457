import 'server-only';
import { getDb } from '@/db';
import type { DraftRow } from '@/db/queries/account-drafts';
import type { Caller } from '@/lib/auth/caller';
import { displayDomain } from '@/lib/domains/display-name';
import { SERVICES, type Service } from '@/lib/mail/services';
import {
  optionsStepSchema,
  SECURITY_STEP_DEFAULTS,
  securityStepSchema,
  servicesStepSchema,
  WIZARD_STEPS,
  type AccountStepInput,
  type OptionsStepInput,
  type SecurityStepInput,
  type ServicesStepInput,
  type WizardSection,
  type WizardStep,
} from '@/lib/validations/account-wizard';
import { creationRefusal, freeBytes, loadOwnDraft, loadWizardDomain, type WizardDomain } from './access';
import { draftAccount } from './steps';

/** What the step forms offer, from the plan, the domain's settings and what the domain has left. */
export type WizardOptions = {
  /** The plan's storage options; those beyond the domain's remaining storage cannot be picked. */
  storage: { bytes: number; disabled: boolean }[];
  freeBytes: number;
  domainStorageBytes: number;
  /** Services that can be switched on: enabled for the domain and allowed by the plan. */
  services: Record<Service, boolean>;
  defaultDailySendLimit: number;
  allowSpamToInbox: boolean;
  accounts: number;
  maxAccounts: number;
};

/** The form values of every step: what the draft holds, else the defaults. */
export type WizardDefaults = {
  account: AccountStepInput;
  services: ServicesStepInput;
  security: SecurityStepInput;
  options: OptionsStepInput;
};

export type WizardDraftState =
  | { state: 'expired' }
  | {
      state: 'open';
      id: string;
      /** The furthest step that may be opened: every step before it is saved. */
      reached: WizardStep;
      saved: Record<WizardSection, boolean>;
      /** Step 1 saved a password (its hash); step 1's fields may then be left empty to keep it. */
      passwordSet: boolean;
      passwordGenerated: boolean;
      /** The address as step 1 saved it (ASCII), for step 4's summary. */
      address: string | null;
    };

export type Wizard = {
  domain: { id: number; name: string; displayName: string };
  /** Why no account can be created here now (a message key), or null. */
  refusal: string | null;
  options: WizardOptions;
  draft: WizardDraftState | null;
  defaults: WizardDefaults;
};

function offeredServices(row: WizardDomain): Record<Service, boolean> {
  return Object.fromEntries(SERVICES.map((s) => [s, row.domain[s] && row.plan[s]])) as Record<Service, boolean>;
}

function options(row: WizardDomain): WizardOptions {
  const free = freeBytes(row);
  return {
    storage: [...row.plan.storageOptionsBytes].sort((a, b) => a - b).map((bytes) => ({ bytes, disabled: bytes > free })),
    freeBytes: free,
    domainStorageBytes: row.plan.domainStorageBytes,
    services: offeredServices(row),
    defaultDailySendLimit: row.plan.defaultDailySendLimit,
    allowSpamToInbox: row.plan.allowSpamToInbox,
    accounts: row.accounts,
    maxAccounts: row.plan.maxAccounts,
  };
}

/**
 * The forms' values. What a step saved comes back as it was typed (Back keeps it), except what the
 * domain no longer offers: a storage option gone from the plan, a service switched off since.
 */
function defaults(row: WizardDomain, opts: WizardOptions, draft: DraftRow | null): WizardDefaults {
  const data = draft?.data ?? {};
  const account = draft ? draftAccount(draft) : undefined;
  const services = servicesStepSchema.safeParse(data.services);
  const security = securityStepSchema.safeParse(data.security);
  const optionsStep = optionsStepSchema.safeParse(data.options);

  const pickable = opts.storage.filter((option) => !option.disabled).map((option) => option.bytes);
  const preferred = row.domain.defaultStorageBytes;
  const defaultQuota = preferred !== null && pickable.includes(preferred) ? preferred : (pickable[0] ?? opts.storage[0]?.bytes ?? 0);
  const savedQuota = services.success && pickable.includes(services.data.quotaBytes) ? services.data.quotaBytes : undefined;

  return {
    account: {
      firstName: account?.firstName ?? '',
      lastName: account?.lastName ?? '',
      description: account?.description ?? '',
      localPart: account?.localPart ?? '',
      // With a password saved, the fields start empty: left so, they keep it.
      passwordMode: account ? 'set' : 'generate',
      password: '',
      confirmPassword: '',
    },
    services: {
      quotaBytes: savedQuota ?? defaultQuota,
      services: Object.fromEntries(
        SERVICES.map((s) => [s, opts.services[s] && (services.success ? services.data.services[s] : true)]),
      ) as Record<Service, boolean>,
    },
    security: security.success
      ? { ...security.data, allowedIps: security.data.allowedIps.join('\n') }
      : SECURITY_STEP_DEFAULTS,
    options: optionsStep.success
      ? { ...optionsStep.data, forwards: optionsStep.data.forwards.join('\n'), spamToInbox: optionsStep.data.spamToInbox && opts.allowSpamToInbox }
      : { forwards: '', forwardKeepCopy: true, spamToInbox: false },
  };
}

function draftState(row: WizardDomain, draft: DraftRow): WizardDraftState {
  if (draft.expired) return { state: 'expired' };
  const account = draftAccount(draft);
  return {
    state: 'open',
    id: draft.id,
    reached: Math.min(4, Math.max(1, draft.step)) as WizardStep,
    saved: Object.fromEntries(WIZARD_STEPS.map((section) => [section, draft.data[section] !== undefined])) as Record<WizardSection, boolean>,
    passwordSet: account !== undefined,
    passwordGenerated: account?.passwordGenerated ?? false,
    address: account ? `${account.localPart}@${row.domain.name}` : null,
  };
}

/**
 * What a wizard page shows: the domain, whether an account can be created there, the choices the
 * plan and the domain offer, and the caller's draft (`draftId` null: a new one, not saved yet).
 * a notFound failure when the domain is out of the caller's reach or the draft is not the caller's.
 */
export async function getWizard({ caller, domainId, draftId }: { caller: Caller; domainId: number; draftId: string | null }): Promise<Wizard> {
  const db = getDb();
  const row = await loadWizardDomain({ ex: db, caller, domainId });
  const draft = draftId === null ? null : await loadOwnDraft({ ex: db, caller, domainId: row.domain.id, draftId });
  const opts = options(row);
  return {
    domain: { id: row.domain.id, name: row.domain.name, displayName: displayDomain(row.domain.name) },
    refusal: creationRefusal(caller, row)?.key ?? null,
    options: opts,
    draft: draft ? draftState(row, draft) : null,
    defaults: defaults(row, opts, draft && !draft.expired ? draft : null),
  };
}
