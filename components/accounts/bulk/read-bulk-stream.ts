import type { BulkEvent } from '@/lib/validations/account-bulk-constants';

/** Reads the bulk route's JSON lines as they arrive. */
export async function readBulkStream(body: ReadableStream<Uint8Array>, onEvent: (event: BulkEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    rest += decoder.decode(value, { stream: !done });
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onEvent(JSON.parse(line) as BulkEvent);
    if (done) break;
  }
  if (rest.trim()) onEvent(JSON.parse(rest) as BulkEvent);
}
