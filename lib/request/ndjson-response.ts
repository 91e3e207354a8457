/**
 * A response of JSON lines (the long panel routes: CSV import, bulk actions): `run` sends its events as the
 * work goes on, and the stream ends when it returns. An event sent after the client went away is dropped.
 */
export function ndjsonResponse<Event>(run: (send: (event: Event) => void) => Promise<void>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: Event) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        } catch {
          // The client went away.
        }
      };
      try {
        await run(send);
      } finally {
        try {
          controller.close();
        } catch {
          // already closed
        }
      }
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
  });
}
