// Plain values the browser's forms share with the schemas in ./api-token: no zod here, so a form can
// use them without loading zod (a form loads its schema when first used: components/forms).

/** How long a new token lives; "none": until revoked. */
export const API_TOKEN_EXPIRY = ['7', '30', '90', '365', 'none'] as const;
export type ApiTokenExpiry = (typeof API_TOKEN_EXPIRY)[number];
export const API_TOKEN_NAME_MAX = 100;
