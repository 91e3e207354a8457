// Plain values the browser's forms share with the schemas in ./plan: no zod here, so a form can
// use them without loading zod (a form loads its schema when first used: components/forms).

// The plan form works in MB / GB / TB (binary, as mail quotas are counted); the database in bytes.
export const SIZE_UNITS = ['MB', 'GB', 'TB'] as const;
export type SizeUnit = (typeof SIZE_UNITS)[number];
export const MAX_STORAGE_OPTIONS = 20;
