import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { limitReachedAction, type SendingStore } from './decide';
import { createPolicyServer, TEMPORARY_FAILURE } from './server';

let server: net.Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function start(store: SendingStore, errors: string[] = []): Promise<number> {
  server = createPolicyServer({ store, logger: { error: ({ err }, message) => errors.push(`${message}: ${err instanceof Error ? err.message : String(err)}`) } });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** Writes `chunks` one by one on one connection and collects what comes back until `replies` replies arrived (or the end). */
function talk(port: number, chunks: string[], replies: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let got = '';
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      got += data;
      if (got.split('\n\n').length - 1 >= replies) {
        socket.end();
        resolve(got);
      }
    });
    socket.on('close', () => resolve(got));
    socket.on('error', reject);
    socket.on('connect', () => {
      // One write per chunk, a little apart, so the server really sees them separately.
      chunks.forEach((chunk, i) => setTimeout(() => socket.write(chunk), i * 5));
    });
  });
}

const store = (sent: number): SendingStore => ({
  sendingState: async () => ({ limit: 3, sent }),
  countSent: async () => {},
  refusingList: async () => null,
  messageSizeLimit: async () => null,
});

describe('the policy server', () => {
  it('answers each request of a kept-open connection in order, however it is split', async () => {
    const port = await start(store(3));
    const got = await talk(port, ['protocol_state=RC', 'PT\nsasl_username=a@x.test\n', '\nprotocol_state=RCPT\n\nprotocol_state=END-OF-MESSAGE\nsasl_username=a@x.test\n\n'], 3);
    expect(got).toBe(`action=${limitReachedAction(3)}\n\naction=DUNNO\n\naction=DUNNO\n\n`);
  });

  it('defers (never lets through uncounted) when the database fails, and logs why', async () => {
    const errors: string[] = [];
    const failing: SendingStore = {
      sendingState: async () => {
        throw new Error('connection refused');
      },
      countSent: async () => {
        throw new Error('connection refused');
      },
      refusingList: async () => {
        throw new Error('connection refused');
      },
      messageSizeLimit: async () => null,
    };
    const port = await start(failing, errors);
    const got = await talk(port, ['protocol_state=RCPT\nsasl_username=a@x.test\n\nprotocol_state=END-OF-MESSAGE\nsasl_username=a@x.test\n\n'], 2);
    expect(got).toBe(`action=${TEMPORARY_FAILURE}\n\naction=${TEMPORARY_FAILURE}\n\n`);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('connection refused');
  });

  it('closes a connection that does not speak the protocol', async () => {
    const errors: string[] = [];
    const port = await start(store(0), errors);
    expect(await talk(port, ['GET / HTTP/1.1\r\n\r\n'], 1)).toBe('');
    expect(errors[0]).toContain('connection closed');
  });
});
