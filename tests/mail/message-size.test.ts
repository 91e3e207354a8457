import { describe, expect, it } from 'vitest';
import { deliver, submit } from './helpers/clients';
import { mailServers, subjects, useMailDatabase, waitForEmptyQueue, waitForMessages } from './helpers/servers';
import { SINK_DOMAIN, sunkMessages } from './helpers/smtp-sink';
import { login, mailAccount, mailWorld, uniqueName } from './helpers/world';

// The message size limit of each plan (issue 18), enforced by the policy service: at RCPT when the client
// declares the size (only that recipient refused), at the end of the message by its real size.

useMailDatabase();
const MB = 1024 * 1024;
const SENDER = 'sender@example.net';
// Postfix puts the address (or <END-OF-MESSAGE>) and what was rejected before the policy service's text.
const TOO_BIG = /^552 5\.3\.4 .*Message too big: the plan of this address accepts messages up to 1 MB/;

const text = (bytes: number) => `${'x'.repeat(76)}\r\n`.repeat(Math.ceil(bytes / 78));

describe('message size limit per plan', () => {
  it('refuses a message over the recipient plan\'s limit with a clear reply and delivers one under it', async () => {
    const small = await mailWorld({ maxMessageBytes: 1 * MB });
    const big = await mailWorld({ maxMessageBytes: 20 * MB });
    const a = await mailAccount(small);
    const b = await mailAccount(big);

    // Declared in MAIL FROM: refused at RCPT for the small plan only.
    const declared = await deliver({ from: SENDER, to: a.address, subject: 'Declared', text: text(1.5 * MB), size: 1.5 * MB });
    expect(declared).toMatchObject({ ok: false, code: 552 });
    expect(declared.ok ? '' : declared.response).toMatch(TOO_BIG);
    expect((await deliver({ from: SENDER, to: b.address, subject: 'Declared, bigger plan', text: text(1.5 * MB), size: 1.5 * MB })).ok).toBe(true);

    // Not declared: refused at the end of the message, by its real size.
    const undeclared = await deliver({ from: SENDER, to: a.address, subject: 'Undeclared', text: text(1.5 * MB) });
    expect(undeclared).toMatchObject({ ok: false, code: 552 });
    expect(undeclared.ok ? '' : undeclared.response).toMatch(TOO_BIG);

    // Under the limit: delivered.
    expect((await deliver({ from: SENDER, to: a.address, subject: 'Fits', text: text(0.5 * MB) })).ok).toBe(true);
    await waitForMessages(a.address, 1);
    await waitForMessages(b.address, 1);
    await waitForEmptyQueue();
    expect(await subjects(a.address)).toEqual(['Fits']);
    expect(await subjects(b.address)).toEqual(['Declared, bigger plan']);
  });

  it('applies the sending account\'s plan to what it sends elsewhere', async () => {
    const small = await mailWorld({ maxMessageBytes: 1 * MB });
    const me = await mailAccount(small);
    const there = `${uniqueName('far')}@${SINK_DOMAIN}`;
    const refused = await submit(login(me), { from: me.address, to: there, subject: 'Too big to send', text: text(1.5 * MB) });
    expect(refused).toMatchObject({ ok: false, code: 552 });
    expect((await submit(login(me), { from: me.address, to: there, subject: 'Small enough', text: text(0.5 * MB) })).ok).toBe(true);
    await waitForEmptyQueue();
    const arrived = sunkMessages(mailServers().sinkDir).filter((m) => m.rcptTo.includes(there));
    expect(arrived.map((m) => /^Subject: (.*)$/m.exec(m.data)?.[1])).toEqual(['Small enough']);
  });
});
