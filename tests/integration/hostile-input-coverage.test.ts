import { describe, expect, it } from 'vitest';
import { collectEndpoints } from './authz/support/endpoints';
import { actionEndpoints, HOSTILE_PLAN } from './authz/support/hostile-suite';

// Every server action gets hostile input: the plan names a hostile-input file for each one the code has
// (collected from the source), and names none that is gone.

describe('hostile input covers every server action', () => {
  it('plans a hostile-input file for every server action', () => {
    expect(actionEndpoints().filter((id) => !(id in HOSTILE_PLAN))).toEqual([]);
  });

  it('plans only endpoints that exist', () => {
    const ids = new Set(collectEndpoints().map((e) => e.id));
    expect(Object.keys(HOSTILE_PLAN).filter((id) => !ids.has(id))).toEqual([]);
  });
});
