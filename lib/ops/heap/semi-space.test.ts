import { describe, expect, it } from 'vitest';
import { workerHeapArgs } from './semi-space';

describe('workerHeapArgs', () => {
  it('gives the workers 32 MB semi-spaces by default, or what HEAP_SEMI_SPACE_MB says', () => {
    expect(workerHeapArgs({}, [])).toEqual(['--max-semi-space-size=32']);
    expect(workerHeapArgs({ HEAP_SEMI_SPACE_MB: '16' }, ['--require', 'x'])).toEqual(['--max-semi-space-size=16']);
    expect(workerHeapArgs({ HEAP_SEMI_SPACE_MB: '0' }, [])).toEqual([]);
  });

  it('leaves a size already given alone', () => {
    expect(workerHeapArgs({ NODE_OPTIONS: '--max-old-space-size=512 --max-semi-space-size=8' }, [])).toEqual([]);
    expect(workerHeapArgs({}, ['--max-semi-space-size=64'])).toEqual([]);
  });

  it('refuses what is not a size', () => {
    for (const bad of ['-1', 'big', '2048']) expect(() => workerHeapArgs({ HEAP_SEMI_SPACE_MB: bad }, []), bad).toThrow(/HEAP_SEMI_SPACE_MB/);
  });
});
