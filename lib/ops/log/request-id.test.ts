import { describe, expect, it } from 'vitest';
import { requestIdFrom } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the request id', () => {
  it('takes a proxy’s sane short token as it is', () => {
    for (const id of ['abcd1234', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', 'edge-01:req.42_x', 'A'.repeat(64)]) {
      expect(requestIdFrom(id)).toBe(id);
    }
  });

  it('makes a new UUID for none, or anything else (too short or long, spaces, control characters, markup, several)', () => {
    const refused: (string | string[] | undefined)[] = [undefined, '', 'short', 'A'.repeat(65), 'has space in it', 'line\nbreak-injected', '"quoted-value"', '<script>alert(1)</script>', 'ünïcödé-idée', ['abcd1234', 'efgh5678']];
    for (const header of refused) expect(requestIdFrom(header)).toMatch(UUID);
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});
