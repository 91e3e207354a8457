import { describe, expect, it } from 'vitest';
import { membersFromCsv, withMembers } from './alias-members';

describe('membersFromCsv', () => {
  it('takes the first cell with an @ of each line, skipping a header, quotes and blank lines, each address once', () => {
    const csv = '\uFEFFname,email\r\n"Rossi, Anna",anna@example.com\r\n\r\nbob@example.com;Bob\n"x""y" <z>\tcarol@example.org\nno address here\nanna@example.com,again\n';
    expect(membersFromCsv(csv)).toEqual(['anna@example.com', 'bob@example.com', 'carol@example.org']);
  });

  it('reads a plain list, one address a line', () => {
    expect(membersFromCsv('a@x.test\nb@x.test')).toEqual(['a@x.test', 'b@x.test']);
  });
});

describe('withMembers', () => {
  it('adds only the members not typed already (in any case), one a line', () => {
    expect(withMembers('a@x.test\nB@x.test\n', ['b@x.test', 'c@x.test'])).toEqual({ text: 'a@x.test\nB@x.test\nc@x.test', added: 1 });
    expect(withMembers('', ['c@x.test'])).toEqual({ text: 'c@x.test', added: 1 });
  });
});
