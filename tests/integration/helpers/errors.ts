/** What Postgres (or PGlite) reported, dug out of drizzle's DrizzleQueryError wrapper. */
export type DatabaseViolation = {
  /** SQLSTATE, e.g. 23514 check, 23505 unique, 23503 foreign key, 23001 restrict. */
  code: string | undefined;
  constraint: string | undefined;
  message: string;
};

export const SQLSTATE = {
  checkViolation: '23514',
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  /** ON DELETE RESTRICT: PGlite (Postgres 17) reports 23001, Postgres 15 reports 23503. */
  restrictViolation: '23001',
} as const;

/** Awaits `promise`, which must reject with a database error; returns that error's details. */
export async function violationOf(promise: PromiseLike<unknown>): Promise<DatabaseViolation> {
  let error: unknown;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  if (error === undefined) throw new Error('Expected the database to refuse the statement, but it succeeded.');
  return databaseErrorIn(error);
}

function databaseErrorIn(error: unknown): DatabaseViolation {
  // drizzle: DrizzleQueryError { cause: pg DatabaseError | PGlite DatabaseError }
  for (let current: unknown = error, depth = 0; isObject(current) && depth < 5; current = current.cause, depth++) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) {
      return {
        code: current.code,
        constraint: typeof current.constraint === 'string' ? current.constraint : undefined,
        message: typeof current.message === 'string' ? current.message : String(current),
      };
    }
  }
  throw new Error(`Not a database error: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

function isObject(value: unknown): value is Record<string, unknown> & { cause?: unknown } {
  return typeof value === 'object' && value !== null;
}
