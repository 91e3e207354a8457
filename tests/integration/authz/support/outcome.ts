import type { ActionResult } from '@/lib/action-result';

// What an endpoint answered, reduced to allowed / denied. Next signals redirect() and notFound() by
// throwing errors with a `digest`; route handlers answer with a Response.

export type Outcome =
  | { kind: 'result'; result: ActionResult<unknown> }
  | { kind: 'redirect'; location: string }
  | { kind: 'notFound' }
  | { kind: 'response'; status: number; body: string }
  | { kind: 'threw'; error: unknown };

export function isActionResult(value: unknown): value is ActionResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; data?: unknown; fieldErrors?: unknown; formError?: unknown };
  if (v.ok === true) return 'data' in v;
  return (
    v.ok === false &&
    typeof v.fieldErrors === 'object' &&
    v.fieldErrors !== null &&
    Object.values(v.fieldErrors).every((message) => typeof message === 'string') &&
    (v.formError === undefined || typeof v.formError === 'string')
  );
}

/** Next's redirect() / notFound() errors, or null for any other thrown value. */
export function nextControlFlow(error: unknown): Outcome | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== 'string') return null;
  if (digest.startsWith('NEXT_REDIRECT')) return { kind: 'redirect', location: digest.split(';')[2] ?? '' };
  if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return { kind: 'notFound' };
  return null;
}

export async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    const value = await call();
    if (value instanceof Response) return { kind: 'response', status: value.status, body: await value.text() };
    if (isActionResult(value)) return { kind: 'result', result: value };
    return { kind: 'threw', error: new Error(`neither an ActionResult nor a Response: ${JSON.stringify(value)}`) };
  } catch (error) {
    return nextControlFlow(error) ?? { kind: 'threw', error };
  }
}

export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'result':
      return JSON.stringify(outcome.result);
    case 'redirect':
      return `redirect to ${outcome.location}`;
    case 'notFound':
      return 'notFound()';
    case 'response':
      return `HTTP ${outcome.status} ${outcome.body.slice(0, 200)}`;
    case 'threw':
      return `threw ${outcome.error instanceof Error ? (outcome.error.stack ?? outcome.error.message) : String(outcome.error)}`;
  }
}
