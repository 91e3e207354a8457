// Plain values the browser's forms share with the schemas in ./plan: no zod here, so a form can
// use them without loading zod (a form loads its schema when first used: components/forms).

// The plan form works in MB / GB / TB (binary, as mail quotas are counted); the database in bytes.
export const SIZE_UNITS = ['MB', 'GB', 'TB'] as const;
export type SizeUnit = (typeof SIZE_UNITS)[number];
export const MAX_STORAGE_OPTIONS = 20;

// The largest message a domain's plan accepts (MB, binary). The ceiling is Postfix's message_size_limit for
// the whole server (rendered by npm run mail:config); each plan's own limit is checked by the policy service.
export const MAX_MESSAGE_MB = 100;
export const DEFAULT_MESSAGE_MB = 10;
