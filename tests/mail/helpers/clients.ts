import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { LineClient } from './line-client';
import { mailServers } from './servers';

export type Credentials = { user: string; pass: string; localAddress?: string };

const quoted = (text: string) => `"${text.replace(/(["\\])/g, '\\$1')}"`;

/** IMAP LOGIN over a plain socket (from `localAddress` if given): true when the server lets the user in. */
export async function imapLogin({ user, pass, localAddress }: Credentials): Promise<boolean> {
  const client = await LineClient.connect({ port: mailServers().ports.imap, localAddress });
  try {
    await client.readUntil((line) => line.startsWith('* OK'));
    const [last = ''] = (await client.command(`a1 LOGIN ${quoted(user)} ${quoted(pass)}`, (line) => line.startsWith('a1 '))).slice(-1);
    if (last.startsWith('a1 OK')) {
      await client.command('a2 LOGOUT', (line) => line.startsWith('a2 ')).catch(() => {});
      return true;
    }
    return false;
  } finally {
    client.close();
  }
}

/** POP3 USER/PASS; true when the server lets the user in (then the number of messages is `messages`). */
export async function pop3Login({ user, pass, localAddress }: Credentials): Promise<{ ok: boolean; messages?: number }> {
  const client = await LineClient.connect({ port: mailServers().ports.pop3, localAddress });
  const status = (line: string) => line.startsWith('+OK') || line.startsWith('-ERR');
  try {
    await client.readUntil(status);
    await client.command(`USER ${user}`, status);
    const [reply = ''] = (await client.command(`PASS ${pass}`, status)).slice(-1);
    if (!reply.startsWith('+OK')) return { ok: false };
    const [stat = ''] = (await client.command('STAT', status)).slice(-1);
    await client.command('QUIT', status).catch(() => {});
    return { ok: true, messages: Number(stat.split(' ')[1]) };
  } finally {
    client.close();
  }
}

/** A logged-in IMAP session (imapflow); rejects when the login is refused. */
export async function imapSession({ user, pass }: Credentials): Promise<ImapFlow> {
  const client = new ImapFlow({ host: '127.0.0.1', port: mailServers().ports.imap, secure: false, auth: { user, pass }, logger: false });
  client.on('error', () => {});
  await client.connect();
  return client;
}

function transport(port: number, auth?: Credentials) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    localAddress: auth?.localAddress,
    auth: auth ? { user: auth.user, pass: auth.pass } : undefined,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 30_000,
  });
}

/** SMTP AUTH on the submission port: true when it is accepted. */
export async function smtpAuth(credentials: Credentials, port = mailServers().ports.submission): Promise<boolean> {
  const smtp = transport(port, credentials);
  try {
    await smtp.verify();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'EAUTH') return false;
    throw error;
  } finally {
    smtp.close();
  }
}

export type Sent = { ok: true; response: string } | { ok: false; code: number | undefined; response: string };

export type Message = {
  from: string;
  to: string | string[];
  subject?: string;
  text?: string;
  headers?: Record<string, string>;
  /** Declared in MAIL FROM (SIZE=), as mail servers do: what lets a full mailbox refuse it at RCPT. */
  size?: number;
};

async function send(port: number, { size, ...message }: Message, auth?: Credentials): Promise<Sent> {
  const smtp = transport(port, auth);
  try {
    // nodemailer passes an envelope's size on as SIZE= (its typings leave the field out).
    const envelope = size === undefined ? undefined : ({ from: message.from, to: message.to, size } as Mail.Envelope);
    const info = await smtp.sendMail({ subject: 'Hello', text: 'Hello there.', ...message, envelope });
    return { ok: true, response: info.response };
  } catch (error) {
    const failure = error as { responseCode?: number; response?: string; message: string };
    if (failure.responseCode === undefined) throw error;
    return { ok: false, code: failure.responseCode, response: failure.response ?? failure.message };
  } finally {
    smtp.close();
  }
}

/** Incoming mail: port 25, no login (as another mail server would deliver it). */
export function deliver(message: Message): Promise<Sent> {
  return send(mailServers().ports.smtp, message);
}

/** A mail client sending: the submission port, with SMTP AUTH. */
export function submit(credentials: Credentials, message: Message): Promise<Sent> {
  return send(mailServers().ports.submission, message, credentials);
}

/** The whole message (headers and body, as stored) with this subject in one of the account's mailboxes. */
export async function messageSource(credentials: Credentials, subject: string, mailbox = 'INBOX'): Promise<string> {
  const client = await imapSession(credentials);
  try {
    await client.mailboxOpen(mailbox);
    const found = await client.search({ subject }, { uid: true });
    const uid = Array.isArray(found) ? found[0] : undefined;
    if (uid === undefined) throw new Error(`No message "${subject}" in ${credentials.user}'s ${mailbox}`);
    const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
    if (!message || !message.source) throw new Error(`Could not fetch "${subject}"`);
    return message.source.toString('utf8');
  } finally {
    await client.logout().catch(() => {});
  }
}
