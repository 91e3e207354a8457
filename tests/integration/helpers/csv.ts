/** A CSV text as an upload arrives: in chunks (of `size` bytes), so that the reader's streaming is exercised. */
export async function* chunked(text: string | Buffer, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  for (let at = 0; at < bytes.byteLength; at += size) yield bytes.subarray(at, at + size);
}

/** One CSV line: cells quoted when they need it. */
export function csvLine(cells: readonly (string | number | boolean)[], delimiter = ','): string {
  return cells
    .map((cell) => {
      const text = String(cell);
      return /[",;\n\r\t]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(delimiter);
}

/** A CSV file with `columns` as its header and one line per row (missing cells empty). */
export function csvOf(columns: readonly string[], rows: readonly Record<string, string | number | boolean>[], delimiter = ','): string {
  return [csvLine(columns, delimiter), ...rows.map((row) => csvLine(columns.map((c) => row[c] ?? ''), delimiter))].join('\r\n') + '\r\n';
}

/** Parses what the export wrote (no quotes inside the fixtures' own values but the ones it adds). */
export async function readAll(stream: AsyncIterable<Buffer | string | Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
}
