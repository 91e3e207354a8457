// The aliases' CSV (issue 17, point 8): its columns and limits, for lib/aliases/csv and the API's description.

export const ALIAS_IMPORT_COLUMNS = ['local_part', 'description', 'active', 'targets', 'senders', 'send_as'] as const;
/** The export writes the address first; the import ignores it. */
export const ALIAS_EXPORT_COLUMNS = ['address', ...ALIAS_IMPORT_COLUMNS] as const;
export const ALIAS_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const ALIAS_IMPORT_MAX_ROWS = 5_000;
