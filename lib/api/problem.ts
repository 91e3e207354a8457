import { translate } from '@/lib/i18n/translate';
import type { Language } from '@/lib/mail/services';

// Every error the REST API answers is an application/problem+json document (RFC 9457). `type` points
// at the problem's entry in the panel's API reference; title and detail are in the caller's language;
// invalid input adds `errors`, one entry per field, with the message the panel's forms show.

export const PROBLEMS = {
  unauthorized: 401,
  forbidden: 403,
  readOnlyToken: 403,
  apiAccessOff: 403,
  gate: 403,
  notFound: 404,
  methodNotAllowed: 405,
  conflict: 409,
  tooLarge: 413,
  validation: 422,
  refused: 422,
  malformed: 422,
  rateLimited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ProblemCode = keyof typeof PROBLEMS;
export type ProblemStatus = (typeof PROBLEMS)[ProblemCode];

/** One invalid field: its dotted path in the body (or the query parameter), the message key, the message. */
export type FieldProblem = { field: string; code: string; detail: string };

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Where each problem type is explained: its anchor on the API reference page. */
export function problemType(code: ProblemCode): string {
  return `/api-docs#problem-${code}`;
}

/** Thrown anywhere inside a route handler; the wrapper answers it. */
export class ApiProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly options: {
      /** A message key (or key|{vars}) that replaces the standard detail. */
      detail?: string;
      vars?: Record<string, string | number>;
      /** Field → message key, as ActionResult's fieldErrors. */
      fieldErrors?: Record<string, string>;
      headers?: Record<string, string>;
      /** The caller's language, once known (before that, the request's Accept-Language decides). */
      language?: Language;
    } = {},
  ) {
    super(`API problem: ${code}`);
    this.name = 'ApiProblem';
  }

  get status(): ProblemStatus {
    return PROBLEMS[this.code];
  }
}

function messageCode(key: string): string {
  const bar = key.indexOf('|');
  return bar > 0 ? key.slice(0, bar) : key;
}

export function problemDocument(problem: ApiProblem, language: Language): ProblemDocument {
  const { code, options } = problem;
  const detail = options.detail ? translate(language, options.detail, options.vars) : translate(language, `api.problems.${code}.detail`, options.vars);
  const document: ProblemDocument = {
    type: problemType(code),
    title: translate(language, `api.problems.${code}.title`),
    status: problem.status,
    detail,
  };
  const fields = Object.entries(options.fieldErrors ?? {});
  if (fields.length > 0) {
    document.errors = fields.map(([field, key]) => ({ field, code: messageCode(key), detail: translate(language, key) }));
  }
  return document;
}

export function problemResponse(problem: ApiProblem, language: Language): Response {
  const headers = new Headers({ 'Content-Type': PROBLEM_CONTENT_TYPE, 'Cache-Control': 'no-store', 'Content-Language': language });
  for (const [name, value] of Object.entries(problem.options.headers ?? {})) headers.set(name, value);
  return new Response(JSON.stringify(problemDocument(problem, language)), { status: problem.status, headers });
}
