import { describe, expect, it, vi } from 'vitest';
import { processSlot } from './process-global';

describe('processSlot', () => {
  it('is one value per name, shared by a second copy of the module (another bundle, a hot reload)', async () => {
    const slot = processSlot<{ id: number }>('test.shared');
    const made = slot.getOrCreate(() => ({ id: 1 }));
    vi.resetModules();
    const copy = (await import('./process-global')).processSlot<{ id: number }>('test.shared');
    expect(copy.getOrCreate(() => ({ id: 2 }))).toBe(made);
    expect(processSlot('test.other').get()).toBeUndefined();
  });

  it('creates on first use only, and can be set and cleared', () => {
    const slot = processSlot<string>('test.settable');
    const create = vi.fn(() => 'first');
    expect(slot.getOrCreate(create)).toBe('first');
    expect(slot.getOrCreate(create)).toBe('first');
    expect(create).toHaveBeenCalledTimes(1);
    slot.set('second');
    expect(processSlot<string>('test.settable').get()).toBe('second');
    slot.set(undefined);
    expect(slot.get()).toBeUndefined();
  });
});
