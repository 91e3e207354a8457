// Real Dovecot for `npm run bench:mail` (issue 21, point 5): the configuration `npm run mail:config`
// renders, on loopback ports, reading the bench's database through the mail servers' role; logins through
// its auth service (as Postfix's SMTP AUTH and the login processes ask it) and deliveries through LMTP.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseMailDatabaseUrl } from '@/lib/mail-servers/database-url';
import { MAIL_SERVER_FILES } from '@/lib/mail-servers/installed';
import { dovecotConfigFile, runtimeDirs } from '@/lib/mail-servers/layout';
import { renderMailConfig } from '@/lib/mail-servers/render-config';
import type { MailPorts, MailServerSettings } from '@/lib/mail-servers/settings';
import { lookupSystemUser } from '@/lib/mail-servers/system-user';
import { prepareMailHost, writeMailConfig } from '@/lib/mail-servers/write-config';
import { freePort, processTree } from './server-process';

/** Why Dovecot cannot run here, or null. */
export function dovecotUnavailable(): string | null {
  const missing = MAIL_SERVER_FILES.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) return `Dovecot's packages are missing (${missing.join(', ')})`;
  if (process.getuid?.() !== 0) return 'Dovecot needs root to start';
  return null;
}

function run(file: string, args: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    const child = spawn(file, args, { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} ${args.join(' ')} exited with ${code}`))));
  });
}

async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type Dovecot = {
  ports: MailPorts;
  /** The master's pid (its children: auth, auth workers, dict, lmtp). */
  pids(): number[];
  /** Turns Dovecot's auth cache on (10 MB, 1 hour) or off, and reloads. */
  setAuthCache(on: boolean): Promise<void>;
  stop(): Promise<void>;
};

/** Dovecot on loopback for the mail role's URL; `lookupDatabaseUrl` (a replica) for its passdb/userdb lookups. */
export async function startDovecot(mailDatabaseUrl: string, name: string, { lookupDatabaseUrl }: { lookupDatabaseUrl?: string } = {}): Promise<Dovecot> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mailpanel-bench-mail-'));
  fs.chmodSync(root, 0o755);
  const free: number[] = [];
  while (free.length < 15) {
    const port = await freePort();
    if (!free.includes(port)) free.push(port);
  }
  const [imap, pop3, smtp, submission, lmtp, auth, quotaStatus, policy, imaps, pop3s, submissions, srsForward, srsReverse, webmailImap, webmailSubmission] = free as number[] as [
    number, number, number, number, number, number, number, number, number, number, number, number, number, number, number,
  ];
  // Only Dovecot runs here: no certificate (the implicit-TLS ports stay closed), no SRS, no rspamd.
  const ports: MailPorts = { imap, pop3, smtp, submission, lmtp, auth, quotaStatus, policy, imaps, pop3s, submissions, srsForward, srsReverse, webmailImap, webmailSubmission };
  const settings: MailServerSettings = {
    database: parseMailDatabaseUrl(mailDatabaseUrl),
    lookupDatabase: lookupDatabaseUrl ? parseMailDatabaseUrl(lookupDatabaseUrl) : undefined,
    hostname: 'bench.mailpanel.test',
    listen: ['127.0.0.1'],
    ports,
    outDir: path.join(root, 'etc'),
    stateDir: path.join(root, 'state'),
    logDir: path.join(root, 'log'),
    mailRoot: path.join(root, 'vmail'),
    mailUser: lookupSystemUser('mail'),
    // No delay after a failed login (the bench sends some on purpose: none, in fact, but a slow one would skew it).
    testing: true,
    instanceName: `mailpanel-bench-${name}`,
  };
  writeMailConfig(settings.outDir, renderMailConfig(settings));
  prepareMailHost(settings);
  const config = dovecotConfigFile(settings.outDir);
  const rendered = fs.readFileSync(config, 'utf8');
  const startLog = path.join(settings.logDir, 'dovecot-start.log');
  await run('dovecot', ['-c', config], startLog);
  const pidFile = path.join(runtimeDirs(settings.stateDir).dovecotRun, 'master.pid');
  const masterPid = () => Number(fs.readFileSync(pidFile, 'utf8').trim());
  await until('Dovecot to listen', async () => fs.existsSync(pidFile) && (await canConnect(auth)) && (await canConnect(lmtp)));
  return {
    ports,
    pids: () => processTree(masterPid()),
    async setAuthCache(on) {
      fs.writeFileSync(config, on ? `${rendered}\n# bench: the auth cache on\nauth_cache_size = 10M\nauth_cache_ttl = 1 hour\nauth_cache_negative_ttl = 1 hour\n` : rendered);
      await run('doveadm', ['-c', config, 'reload'], startLog);
      // The reload starts a new auth process: wait until it answers.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await until('Dovecot to listen after the reload', () => canConnect(auth));
    },
    async stop() {
      const pid = fs.existsSync(pidFile) ? masterPid() : null;
      await run('doveadm', ['-c', config, 'stop'], startLog).catch(() => pid && process.kill(pid, 'SIGTERM'));
      if (pid) {
        await until(
          'Dovecot to stop',
          () => {
            try {
              process.kill(pid, 0);
              return false;
            } catch {
              return true;
            }
          },
          15_000,
        ).catch(() => process.kill(pid, 'SIGKILL'));
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * A client of Dovecot's auth protocol (version 1.2) on the listener Postfix's SMTP AUTH uses: what Postfix
 * and the IMAP/POP3 login processes send for each login (the passdb lookups, the password check, and
 * for SMTP the post-login write mail.record_login), without the rest of a session.
 */
export class AuthClient {
  private buffer = '';
  private next = 1;
  private pending = new Map<number, (line: string) => void>();
  private ready: Promise<void>;

  constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    let handshake: () => void;
    this.ready = new Promise((resolve) => (handshake = resolve));
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline: number;
      while ((newline = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        if (line === 'DONE') handshake();
        const [kind, id] = line.split('\t');
        if (kind === 'OK' || kind === 'FAIL' || kind === 'CONT') {
          this.pending.get(Number(id))?.(line);
          this.pending.delete(Number(id));
        }
      }
    });
    socket.write(`VERSION\t1\t2\nCPID\t${process.pid}\n`);
  }

  static async connect(port: number): Promise<AuthClient> {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => resolve(s));
      s.once('error', reject);
    });
    const client = new AuthClient(socket);
    await client.ready;
    return client;
  }

  /** true for OK, false for FAIL. */
  login(user: string, password: string, service: 'imap' | 'smtp'): Promise<boolean> {
    const id = this.next++;
    const resp = Buffer.from(`\0${user}\0${password}`).toString('base64');
    return new Promise((resolve) => {
      this.pending.set(id, (line) => resolve(line.startsWith('OK')));
      this.socket.write(`AUTH\t${id}\tPLAIN\tservice=${service}\tnologin\tlip=127.0.0.1\trip=127.0.0.1\tresp=${resp}\n`);
    });
  }

  close() {
    this.socket.destroy();
  }
}

export type LoginRun = { logins: number; perSecond: number; p50: number; p99: number; failed: number };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** `clients` connections, each one login after another for `seconds`, of accounts picked from `users`. */
export async function loadLogins({ port, users, password, service, clients, seconds }: { port: number; users: string[]; password: string; service: 'imap' | 'smtp'; clients: number; seconds: number }): Promise<LoginRun> {
  const connections = await Promise.all(Array.from({ length: clients }, () => AuthClient.connect(port)));
  const times: number[] = [];
  let failed = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    connections.map(async (client) => {
      while (performance.now() < end) {
        const user = users[Math.floor(Math.random() * users.length)]!;
        const at = performance.now();
        if (!(await client.login(user, password, service))) failed++;
        times.push(performance.now() - at);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  for (const client of connections) client.close();
  times.sort((a, b) => a - b);
  return { logins: times.length, perSecond: times.length / elapsed, p50: percentile(times, 0.5), p99: percentile(times, 0.99), failed };
}

/** Delivers one small message to each address through Dovecot's LMTP, one transaction per message, on one connection. */
export async function deliverLmtp(port: number, addresses: string[]): Promise<{ delivered: number; msPerMessage: number }> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.setEncoding('utf8');
  let buffer = '';
  let waiter: ((line: string) => void) | null = null;
  const drain = () => {
    let at: number;
    while (waiter && (at = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      // A multi-line reply (250-...) ends with the line whose fourth character is a space.
      if (line[3] === ' ') {
        const w = waiter;
        waiter = null;
        w(line);
      }
    }
  };
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    drain();
  });
  const reply = () =>
    new Promise<string>((resolve) => {
      waiter = resolve;
      drain();
    });
  const command = async (line: string, expect: string) => {
    socket.write(`${line}\r\n`);
    const got = await reply();
    if (!got.startsWith(expect)) throw new Error(`LMTP: ${line.slice(0, 40)} → ${got}`);
  };
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  if (!(await reply()).startsWith('220')) throw new Error('LMTP: no greeting');
  await command('LHLO bench.mailpanel.test', '250');
  const started = performance.now();
  let delivered = 0;
  for (const address of addresses) {
    await command('MAIL FROM:<sender@example.net>', '250');
    await command(`RCPT TO:<${address}>`, '250');
    await command('DATA', '354');
    const body = `From: sender@example.net\r\nTo: ${address}\r\nSubject: bench ${delivered}\r\nMessage-ID: <bench-${delivered}-${Date.now()}@example.net>\r\n\r\n${'Hello.\r\n'.repeat(40)}.`;
    await command(body, '250');
    delivered++;
  }
  const msPerMessage = (performance.now() - started) / delivered;
  socket.write('QUIT\r\n');
  socket.end();
  return { delivered, msPerMessage };
}
