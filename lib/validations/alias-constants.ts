// Plain values the alias forms need without zod (see lib/validations/alias.ts).

/** Targets of one alias (distribution lists, with more members, are a later part of issue 17). */
export const ALIAS_TARGETS_MAX = 50;
/** How many aliases an address may pass through before it reaches a mailbox or leaves the server. */
export const ALIAS_CHAIN_MAX = 5;
export const ALIAS_DESCRIPTION_MAX = 200;
