import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { mailServers } from './helpers/servers';

// The mail host as `npm run mail:config` renders it; global-setup renders it with --listen 127.0.0.1,::1.

/** The first line a server sends on connecting to `host`:`port`. */
function greeting(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(10_000, () => socket.destroy(new Error(`No greeting from ${host}:${port}`)));
    socket.setEncoding('utf8');
    let text = '';
    socket.on('data', (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\r\n');
      if (end !== -1) {
        socket.destroy();
        resolve(text.slice(0, end));
      }
    });
    socket.once('error', reject);
  });
}

describe('--listen with several addresses', () => {
  it('has IMAP, POP3, SMTP and submission answer on each, IPv4 and IPv6 alike', async () => {
    const { ports } = mailServers();
    for (const host of ['127.0.0.1', '::1']) {
      expect(await greeting(host, ports.imap), host).toMatch(/^\* OK/);
      expect(await greeting(host, ports.pop3), host).toMatch(/^\+OK/);
      expect(await greeting(host, ports.smtp), host).toMatch(/^220 /);
      expect(await greeting(host, ports.submission), host).toMatch(/^220 /);
    }
  });
});
