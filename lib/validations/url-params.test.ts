import { describe, expect, it } from 'vitest';
import { paramText, PARAM_CHARACTERS_ERROR, readSearchParam } from './url-params';

describe('paramText', () => {
  it('refuses a NUL and a lone surrogate, with its own message', () => {
    for (const value of ['\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uDBFF']) {
      const parsed = paramText().trim().max(200).safeParse(value);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(PARAM_CHARACTERS_ERROR);
    }
  });

  it('keeps any other text, pairs of surrogates included', () => {
    for (const value of ['', 'anna', 'bücher.example', '😀 👩‍👩‍👧‍👦', "' OR 1=1 --", '%_\\']) expect(paramText().parse(value)).toBe(value);
  });
});

describe('readSearchParam', () => {
  const schema = paramText().max(5);
  it('reads the first value, falls back when absent, and says when it refused one', () => {
    expect(readSearchParam({ a: ['x', 'y'] }, 'a', schema, null)).toEqual({ value: 'x', refused: false });
    expect(readSearchParam({}, 'a', schema, null)).toEqual({ value: null, refused: false });
    expect(readSearchParam({ a: 'a\u0000' }, 'a', schema, '')).toEqual({ value: '', refused: true });
    expect(readSearchParam({ a: 'toolong' }, 'a', schema, '')).toEqual({ value: '', refused: true });
  });
});
