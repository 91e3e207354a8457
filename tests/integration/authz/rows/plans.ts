import { createPlanAction, deletePlanAction, updatePlanAction } from '@/app/(panel)/plans/actions';
import { emptyPlanFormValues, planToFormValues } from '@/lib/validations/plan';
import type { PlanRow } from '../../helpers/fixtures';
import { MISSING_ID } from './support';
import { nobody, only, row, type World } from './types';

const ENDPOINT = 'app/(panel)/plans/actions.ts';

const targets = [
  { target: 'a plan no domain is on', plan: (w: World): PlanRow => w.sparePlan, expect: only('superadmin') },
  { target: 'the plan domains A and B are on', plan: (w: World): PlanRow => w.plan, expect: only('superadmin') },
  { target: 'a plan that does not exist', plan: (w: World): PlanRow => ({ ...w.sparePlan, id: MISSING_ID }), expect: nobody() },
];

export const planRows = [
  row({
    endpoint: `${ENDPOINT}#createPlanAction`,
    target: 'a new plan',
    expect: only('superadmin'),
    call: () => createPlanAction({ ...emptyPlanFormValues(), name: 'Brand new plan' }),
  }),
  ...targets.map(({ target, plan, expect }) =>
    row({
      endpoint: `${ENDPOINT}#updatePlanAction`,
      target,
      expect,
      call: ({ world }) => updatePlanAction(plan(world).id, { ...planToFormValues(plan(world)), name: `${plan(world).name} (renamed)` }),
    }),
  ),
  ...targets
    .filter(({ target }) => target !== 'the plan domains A and B are on')
    .map(({ target, plan, expect }) =>
      row({
        endpoint: `${ENDPOINT}#deletePlanAction`,
        target,
        expect,
        call: ({ world }) => deletePlanAction(plan(world).id),
      }),
    ),
  // A plan in use is refused to everyone, the superadmin with a message naming the domains.
  row({
    endpoint: `${ENDPOINT}#deletePlanAction`,
    target: 'the plan domains A and B are on',
    expect: nobody(),
    denials: ['plans.errors.inUse'],
    call: ({ world }) => deletePlanAction(world.plan.id),
  }),
];
