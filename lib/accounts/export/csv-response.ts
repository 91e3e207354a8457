import { Readable } from 'node:stream';
import type { AccountsCsv } from './export-accounts';

/** The export as a download, streamed as it is read. */
export function csvDownload({ filename, body }: AccountsCsv): Response {
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
