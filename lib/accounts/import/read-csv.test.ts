import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReadError, delimiterOf, readCsv } from './read-csv';

async function* chunks(bytes: Buffer, sizes: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.byteLength; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function records(input: AsyncIterable<Uint8Array>, maxBytes = 1024 * 1024) {
  const out: { row: number; cells: string[] }[] = [];
  for await (const record of readCsv(input, { maxBytes })) out.push(record);
  return out;
}

describe('readCsv', () => {
  it('gives back what was written, whatever the cells hold and however the upload is cut into chunks', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', '😀', ',', ';', '"', '\n', '\r\n', ' ', '=', 'x') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(',', ';'),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        async (rows, delimiter, sizes) => {
          const header = ['local_part', 'first_name', 'description'];
          const text = `\uFEFF${stringify([header, ...rows], { delimiter, quoted: true })}`;
          const read = await records(chunks(Buffer.from(text), sizes));
          expect(read.map((r) => r.cells)).toEqual([header, ...rows]);
          expect(read.map((r) => r.row)).toEqual(read.map((_, i) => i + 1));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('tells commas from semicolons by the header line, outside quotes', () => {
    expect(delimiterOf('local_part,first_name')).toBe(',');
    expect(delimiterOf('local_part;first_name;"a,b,c"')).toBe(';');
    expect(delimiterOf('local_part\tfirst_name')).toBe('\t');
    expect(delimiterOf('local_part')).toBe(',');
  });

  it('stops past the byte limit, and at text that is not CSV', async () => {
    const big = Buffer.from(`local_part\n${'x\n'.repeat(1000)}`);
    await expect(records(chunks(big, [100]), 1000)).rejects.toSatisfy((e) => e instanceof CsvReadError && e.messageKey.startsWith('accountImport.errors.tooLarge|'));
    await expect(records(chunks(Buffer.from('a,b\n"open,1\n'), [4]))).rejects.toSatisfy((e) => e instanceof CsvReadError && e.messageKey.startsWith('accountImport.errors.notCsv|'));
  });

  it('stops reading the upload when the reader stops', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('local_part\n');
      for (;;) {
        pulled += 1;
        yield Buffer.from('x\n'.repeat(100));
      }
    }
    for await (const record of readCsv(endless(), { maxBytes: 10 ** 9 })) if (record.row > 50) break;
    const after = pulled;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pulled).toBe(after);
    // Read ahead by no more than the streams' buffers (16 KB each), not the endless rest.
    expect(pulled * 200).toBeLessThan(64 * 1024);
  });
});
