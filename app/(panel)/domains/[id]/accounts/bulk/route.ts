import { bulkAccounts } from '@/lib/accounts/bulk/bulk-accounts';
import { sessionRoute } from '@/lib/accounts/import/session-route';
import { ApiProblem } from '@/lib/api/problem';
import { refusalOf } from '@/lib/errors';
import { validation } from '@/lib/failure';
import { translate } from '@/lib/i18n/translate';
import { ndjsonResponse } from '@/lib/request/ndjson-response';
import type { BulkEvent } from '@/lib/validations/account-bulk-constants';

// The account list's bulk bar: the action as JSON, the answer a stream of JSON lines: progress after each
// group of accounts (a selection of "all that match" may be the whole domain), then the summary. A refusal
// before any account is touched (bad input, a domain out of reach, a wrong typed count) is a problem+json
// answer instead, with its status.

export const POST = sessionRoute({ permission: 'accounts:update', write: true, body: true }, async ({ request, caller, ip, domainId }) => {
  let input: unknown;
  try {
    input = await request.json();
  } catch {
    throw new ApiProblem('malformed');
  }
  let push: ((event: BulkEvent) => void) | undefined;
  const early: BulkEvent[] = [];
  const send = (event: BulkEvent) => (push ? push(event) : early.push(event));
  let started!: () => void;
  const begun = new Promise<void>((resolve) => (started = resolve));
  const run = bulkAccounts({
    caller,
    ip,
    domainId,
    input,
    onProgress: (done, total) => {
      started();
      send({ type: 'progress', done, total });
    },
  });
  // Whichever comes first: the first progress (the checks passed, the work began) or the outcome.
  const first = await Promise.race([begun.then(() => null), run.then((outcome) => ({ outcome }))]);
  if (first !== null && !first.outcome.ok) {
    const { fieldErrors, formError } = first.outcome;
    throw validation(fieldErrors, formError);
  }
  // The client going away does not stop the work: it goes on to the end of the selection.
  return ndjsonResponse<BulkEvent>(async (write) => {
    for (const event of early.splice(0)) write(event);
    push = write;
    try {
      const outcome = await run;
      if (outcome.ok) write({ type: 'result', summary: outcome.data });
      else write({ type: 'error', message: translate(caller.language, outcome.formError ?? 'validation.invalid') });
    } catch (error) {
      write({ type: 'error', message: translate(caller.language, refusalOf(error).formError ?? 'errors.generic') });
    }
  });
});

