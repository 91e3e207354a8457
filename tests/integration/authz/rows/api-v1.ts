import type { AuthzRow } from './types';

// Rows for the REST API's route handlers (app/api/v1/**/route.ts, bearer tokens). The matrix fails for
// every exported HTTP method under app/api/v1 that has no row here, and for every row whose endpoint no
// longer exists.
//
// To add a row: one per (endpoint, target), with the expectation for each of the seven callers, e.g.
//
//   row<string | null>({
//     endpoint: 'app/api/v1/domains/[id]/route.ts#GET',         // path#METHOD, as in the repository
//     target: 'domain A',
//     expect: domainAStaff(),                                     // or only(...), nobody(), signedIn()…
//     // A token for the caller (null for anonymous), made before the "before" digest.
//     prepare: ({ callerObject }) => (callerObject ? mintTokenFor(callerObject) : Promise.resolve(null)),
//     call: ({ world, prepared }) =>
//       GET(new Request(`http://panel.test/api/v1/domains/${world.domainA.id}`, { headers: prepared ? { authorization: `Bearer ${prepared}` } : {} }),
//           { params: Promise.resolve({ id: String(world.domainA.id) }) }),
//     writes: false,                                              // GETs change nothing; writes default to false for routes
//   }),
//
// A Response with status 2xx/3xx counts as allowed; 401, 403 and 404 as denied; anything else (a 500, a
// 400 for the valid input the row sends) fails the row. A denied call must leave every table unchanged,
// and an allowed call with `writes: true` must change something. `row`, the caller helpers and the World
// (domain A owned by `owningAdmin`, domain B by `otherAdmin`, …) are in ./types.ts.
export const apiV1Rows: AuthzRow<unknown>[] = [];
