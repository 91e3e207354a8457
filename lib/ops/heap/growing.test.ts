import v8 from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import { applyHeapGrowing, DEFAULT_HEAP_GROWING_PERCENT, heapGrowingPercent } from './growing';

describe('heapGrowingPercent', () => {
  it('is 40 by default, a whole number when set, and V8’s own choice for 0', () => {
    expect(heapGrowingPercent({})).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(heapGrowingPercent({ HEAP_GROWING_PERCENT: ' ' })).toBe(40);
    expect(heapGrowingPercent({ HEAP_GROWING_PERCENT: '25' })).toBe(25);
    expect(heapGrowingPercent({ HEAP_GROWING_PERCENT: '0' })).toBeNull();
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['-5', '1.5', 'lots', '1001']) expect(() => heapGrowingPercent({ HEAP_GROWING_PERCENT: bad }), bad).toThrow(/HEAP_GROWING_PERCENT/);
  });

  it('is handed to V8 as its flag, and not at all for 0', () => {
    const set = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => {});
    try {
      expect(applyHeapGrowing({})).toBe(40);
      expect(set).toHaveBeenCalledWith('--heap-growing-percent=40');
      set.mockClear();
      expect(applyHeapGrowing({ HEAP_GROWING_PERCENT: '0' })).toBeNull();
      expect(set).not.toHaveBeenCalled();
    } finally {
      set.mockRestore();
    }
  });
});
