import { describe, expect, it } from 'vitest';
import { collectEndpoints } from './authz/support/endpoints';
import { actionEndpoints, HOSTILE_PLAN } from './authz/support/hostile-suite';
import { plannedUrlParams } from './authz/support/url-param-plan';
import { urlParamIds } from './authz/support/url-params';

// Every server action gets hostile input: the plan names a hostile-input file for each one the code has
// (collected from the source), and names none that is gone. Likewise every URL parameter (path and
// search parameters of the pages, path and query parameters of the REST API, found in the source and
// the operations the OpenAPI document is made from): hostile-input-url-params.test.ts fuzzes each.

describe('hostile input covers every server action', () => {
  it('plans a hostile-input file for every server action', () => {
    expect(actionEndpoints().filter((id) => !(id in HOSTILE_PLAN))).toEqual([]);
  });

  it('plans only endpoints that exist', () => {
    const ids = new Set(collectEndpoints().map((e) => e.id));
    expect(Object.keys(HOSTILE_PLAN).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('hostile input covers every URL parameter', () => {
  it('plans every path and search parameter of every page and REST operation', () => {
    const planned = new Set(plannedUrlParams());
    expect(urlParamIds().filter((id) => !planned.has(id))).toEqual([]);
  });

  it('plans only parameters that exist', () => {
    const found = new Set(urlParamIds());
    expect(plannedUrlParams().filter((id) => !found.has(id))).toEqual([]);
  });
});
