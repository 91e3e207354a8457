import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

// "Another mail server" on loopback: Postfix sends the tests' outgoing mail here (global setup routes the
// domain SINK_DOMAIN and its subdomains to it). Every message accepted is written to a JSON file in `dir`
// (envelope and content), so test files, which run in other processes, can read what left the host.

/** Mail for this domain and its subdomains leaves the test Postfix for the sink. */
export const SINK_DOMAIN = 'sink.test';

export type SunkMessage = { mailFrom: string; rcptTo: string[]; data: string };

/** A minimal SMTP server: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; accepts everything. */
export function startSmtpSink(dir: string): Promise<{ port: number; close(): Promise<void> }> {
  fs.mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = net.createServer((socket) => {
    socket.setEncoding('latin1');
    let buffer = '';
    let inData = false;
    let data: string[] = [];
    let mailFrom = '';
    let rcptTo: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 sink.test ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\r\n')) !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            const file = path.join(dir, `${Date.now()}-${process.pid}-${++count}.json`);
            const message: SunkMessage = { mailFrom, rcptTo, data: data.join('\r\n') };
            fs.writeFileSync(`${file}.tmp`, JSON.stringify(message));
            fs.renameSync(`${file}.tmp`, file);
            reply('250 2.0.0 Ok: queued');
          } else {
            data.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-sink.test\r\n250-8BITMIME\r\n250 SIZE 0\r\n');
        else if (verb === 'HELO') reply('250 sink.test');
        else if (verb === 'MAIL') {
          mailFrom = /<([^>]*)>/.exec(line)?.[1] ?? '';
          rcptTo = [];
          reply('250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          rcptTo.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 2.1.5 Ok');
        } else if (verb === 'DATA') {
          inData = true;
          data = [];
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
        } else reply('250 2.0.0 Ok');
      }
    });
    socket.on('error', () => socket.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    );
  });
}

/** Every message the sink has received so far. */
export function sunkMessages(dir: string): SunkMessage[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files.map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as SunkMessage);
}
