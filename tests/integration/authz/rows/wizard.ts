import {
  createAccountAction,
  saveAccountStepAction,
  saveSecurityStepAction,
  saveServicesStepAction,
} from '@/app/(panel)/domains/[id]/accounts/new/actions';
import type { DomainRow } from '../../helpers/fixtures';
import { draftFor, MISSING_ID, WIZARD_STEP_1, WIZARD_STEP_2, WIZARD_STEP_3, WIZARD_STEP_4 } from './support';
import { domainAStaff, domainBStaff, nobody, only, row, type AuthzRow, type World } from './types';

// The wizard answers an allowed step with a redirect to the next step (step 1 with a typed password,
// steps 2 and 3, and "Create" to the account list); a refused one with an ActionResult.

const ENDPOINT = 'app/(panel)/domains/[id]/accounts/new/actions.ts';

type Target = { target: string; domain: (w: World) => Pick<DomainRow, 'id'>; expect: AuthzRow['expect'] };

const targets: Target[] = [
  { target: 'domain A', domain: (w) => w.domainA, expect: domainAStaff() },
  { target: 'domain B', domain: (w) => w.domainB, expect: domainBStaff() },
  { target: 'a domain that does not exist', domain: () => ({ id: MISSING_ID }), expect: nobody() },
];

const laterSteps = [
  { name: 'saveServicesStepAction', step: 2, action: saveServicesStepAction, input: WIZARD_STEP_2 },
  { name: 'saveSecurityStepAction', step: 3, action: saveSecurityStepAction, input: WIZARD_STEP_3 },
  { name: 'createAccountAction', step: 4, action: createAccountAction, input: WIZARD_STEP_4 },
] as const;

export const wizardRows = [
  ...targets.map(({ target, domain, expect }) =>
    row({
      endpoint: `${ENDPOINT}#saveAccountStepAction`,
      target: `a new draft in ${target}`,
      expect,
      call: ({ world }) => saveAccountStepAction(domain(world).id, null, WIZARD_STEP_1),
    }),
  ),
  row({
    endpoint: `${ENDPOINT}#saveAccountStepAction`,
    target: "the superadmin's draft in domain A",
    expect: only('superadmin'),
    prepare: (context) => draftFor(context, context.world.domainA.id, 2, 'superadmin'),
    call: ({ world, prepared }) => saveAccountStepAction(world.domainA.id, prepared, { ...WIZARD_STEP_1, password: '', confirmPassword: '' }),
  }),
  ...laterSteps.flatMap(({ name, step, action, input }) => [
    // The caller's own draft (as if started when it could): the domain decides.
    ...targets.map(({ target, domain, expect }) =>
      row<string>({
        endpoint: `${ENDPOINT}#${name}`,
        target: `the caller's own draft in ${target}`,
        expect,
        prepare: (context) => draftFor(context, domain(context.world).id === MISSING_ID ? context.world.domainA.id : domain(context.world).id, step),
        call: ({ world, prepared }) => action(domain(world).id, prepared, input),
      }),
    ),
    // Someone else's draft is not found, even in the caller's own domain.
    row<string>({
      endpoint: `${ENDPOINT}#${name}`,
      target: "the superadmin's draft in domain A",
      expect: only('superadmin'),
      prepare: (context) => draftFor(context, context.world.domainA.id, step, 'superadmin'),
      call: ({ world, prepared }) => action(world.domainA.id, prepared, input),
    }),
  ]),
];
