import { describe, expect, it } from 'vitest';
import { likePattern, offsetOf, parsePageQuery } from './pagination';

describe('parsePageQuery', () => {
  const sorts = ['address', 'storage'] as const;

  it('reads what the URL asks for', () => {
    expect(parsePageQuery({ page: '3', size: '50', q: '  anna ', sort: 'storage', dir: 'desc' }, sorts, 'address')).toEqual({
      page: 3,
      pageSize: 50,
      q: 'anna',
      sort: 'storage',
      dir: 'desc',
    });
  });

  it('falls back to the defaults for anything malformed', () => {
    const fallback = { page: 1, pageSize: 25, q: '', sort: 'address', dir: 'asc' };
    expect(parsePageQuery({}, sorts, 'address')).toEqual(fallback);
    expect(parsePageQuery({ page: '0', size: '30', sort: 'id; drop', dir: 'up' }, sorts, 'address')).toEqual(fallback);
    expect(parsePageQuery({ page: '2.5', size: 'all' }, sorts, 'address')).toMatchObject({ page: 1, pageSize: 25 });
    expect(parsePageQuery({ page: '1000001' }, sorts, 'address').page).toBe(1);
  });

  it('drops a search text it cannot use (too long, a NUL, half a surrogate pair) and says so', () => {
    for (const q of ['x'.repeat(201), '\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy']) {
      expect(parsePageQuery({ q }, sorts, 'address')).toMatchObject({ q: '', refused: true });
    }
    expect(parsePageQuery({ q: 'anna 😀' }, sorts, 'address')).not.toHaveProperty('refused');
  });

  it('takes the first of a repeated parameter', () => {
    expect(parsePageQuery({ page: ['4', '9'], sort: ['storage', 'address'] }, sorts, 'address')).toMatchObject({ page: 4, sort: 'storage' });
  });

  it('keeps each list to its own sorts and default, however often it is called', () => {
    for (let i = 0; i < 3; i++) {
      expect(parsePageQuery({ sort: 'storage' }, sorts, 'address').sort).toBe('storage');
      expect(parsePageQuery({ sort: 'storage' }, ['id'], 'id').sort).toBe('id');
      expect(parsePageQuery({}, sorts, 'storage').sort).toBe('storage');
      expect(parsePageQuery({ sort: 'at' }, ['at'], 'at').sort).toBe('at');
    }
  });
});

describe('offsetOf and likePattern', () => {
  it('turns a page into an offset and escapes LIKE wildcards', () => {
    expect(offsetOf({ page: 3, pageSize: 25 })).toBe(50);
    expect(likePattern('a_b%c\\')).toBe('%a\\_b\\%c\\\\%');
  });
});
