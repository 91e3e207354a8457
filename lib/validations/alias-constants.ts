// Plain values the alias forms need without zod (see lib/validations/alias.ts).

/** Targets of one alias: a distribution list's members, pasted one a line (issue 17, point 2). */
export const ALIAS_TARGETS_MAX = 1000;
/** Who may send to an alias: anyone, senders at its own domain, or only its members (its targets). */
export const ALIAS_SENDERS = ['anyone', 'domain', 'members'] as const;
export type AliasSenders = (typeof ALIAS_SENDERS)[number];
/** Accounts one alias lets send with its address (send-as grants). */
export const ALIAS_SEND_AS_MAX = 100;
/** How many aliases an address may pass through before it reaches a mailbox or leaves the server. */
export const ALIAS_CHAIN_MAX = 5;
export const ALIAS_DESCRIPTION_MAX = 200;
