// Also read by app/error.tsx in the browser: no server imports here.

/**
 * Next hands a server error's `digest` (never its message) to the error page: this one says "the
 * database is unreachable", so the page can say so instead of "something went wrong".
 */
export const DATABASE_UNAVAILABLE_DIGEST = 'MAILPANEL_DATABASE_UNAVAILABLE';

export class DatabaseUnavailableError extends Error {
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;

  constructor(cause: unknown) {
    super('The database is unavailable', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}
