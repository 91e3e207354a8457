import net from 'node:net';
import tls from 'node:tls';

/** A line-oriented TCP conversation (IMAP, POP3): send a line, read lines until one matches. */
export class LineClient {
  private buffer = '';
  private waiting: { test: (line: string) => boolean; resolve: (lines: string[]) => void; reject: (error: Error) => void; lines: string[] } | null = null;
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.drain();
    });
    const end = (error?: Error) => {
      this.closed = true;
      this.waiting?.reject(error ?? new Error('Connection closed'));
      this.waiting = null;
    };
    socket.on('error', end);
    socket.on('close', () => end());
  }

  static connect({ port, localAddress }: { port: number; localAddress?: string }): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port, localAddress });
      socket.setTimeout(20_000, () => socket.destroy(new Error('Timed out')));
      socket.once('connect', () => resolve(new LineClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Implicit TLS: encrypted from the first byte, the server's certificate checked against `ca` for `servername`. */
  static connectTls({ port, ca, servername }: { port: number; ca: string; servername: string }): Promise<{ client: LineClient; certificate: tls.PeerCertificate }> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ca, servername });
      socket.setTimeout(20_000, () => socket.destroy(new Error('Timed out')));
      socket.once('secureConnect', () => resolve({ client: new LineClient(socket), certificate: socket.getPeerCertificate() }));
      socket.once('error', reject);
    });
  }

  private drain() {
    let newline: number;
    while (this.waiting && (newline = this.buffer.indexOf('\r\n')) !== -1) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 2);
      this.waiting.lines.push(line);
      if (this.waiting.test(line)) {
        const { resolve, lines } = this.waiting;
        this.waiting = null;
        resolve(lines);
      }
    }
  }

  /** Lines up to and including the first that passes `test`. */
  readUntil(test: (line: string) => boolean): Promise<string[]> {
    if (this.closed) return Promise.reject(new Error('Connection closed'));
    return new Promise((resolve, reject) => {
      this.waiting = { test, resolve, reject, lines: [] };
      this.drain();
    });
  }

  async command(line: string, test: (line: string) => boolean): Promise<string[]> {
    this.socket.write(`${line}\r\n`);
    return this.readUntil(test);
  }

  close() {
    this.socket.destroy();
  }
}
