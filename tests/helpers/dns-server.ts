import dgram from 'node:dgram';

// A tiny authoritative DNS server on loopback for the tests (issue 18's live check, DKIM verification):
// it answers TXT, MX, CNAME and A queries from a table the test fills, NXDOMAIN for names it does not
// know and an empty answer (NODATA) for a known name without the asked type. UDP only, no EDNS, no
// compression in answers; a 2048-bit DKIM record (about 420 bytes) fits a plain 512-byte answer.
// Written here rather than taken from npm (dns2 and the like): this is ~100 lines and needs nothing else.

export type DnsRecords = Record<string, { TXT?: string[]; MX?: { priority: number; exchange: string }[]; CNAME?: string; A?: string[] }>;

const TYPES = { A: 1, CNAME: 5, MX: 15, TXT: 16 } as const;

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)])), Buffer.from([0])]);
}

function readName(message: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  while (message[at]! > 0) {
    const length = message[at]!;
    labels.push(message.subarray(at + 1, at + 1 + length).toString('latin1'));
    at += 1 + length;
  }
  return { name: labels.join('.').toLowerCase(), end: at + 1 };
}

function txtData(text: string): Buffer {
  // A TXT record is a list of strings of at most 255 bytes each.
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length || i === 0; i += 255) {
    const chunk = bytes.subarray(i, i + 255);
    parts.push(Buffer.from([chunk.length]), chunk);
  }
  return Buffer.concat(parts);
}

function answers(records: DnsRecords, name: string, type: number): { type: number; data: Buffer }[] | null {
  const entry = records[name];
  if (!entry) return null;
  if (entry.CNAME && type !== TYPES.CNAME) {
    return [{ type: TYPES.CNAME, data: encodeName(entry.CNAME) }];
  }
  switch (type) {
    case TYPES.TXT:
      return (entry.TXT ?? []).map((t) => ({ type, data: txtData(t) }));
    case TYPES.MX:
      return (entry.MX ?? []).map((mx) => {
        const pref = Buffer.alloc(2);
        pref.writeUInt16BE(mx.priority);
        return { type, data: Buffer.concat([pref, encodeName(mx.exchange)]) };
      });
    case TYPES.CNAME:
      return entry.CNAME ? [{ type, data: encodeName(entry.CNAME) }] : [];
    case TYPES.A:
      return (entry.A ?? []).map((a) => ({ type, data: Buffer.from(a.split('.').map(Number)) }));
    default:
      return [];
  }
}

function respond(query: Buffer, records: DnsRecords): Buffer {
  const { name, end } = readName(query, 12);
  const type = query.readUInt16BE(end);
  const question = query.subarray(12, end + 4);
  const found = answers(records, name, type);
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // the id
  // QR, opcode 0, AA, RD copied; RA; rcode 3 (NXDOMAIN) for an unknown name.
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | (found ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(found?.length ?? 0, 6);
  const rrs = (found ?? []).map(({ type: rrType, data }) => {
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(rrType, 0);
    fixed.writeUInt16BE(1, 2); // IN
    fixed.writeUInt32BE(60, 4); // TTL
    fixed.writeUInt16BE(data.length, 8);
    return Buffer.concat([Buffer.from([0xc0, 0x0c]), fixed, data]);
  });
  return Buffer.concat([header, question, ...rrs]);
}

export type TestDnsServer = { address: string; records: DnsRecords; close(): Promise<void> };

/** Starts the server on 127.0.0.1 (a free port unless given); `records` can be changed while it runs. */
export async function startDnsServer(records: DnsRecords = {}, port = 0): Promise<TestDnsServer> {
  const socket = dgram.createSocket('udp4');
  const server: TestDnsServer = {
    address: '',
    records,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (message, peer) => {
    try {
      socket.send(respond(message, server.records), peer.port, peer.address);
    } catch {
      // A malformed query gets no answer, as from a real server that drops it.
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve());
  });
  // It never keeps a test process alive by itself.
  socket.unref();
  server.address = `127.0.0.1:${socket.address().port}`;
  return server;
}
