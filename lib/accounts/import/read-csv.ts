import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { CsvError, parse } from 'csv-parse';
import { formatBytes } from '@/lib/format';
import { keyWith } from '@/lib/i18n/translate';

// Reads an uploaded CSV as it arrives: records come out one at a time while the upload is still coming
// in, so a 10 MB file is never held whole. Only the first line is looked at before parsing starts, to
// tell a comma-separated file from a semicolon-separated one (what spreadsheets in Italian write).

export type CsvInput = AsyncIterable<Uint8Array | string>;

/** A request's body (a web stream) as the reader takes it. */
export function requestInput(body: ReadableStream<Uint8Array>): CsvInput {
  return Readable.fromWeb(body as unknown as NodeWebStream<Uint8Array>);
}

/** One record; `row` counts from 1 (the header), as a spreadsheet numbers its rows. */
export type CsvRecord = { row: number; cells: string[] };

/** Reading stopped: the file is too large or not CSV. `messageKey` is what the person reads. */
export class CsvReadError extends Error {
  constructor(
    readonly messageKey: string,
    readonly tooLarge = false,
  ) {
    super(messageKey);
    this.name = 'CsvReadError';
  }
}

/** A single record may not be longer than this (20 forwards of 254 characters fit many times over). */
const MAX_RECORD_CHARS = 100_000;
const HEAD_BYTES = 64 * 1024;

async function* limited(input: CsvInput, maxBytes: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    bytes += buffer.byteLength;
    if (bytes > maxBytes) throw new CsvReadError(keyWith('accountImport.errors.tooLarge', { max: formatBytes(maxBytes) }), true);
    yield buffer;
  }
}

/** Comma, semicolon or tab: whichever the header line has most of outside quotes (comma on a tie). */
export function delimiterOf(line: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [char, count] of counts) if (count > counts.get(best)!) best = char;
  return best;
}

/** The first line (up to 64 KB) and a source that yields everything, that line included. */
async function peekFirstLine(source: AsyncGenerator<Buffer>): Promise<{ line: string; all: AsyncGenerator<Buffer> }> {
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < HEAD_BYTES) {
    const next = await source.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    size += next.value.byteLength;
    if (next.value.includes(0x0a)) break;
  }
  const joined = Buffer.concat(head);
  const newline = joined.indexOf(0x0a);
  const line = joined.toString('utf8', 0, newline < 0 ? joined.byteLength : newline);
  async function* all(): AsyncGenerator<Buffer> {
    if (joined.byteLength > 0) yield joined;
    if (!ended) yield* source;
  }
  return { line, all: all() };
}

/** How far each stream reads ahead of the parser (Node's own default grew from 16 to 64 KB in Node 22). */
const READ_AHEAD_BYTES = 16 * 1024;

/**
 * The records of a CSV upload, one at a time. Throws CsvReadError past `maxBytes` or where the text is not
 * CSV (an unclosed quote, a record beyond any sensible length). Stopping early stops reading the input.
 */
export async function* readCsv(input: CsvInput, { maxBytes }: { maxBytes: number }): AsyncGenerator<CsvRecord> {
  const source = limited(input, maxBytes);
  const { line, all } = await peekFirstLine(source);
  const parser = parse({
    bom: true,
    delimiter: delimiterOf(line),
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
    // csv-parse hands stream options on to its Transform: bounded read-ahead whatever Node's default.
    ...({ writableHighWaterMark: READ_AHEAD_BYTES } as object),
  });
  const piped = pipeline(Readable.from(all, { objectMode: false, highWaterMark: READ_AHEAD_BYTES }), parser);
  // Its failure also ends the iteration below, which reports it; this only keeps it from going unhandled.
  piped.catch(() => undefined);
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells };
    }
    await piped;
  } catch (error) {
    if (error instanceof CsvReadError) throw error;
    if (error instanceof CsvError) {
      const lines = typeof error.lines === 'number' ? error.lines : row + 1;
      throw new CsvReadError(keyWith('accountImport.errors.notCsv', { line: lines }));
    }
    throw error;
  } finally {
    parser.destroy();
  }
}
