// Also read by app/error.tsx in the browser: no server imports here.

/**
 * Next hands a server error's `digest` (never its message) to the error page: an `unavailable` failure
 * carries this one (lib/failure.ts), so the page can say "the database is unreachable" instead of
 * "something went wrong".
 */
export const DATABASE_UNAVAILABLE_DIGEST = 'MAILPANEL_DATABASE_UNAVAILABLE';
