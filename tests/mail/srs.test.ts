import { describe, expect, inject, it } from 'vitest';
import { createAlias } from '@/lib/aliases/create-alias';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import { deliver } from './helpers/clients';
import { LineClient } from './helpers/line-client';
import { mailServers, useMailDatabase, waitForEmptyQueue } from './helpers/servers';
import { SINK_DOMAIN, sunkMessages, type SunkMessage } from './helpers/smtp-sink';
import { waitFor } from './helpers/wait';
import { mailAccount, mailWorld, saveSettings, uniqueName } from './helpers/world';

// SRS (issue 18) with Debian's postsrsd: mail forwarded elsewhere leaves with an SRS0 envelope sender of the
// mail host's SRS domain, and a bounce sent back to that address reaches the original sender. "Elsewhere" is
// the tests' SMTP sink (sink.test and its subdomains). Skipped where postsrsd is not installed (never in CI).

useMailDatabase();
const srsDomain = inject('mailServers').srsDomain;

/** The message the sink received for `rcpt`, once it has. */
function arrivedFor(rcpt: string): Promise<SunkMessage> {
  return waitFor(`a message for ${rcpt} at the sink`, () => sunkMessages(mailServers().sinkDir).find((m) => m.rcptTo.includes(rcpt)));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** SRS0=HHHH=TT=<domain>=<local>@<srs domain>: postsrsd's form of `original`. */
function srsPattern(original: string): RegExp {
  const [local, domain] = original.split('@') as [string, string];
  return new RegExp(`^SRS0=[^=]{4}=[^=]{2}=${escape(domain)}=${escape(local)}@${escape(srsDomain ?? '')}$`, 'i');
}

/** A bounce as another mail server sends one: null sender, to `rcpt`, on port 25. The reply to RCPT. */
async function sendBounce(rcpt: string, subject: string): Promise<string> {
  const client = await LineClient.connect({ port: mailServers().ports.smtp });
  const reply = (line: string) => /^\d{3} /.test(line);
  try {
    await client.readUntil(reply);
    await client.command('EHLO sink.test', reply);
    await client.command('MAIL FROM:<>', reply);
    const [rcptReply = ''] = (await client.command(`RCPT TO:<${rcpt}>`, reply)).slice(-1);
    if (!rcptReply.startsWith('250')) return rcptReply;
    await client.command('DATA', reply);
    const [done = ''] = (await client.command(`From: MAILER-DAEMON@${SINK_DOMAIN}\r\nTo: <${rcpt}>\r\nSubject: ${subject}\r\n\r\nThe forward target does not exist.\r\n.`, reply)).slice(-1);
    await client.command('QUIT', reply).catch(() => {});
    return done.startsWith('250') ? rcptReply : done;
  } finally {
    client.close();
  }
}

describe.skipIf(!srsDomain)('SRS for forwarded mail (postsrsd)', () => {
  it('rewrites the envelope sender of an account\'s forward, and a bounce to the SRS address reaches the original sender', async () => {
    const w = await mailWorld();
    const original = `${uniqueName('alice')}@origin.${SINK_DOMAIN}`;
    const target = `${uniqueName('bob')}@${SINK_DOMAIN}`;
    const forwarding = await mailAccount(w);
    await saveSettings(w, forwarding, 'general', { forwards: target, forwardKeepCopy: false }, updateGeneral);

    expect((await deliver({ from: original, to: forwarding.address, subject: 'Passed on' })).ok).toBe(true);
    const forwarded = await arrivedFor(target);
    expect(forwarded.mailFrom).toMatch(srsPattern(original));
    // Only the envelope changes: the From header is the author's, as DKIM and DMARC need.
    expect(forwarded.data).toMatch(new RegExp(`^From: ${escape(original)}$`, 'mi'));

    // The target's server bounces it to the SRS address: our Postfix accepts that and sends it to the original sender.
    expect(await sendBounce(forwarded.mailFrom, 'Undelivered: Passed on')).toMatch(/^250 /);
    const bounced = await arrivedFor(original);
    expect(bounced.mailFrom).toBe('');
    expect(bounced.data).toMatch(/^Subject: Undelivered: Passed on$/m);
    await waitForEmptyQueue();
  });

  it('rewrites mail an alias sends elsewhere; keeps a hosted sender as it is; refuses a forged SRS address at RCPT', async () => {
    const w = await mailWorld();
    const original = `${uniqueName('carol')}@origin.${SINK_DOMAIN}`;
    const target = `${uniqueName('dave')}@${SINK_DOMAIN}`;
    const created = await createAlias({ caller: w.A, ip: null, domainId: w.domain.id, input: { localPart: uniqueName('al'), targets: [target] } });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const alias = created.data.address;

    expect((await deliver({ from: original, to: alias, subject: 'Through the alias' })).ok).toBe(true);
    expect((await arrivedFor(target)).mailFrom).toMatch(srsPattern(original));

    // A sender of a hosted domain passes SPF as it is (our host is in its record): not rewritten.
    const local = await mailAccount(w);
    const second = `${uniqueName('erin')}@${SINK_DOMAIN}`;
    const other = await createAlias({ caller: w.A, ip: null, domainId: w.domain.id, input: { localPart: uniqueName('al'), targets: [second] } });
    if (!other.ok) throw new Error(JSON.stringify(other));
    expect((await deliver({ from: local.address, to: other.data.address, subject: 'From inside' })).ok).toBe(true);
    expect((await arrivedFor(second)).mailFrom).toBe(local.address);

    // An SRS address whose hash does not match is not ours to send anywhere: unknown at RCPT.
    const forged = `SRS0=AAAA=AA=origin.${SINK_DOMAIN}=${uniqueName('mallory')}@${srsDomain}`;
    expect(await sendBounce(forged, 'Forged')).toMatch(/^550 /);
    await waitForEmptyQueue();
  });
});
