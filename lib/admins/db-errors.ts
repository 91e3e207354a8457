/** Whether `error` (or what it wraps, as drizzle does) is Postgres refusing a duplicate on `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { code, constraint: name, cause } = e as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (code === '23505') return name === undefined || name === constraint;
    e = cause;
  }
  return false;
}
