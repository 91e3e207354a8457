// Plain values the browser's forms share with the schemas in ./account-import: no zod here, so a form can
// use them without loading zod (a form loads its schema when first used: components/forms).

export const IMPORT_MAX_ROWS = 10_000;
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

// A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage return before one) as a
// formula. The export prefixes such a cell with an apostrophe, which spreadsheets show as text; the
// import takes that apostrophe off again, so the round trip gives back what was exported.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function restoreFormulaText(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** The generated passwords as the import page offers them for download (formula-safe like the export). */
export function passwordsCsv(rows: readonly { address: string; password: string }[]): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = rows.map((row) => [row.address, row.password].map((cell) => quote(neutralizeFormula(cell))).join(','));
  return `\uFEFFaddress,password\r\n${lines.join('\r\n')}\r\n`;
}
