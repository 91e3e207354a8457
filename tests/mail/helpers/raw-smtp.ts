import { randomBytes } from 'node:crypto';
import { LineClient } from './line-client';
import { mailServers } from './servers';

// Mail as another server on the internet would deliver it: port 25, no login, from an address of that
// server's. Postfix takes the address from XCLIENT (allowed from 127.0.0.1 by the testing configuration
// only), so rspamd checks SPF and DMARC against it instead of skipping loopback as a local sender.

export type RawMessage = { from: string; to: string; subject: string; body: string; headers?: Record<string, string> };

/** An RFC 5322 message with the headers a mail program writes. */
export function rawMessage({ from, to, subject, body, headers = {} }: RawMessage): string {
  const lines = [
    `From: <${from}>`,
    `To: <${to}>`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomBytes(8).toString('hex')}@${from.split('@')[1]}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    ...body.split('\n'),
  ];
  return lines.join('\r\n');
}

const reply = (line: string) => /^\d{3} /.test(line);

/** The last reply's code and text, failing the test on a connection problem (not on a refusal). */
async function step(client: LineClient, line: string | null): Promise<{ code: number; text: string }> {
  const lines = line === null ? await client.readUntil(reply) : await client.command(line, reply);
  const last = lines[lines.length - 1] ?? '';
  return { code: Number(last.slice(0, 3)), text: lines.join('\n') };
}

export type Delivery = { accepted: boolean; code: number; reply: string };

/**
 * Delivers `message` on port 25 as if from `clientAddress` (helo `helo`): the final reply to DATA, or the
 * refusal of an earlier command.
 */
export async function deliverFrom({ clientAddress, helo = 'mx.sender.test', message }: { clientAddress: string; helo?: string; message: RawMessage }): Promise<Delivery> {
  const client = await LineClient.connect({ port: mailServers().ports.smtp });
  try {
    const expect = async (line: string | null, code: number) => {
      const got = await step(client, line);
      if (got.code !== code) throw Object.assign(new Error(got.text), { refused: got });
      return got;
    };
    await expect(null, 220);
    await expect('EHLO tests.mailpanel.test', 250);
    // XCLIENT starts the session again with a new greeting.
    // The address and its reverse DNS name (as if the PTR lookup had found the helo name).
    await expect(`XCLIENT ADDR=${clientAddress} NAME=${helo} HELO=${helo}`, 220);
    await expect(`EHLO ${helo}`, 250);
    await expect(`MAIL FROM:<${message.from}>`, 250);
    await expect(`RCPT TO:<${message.to}>`, 250);
    await expect('DATA', 354);
    const data = rawMessage(message)
      .split('\r\n')
      .map((line) => (line.startsWith('.') ? `.${line}` : line))
      .join('\r\n');
    const end = await step(client, `${data}\r\n.`);
    await step(client, 'QUIT').catch(() => {});
    return { accepted: end.code === 250, code: end.code, reply: end.text };
  } catch (error) {
    const refused = (error as { refused?: { code: number; text: string } }).refused;
    if (refused) return { accepted: false, code: refused.code, reply: refused.text };
    throw error;
  } finally {
    client.close();
  }
}
