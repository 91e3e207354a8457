import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Database } from '@/db';
import { collectEndpoints } from './endpoints';
import { fcParameters, HostileRunner, RUNS, type Verdict } from './hostile';
import type { Outcome } from './outcome';

// Which hostile-input file fuzzes which server action (files are named hostile-input-<file>.test.ts;
// sign-in is in the anonymous one). hostile-input-coverage.test.ts fails when an
// action exists that no file fuzzes (or a file names one that is gone); each file fails when its own
// specs differ from its entries here.

export const HOSTILE_FILES = ['admin', 'accounts', 'wizard', 'self', 'anonymous', 'sign-in', 'aliases'] as const;
export type HostileFile = (typeof HOSTILE_FILES)[number];

export const HOSTILE_PLAN: Record<string, HostileFile> = {
  'app/(panel)/domains/actions.ts#addDomainAction': 'admin',
  'app/(panel)/domains/actions.ts#updateDomainSettingsAction': 'admin',
  'app/(panel)/domains/actions.ts#setDomainActiveAction': 'admin',
  'app/(panel)/domains/actions.ts#deleteDomainAction': 'admin',
  'app/(panel)/domains/actions.ts#addAliasDomainAction': 'admin',
  'app/(panel)/domains/actions.ts#removeAliasDomainAction': 'admin',
  'app/(panel)/domains/[id]/dns/actions.ts#checkDomainDnsAction': 'admin',
  'app/(panel)/domains/[id]/dns/actions.ts#createDkimKeyAction': 'admin',
  'app/(panel)/domains/[id]/dns/actions.ts#activateDkimKeyAction': 'admin',
  'app/(panel)/domains/[id]/dns/actions.ts#stopEd25519SigningAction': 'admin',
  'app/(panel)/plans/actions.ts#createPlanAction': 'admin',
  'app/(panel)/plans/actions.ts#updatePlanAction': 'admin',
  'app/(panel)/plans/actions.ts#deletePlanAction': 'admin',
  'app/(panel)/admins/actions.ts#createAdminAction': 'admin',
  'app/(panel)/admins/actions.ts#setAdminActiveAction': 'admin',
  'app/(panel)/admins/security-actions.ts#setAdminAllowedIpsAction': 'admin',
  'app/(panel)/admins/security-actions.ts#setAdminOtpRequiredAction': 'admin',
  'app/(panel)/jobs/actions.ts#retryJobAction': 'admin',
  'app/(panel)/accounts/actions.ts#setAccountActiveAction': 'accounts',
  'app/(panel)/accounts/actions.ts#deleteAccountAction': 'accounts',
  'app/(panel)/mailbox-settings-actions.ts#updateMasterDataAction': 'accounts',
  'app/(panel)/mailbox-settings-actions.ts#updateGeneralAction': 'accounts',
  'app/(panel)/mailbox-settings-actions.ts#updateSecurityAction': 'accounts',
  'app/(panel)/mailbox-settings-actions.ts#updateAutoresponderAction': 'accounts',
  'app/(panel)/mailbox-settings-actions.ts#updateWebmailAction': 'accounts',
  'app/(panel)/mailbox-settings-actions.ts#resetMailboxOtpAction': 'accounts',
  'app/(panel)/app-password-actions.ts#createAccountAppPasswordAction': 'accounts',
  'app/(panel)/app-password-actions.ts#revokeAccountAppPasswordAction': 'accounts',
  'app/(panel)/aliases/actions.ts#createAliasAction': 'aliases',
  'app/(panel)/aliases/actions.ts#updateAliasAction': 'aliases',
  'app/(panel)/aliases/actions.ts#deleteAliasAction': 'aliases',
  'app/(panel)/aliases/actions.ts#updateAddressSettingsAction': 'aliases',
  'app/(panel)/domains/[id]/accounts/new/actions.ts#saveAccountStepAction': 'wizard',
  'app/(panel)/domains/[id]/accounts/new/actions.ts#saveServicesStepAction': 'wizard',
  'app/(panel)/domains/[id]/accounts/new/actions.ts#saveSecurityStepAction': 'wizard',
  'app/(panel)/domains/[id]/accounts/new/actions.ts#createAccountAction': 'wizard',
  'app/(panel)/me/actions.ts#updateOwnLocalizationAction': 'self',
  'app/(panel)/me/actions.ts#updateOwnWebmailAction': 'self',
  'app/(panel)/me/actions.ts#updateOwnAutoresponderAction': 'self',
  'app/security/actions.ts#changePasswordAction': 'self',
  'app/security/actions.ts#enableOtpAction': 'self',
  'app/security/actions.ts#disableOtpAction': 'self',
  'app/(panel)/me/app-password-actions.ts#createOwnAppPasswordAction': 'self',
  'app/(panel)/me/app-password-actions.ts#revokeOwnAppPasswordAction': 'self',
  'app/(panel)/me/tokens/actions.ts#createApiTokenAction': 'self',
  'app/(panel)/me/tokens/actions.ts#revokeApiTokenAction': 'self',
  'app/(panel)/me/session-actions.ts#endSessionAction': 'self',
  'app/(panel)/me/session-actions.ts#endOtherSessionsAction': 'self',
  'app/login/actions.ts#forgotPasswordAction': 'anonymous',
  'app/login/actions.ts#resetPasswordAction': 'anonymous',
  'app/setup/actions.ts#createSuperadminAction': 'anonymous',
  // Not a server action: next-auth's credentials check (sign-in), fuzzed the same way.
  'app/api/auth/[...nextauth]/route.ts#POST': 'sign-in',
};

export function actionEndpoints(): string[] {
  return collectEndpoints()
    .filter((e) => e.kind === 'action')
    .map((e) => e.id);
}

export type HostileSpec<C> = {
  endpoint: string;
  /** Who calls, in a few words (for the test name). */
  as: string;
  arbitrary: fc.Arbitrary<C>;
  /** Runs before the property (e.g. signs the caller in, makes a draft). */
  setUp?: () => Promise<void>;
  /** Before each case, outside the check (e.g. clearing a throttle); returns whether it wrote anything. */
  beforeRun?: () => Promise<boolean>;
  run: (testCase: C) => Promise<unknown>;
  verdict?: (testCase: C) => Verdict;
  onSuccess?: (outcome: Outcome) => Promise<void>;
  /** Whether valid cases are accepted (so the property reaches past validation); default true. */
  accepts?: boolean;
  /** Per-spec time limit (ms); the default allows ~0.3 s a run. */
  timeout?: number;
};

/** Erases a spec's case type so specs of different shapes share one list. */
export function spec<C>(definition: HostileSpec<C>): HostileSpec<unknown> {
  return definition as unknown as HostileSpec<unknown>;
}

/** One `it` per action: RUNS generated cases, each checked by HostileRunner. */
export function hostileSuite(file: HostileFile, db: () => Database, specs: HostileSpec<unknown>[]): void {
  const runner = new HostileRunner(db);
  describe(`hostile input (${file})`, () => {
    it('fuzzes exactly the actions the plan gives this file', () => {
      const planned = Object.entries(HOSTILE_PLAN)
        .filter(([, f]) => f === file)
        .map(([endpoint]) => endpoint)
        .sort();
      expect(specs.map((s) => s.endpoint).sort()).toEqual(planned);
    });

    for (const s of specs) {
      it(`${s.endpoint} as ${s.as}: ${RUNS} cases`, { timeout: s.timeout ?? RUNS * 300 + 30_000 }, async () => {
        await s.setUp?.();
        runner.invalidate();
        const counts = { accepted: 0, refused: 0 };
        await fc.assert(
          fc.asyncProperty(s.arbitrary, async (testCase) => {
            if (await s.beforeRun?.()) runner.invalidate();
            counts[await runner.check(testCase, s.run, { verdict: s.verdict, onSuccess: s.onSuccess })] += 1;
          }),
          fcParameters(),
        );
        expect(counts.accepted + counts.refused).toBeGreaterThanOrEqual(RUNS);
        // Some cases get through validation (the property is not only about the first check), others do not.
        if (s.accepts ?? true) expect(counts.accepted, JSON.stringify(counts)).toBeGreaterThan(0);
        expect(counts.refused, JSON.stringify(counts)).toBeGreaterThan(0);
      });
    }
  });
}
