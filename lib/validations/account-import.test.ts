import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  booleanCellSchema,
  columnOf,
  formatServicesCell,
  formatSizeCell,
  neutralizeFormula,
  normalizeHeader,
  passwordsCsv,
  restoreFormulaText,
  servicesCellSchema,
  sizeCellSchema,
} from './account-import';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

describe('cells', () => {
  it('reads yes/no in the spellings people use, and refuses anything else', () => {
    for (const yes of ['yes', 'YES', ' y ', 'true', '1', 'on', 'sì', 'si']) expect(booleanCellSchema.parse(yes)).toBe(true);
    for (const no of ['no', 'N', 'false', '0', 'off']) expect(booleanCellSchema.parse(no)).toBe(false);
    for (const bad of ['maybe', '2', 'yess', '']) expect(booleanCellSchema.safeParse(bad).error?.issues[0]?.message).toBe('accountImport.errors.boolean');
  });

  it('reads sizes with binary units, and writes quotas the way it reads them', () => {
    expect(sizeCellSchema.parse('5 GB')).toBe(5 * GB);
    expect(sizeCellSchema.parse('500mb')).toBe(500 * MB);
    expect(sizeCellSchema.parse('1,5 GB')).toBe(1.5 * GB);
    expect(sizeCellSchema.parse(String(GB))).toBe(GB);
    for (const bad of ['5 GX', '-1 GB', '0', '1.0000000001 B', 'GB', '1e9']) expect(sizeCellSchema.safeParse(bad).success).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 45 }), (bytes) => {
        expect(sizeCellSchema.parse(formatSizeCell(bytes))).toBe(bytes);
      }),
    );
    expect([formatSizeCell(50 * MB), formatSizeCell(10 * GB), formatSizeCell(1000)]).toEqual(['50 MB', '10 GB', '1000']);
  });

  it('reads services as names separated by spaces, commas or semicolons, or none; refuses an unknown one', () => {
    expect(servicesCellSchema.parse('IMAP, smtp;webmail')).toEqual({ pop: false, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false });
    expect(Object.values(servicesCellSchema.parse('none')).some(Boolean)).toBe(false);
    expect(servicesCellSchema.safeParse('imap fax').error?.issues[0]?.message).toMatch(/^accountImport\.errors\.service\|.*"name":"fax"/);
    const all = servicesCellSchema.parse('pop imap smtp webmail activesync dav xmpp');
    expect(servicesCellSchema.parse(formatServicesCell(all))).toEqual(all);
    expect(formatServicesCell(servicesCellSchema.parse('none'))).toBe('none');
  });

  it('names the column of a wizard field, and reads header cells as people write them', () => {
    expect(columnOf('account', ['localPart'])).toBe('local_part');
    expect(columnOf('account', ['confirmPassword'])).toBe('password');
    expect(columnOf('services', ['services', 'imap'])).toBe('services');
    expect(columnOf('services', ['quotaBytes'])).toBe('storage');
    expect(columnOf('security', ['nothing'])).toBeNull();
    expect(normalizeHeader(' First Name ')).toBe('first_name');
    expect(normalizeHeader('force-password-change')).toBe('force_password_change');
  });
});

describe('spreadsheet formulas', () => {
  it('prefixes a cell a spreadsheet would run, and the import takes the prefix off again', () => {
    expect(['=1+1', '+1', '-2', '@SUM(A1)', '\t=x', '\r=x'].map(neutralizeFormula)).toEqual(["'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\t=x", "'\r=x"]);
    expect(['Ada', "'quoted", '1-2', ''].map(neutralizeFormula)).toEqual(['Ada', "'quoted", '1-2', '']);
    fc.assert(
      fc.property(fc.string(), (text) => {
        const written = neutralizeFormula(text);
        expect(written).not.toMatch(/^[=+\-@\t\r]/);
        expect(restoreFormulaText(written)).toBe(text.startsWith("'") && /^[=+\-@\t\r]/.test(text.slice(1)) ? text.slice(1) : text);
      }),
    );
  });

  it('writes the generated passwords as CSV a spreadsheet opens safely', () => {
    const csv = passwordsCsv([
      { address: 'ada@example.com', password: 'abc' },
      { address: '=cmd@example.com', password: 'x,y' },
    ]);
    expect(csv).toBe('\uFEFFaddress,password\r\nada@example.com,abc\r\n\'=cmd@example.com,"x,y"\r\n');
  });
});
