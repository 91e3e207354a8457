import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMailDatabaseUrl } from '@/lib/mail-servers/database-url';
import { dovecotConfigFile } from '@/lib/mail-servers/layout';
import { renderMailConfig } from '@/lib/mail-servers/render-config';
import type { MailPorts, MailServerSettings } from '@/lib/mail-servers/settings';
import { lookupSystemUser } from '@/lib/mail-servers/system-user';
import { listeningPorts } from '@/lib/mail-servers/listening-ports';
import { describeBlocked } from '@/lib/mail-servers/traversable';
import { blockedMailHostPaths, prepareMailHost, writeMailConfig } from '@/lib/mail-servers/write-config';
import { canConnect, freePorts, startDovecotAndPostfix, waitUntil } from './helpers/daemons';
import { LineClient } from './helpers/line-client';
import { mailServers, useMailDatabase } from './helpers/servers';
import { waitFor } from './helpers/wait';
import { login, mailAccount, mailWorld, type Account } from './helpers/world';

// Implicit TLS (issue 18): the configuration rendered with a certificate (--tls-cert/--tls-key) opens IMAPS,
// POP3S and submissions beside the STARTTLS ports. The global servers run without one (the other tests
// speak plain text on loopback), so this file renders and starts a second Dovecot and Postfix of its own, on
// the same database, with a self-signed certificate made here by openssl.

useMailDatabase();
const run = promisify(execFile);
const HOSTNAME = 'mail.mailpanel.test';

let root: string;
let settings: MailServerSettings;
let cert: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'mailpanel-tls-'));
  fs.chmodSync(root, 0o755);
  const certFile = path.join(root, 'cert.pem');
  const keyFile = path.join(root, 'key.pem');
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${HOSTNAME}`, '-addext', `subjectAltName=DNS:${HOSTNAME}`, '-keyout', keyFile, '-out', certFile]);
  fs.chmodSync(keyFile, 0o600);
  cert = fs.readFileSync(certFile, 'utf8');

  const global = mailServers();
  const [imap, pop3, smtp, submission, lmtp, auth, quotaStatus, imaps, pop3s, submissions, srsForward, srsReverse, webmailImap, webmailSubmission] = await freePorts(14);
  const ports: MailPorts = {
    imap: imap!, pop3: pop3!, smtp: smtp!, submission: submission!, lmtp: lmtp!, auth: auth!, quotaStatus: quotaStatus!,
    // The global setup's policy service serves this Postfix too.
    policy: global.ports.policy,
    imaps: imaps!, pop3s: pop3s!, submissions: submissions!, srsForward: srsForward!, srsReverse: srsReverse!,
    webmailImap: webmailImap!, webmailSubmission: webmailSubmission!,
  };
  settings = {
    database: parseMailDatabaseUrl(global.mailDatabaseUrl),
    hostname: HOSTNAME,
    listen: ['127.0.0.1'],
    ports,
    outDir: path.join(root, 'etc'),
    stateDir: path.join(root, 'state'),
    logDir: path.join(root, 'log'),
    mailRoot: path.join(root, 'vmail'),
    mailUser: lookupSystemUser('mail'),
    tls: { cert: certFile, key: keyFile },
    testing: true,
    instanceName: `mailpanel-tls-${path.basename(root)}`,
  };
  const blocked = blockedMailHostPaths(settings);
  if (blocked.length > 0) throw new Error(describeBlocked(blocked));
  writeMailConfig(settings.outDir, renderMailConfig(settings));
  prepareMailHost(settings);
  await startDovecotAndPostfix(settings, cleanups);
  for (const [name, port] of Object.entries(listeningPorts(settings))) await waitUntil(`${name} on port ${port}`, () => canConnect(port));
}, 60_000);

afterAll(async () => {
  for (const step of cleanups.reverse()) await step().catch((error: unknown) => console.error('[tls test] cleanup:', error));
  if (process.env.MAILPANEL_MAIL_KEEP !== '1' && root) fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

const ours = () => new X509Certificate(cert).fingerprint256;
const reply = (tag: string) => (line: string) => line.startsWith(tag);

async function messagesOf(address: string): Promise<number> {
  const { stdout } = await run('doveadm', ['-c', dovecotConfigFile(settings.outDir), '-f', 'flow', 'mailbox', 'status', '-u', address, 'messages', 'INBOX']).catch(() => ({ stdout: '' }));
  return Number(/messages=(\d+)/.exec(stdout)?.[1] ?? 0);
}

describe('implicit TLS', () => {
  let account: Account;
  beforeAll(async () => {
    account = await mailAccount(await mailWorld());
  });

  it('IMAPS: encrypted from the first byte with the configured certificate, and the login works', async () => {
    const { client, certificate } = await LineClient.connectTls({ port: settings.ports.imaps, ca: cert, servername: HOSTNAME });
    try {
      expect(certificate.fingerprint256).toBe(ours());
      await client.readUntil(reply('* OK'));
      const [last = ''] = (await client.command(`a1 LOGIN "${account.address}" "${account.password}"`, reply('a1 '))).slice(-1);
      expect(last).toMatch(/^a1 OK/);
    } finally {
      client.close();
    }
  });

  it('POP3S: the same on its own port', async () => {
    const { client, certificate } = await LineClient.connectTls({ port: settings.ports.pop3s, ca: cert, servername: HOSTNAME });
    const status = (line: string) => line.startsWith('+OK') || line.startsWith('-ERR');
    try {
      expect(certificate.fingerprint256).toBe(ours());
      await client.readUntil(status);
      await client.command(`USER ${account.address}`, status);
      const [pass = ''] = (await client.command(`PASS ${account.password}`, status)).slice(-1);
      expect(pass).toMatch(/^\+OK/);
    } finally {
      client.close();
    }
  });

  it('submissions (465): SMTP AUTH inside TLS, and the message is delivered', async () => {
    let seen: string | undefined;
    const smtp = nodemailer.createTransport({
      host: '127.0.0.1',
      port: settings.ports.submissions,
      secure: true,
      tls: { ca: cert, servername: HOSTNAME },
      auth: login(account),
    });
    try {
      const info = await smtp.sendMail({ from: account.address, to: account.address, subject: 'Over 465', text: 'Encrypted all the way.' });
      seen = info.response;
    } finally {
      smtp.close();
    }
    expect(seen).toMatch(/^250 /);
    await waitFor('the message in the INBOX', async () => (await messagesOf(account.address)) >= 1 || undefined);
  });

  it('keeps STARTTLS on the submission port: AUTH is offered only after it, nothing is taken before', async () => {
    const client = await LineClient.connect({ port: settings.ports.submission });
    const last = (line: string) => /^\d{3} /.test(line);
    try {
      await client.readUntil(last);
      const ehlo = await client.command('EHLO client.test', last);
      expect(ehlo).toContain('250-STARTTLS');
      expect(ehlo.some((line) => line.includes('AUTH'))).toBe(false);
      expect((await client.command(`MAIL FROM:<${account.address}>`, last)).at(-1)).toMatch(/^530 .*STARTTLS/);
    } finally {
      client.close();
    }
    const upgraded = nodemailer.createTransport({ host: '127.0.0.1', port: settings.ports.submission, secure: false, requireTLS: true, tls: { ca: cert, servername: HOSTNAME }, auth: login(account) });
    try {
      const info = await upgraded.sendMail({ from: account.address, to: account.address, subject: 'Over 587', text: 'After STARTTLS.' });
      expect(info.response).toMatch(/^250 /);
    } finally {
      upgraded.close();
    }
  });
});
