import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { dataDir } from '@/db/data-dir';
import { componentLogger } from '@/lib/ops/log/logger';

// The panel's own e-mail (password recovery). Over SMTP when SMTP_URL is set (smtp://user:pass@host:587,
// smtps://… for TLS from the start; nodemailer's URL options such as ?tls.rejectUnauthorized=false
// work too); without it, each message is written to DATA_DIR/outbox/ as an .eml file (the server log
// says which), so a fresh install can still be tried out. MAIL_FROM: the sender (default
// "mailpanel <no-reply@localhost>").

export type OutgoingMail = { to: string; subject: string; text: string; language?: string };

export function mailFrom(): string {
  return process.env.MAIL_FROM?.trim() || 'mailpanel <no-reply@localhost>';
}

/** Where messages go without SMTP. */
export function outboxDir(): string {
  return path.join(dataDir(), 'outbox');
}

export async function sendMail(mail: OutgoingMail): Promise<void> {
  const message = {
    from: mailFrom(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.language ? { headers: { 'Content-Language': mail.language } } : {}),
  };
  const smtpUrl = process.env.SMTP_URL?.trim();
  if (smtpUrl) {
    const transport = nodemailer.createTransport(smtpUrl);
    try {
      await transport.sendMail(message);
    } finally {
      transport.close();
    }
    return;
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail(message);
  const raw = Buffer.isBuffer(info.message) ? info.message : Buffer.from(String(info.message));
  const dir = outboxDir();
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
  await fs.writeFile(file, raw, { mode: 0o600 });
  // Not the message itself: it may carry a secret (a reset link). The file is the operator's to read.
  componentLogger('mail').info({ to: mail.to, file }, 'no SMTP_URL set: the message was written to the outbox');
}
