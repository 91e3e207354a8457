// The account list filters' choices, apart from list-filters.ts's URL schemas so that the browser's filter
// panel takes them without zod.

/** The "not signed in for N days" choices the form offers (the URL takes any 1–3650). */
export const IDLE_DAY_CHOICES = [30, 90, 180, 365] as const;
export const IDLE_DAYS_MAX = 3650;
export const ACCOUNT_STATUSES = ['online', 'offline', 'updating'] as const;
