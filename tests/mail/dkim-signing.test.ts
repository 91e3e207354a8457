import fs from 'node:fs';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getDb } from '@/db';
import { mailJobs } from '@/db/schema';
import { generateDkimKey } from '@/lib/dkim/generate-key';
import { dkimRecordValue } from '@/lib/dns/records';
import type { TestDnsServer } from '../helpers/dns-server';
import { messageSource, submit } from './helpers/clients';
import { publishAndActivateDkimKey } from './helpers/dkim';
import { dkimVerify, dkimVerifyAll } from './helpers/dkim-verify';
import { describeWithRspamd, RSPAMD_START_TIMEOUT_MS, rspamdWorld, startRspamd, startRspamdDns, usePanelDkimEnv, type RunningRspamd } from './helpers/rspamd';
import { useMailDatabase, waitForMessages } from './helpers/servers';
import { waitFor } from './helpers/wait';
import { login, mailAccount, mailWorld, uniqueName, type Account, type World } from './helpers/world';

// Issue 18, point 3: a message an account submits leaves DKIM-signed by rspamd (Postfix's milter, as
// `npm run mail:config` renders it) with its domain's active key, the one the panel made, published and
// had the worker render; dkimpy, an implementation independent of both, verifies it against the record in
// DNS. Everything here goes through one rspamd start.

describeWithRspamd('outgoing mail is DKIM-signed (rspamd)', () => {
  useMailDatabase();
  let dns: TestDnsServer;
  let restoreEnv: () => void;
  let rspamd: RunningRspamd | undefined;
  let signed: World;
  let sender: Account;
  let unsignedSender: Account;
  let recipient: Account;
  let selector: string;
  let dual: World;
  let dualSender: Account;
  let dualSelectors: { rsa: string; ed25519: string };
  let later: World;
  let laterSender: Account;
  let laterRsa: string;

  beforeAll(async () => {
    dns = await startRspamdDns();
    restoreEnv = usePanelDkimEnv(dns);
    signed = await mailWorld();
    sender = await mailAccount(signed);
    unsignedSender = await mailAccount(await mailWorld());
    recipient = await mailAccount(await mailWorld());
    // The key files are in place before rspamd starts, as on a mail host whose worker has run.
    selector = await publishAndActivateDkimKey(signed, dns);
    // A domain that chose the second signature: its RSA key and an ed25519 key, both published and active.
    dual = await mailWorld();
    dualSender = await mailAccount(dual);
    dualSelectors = { rsa: await publishAndActivateDkimKey(dual, dns), ed25519: await publishAndActivateDkimKey(dual, dns, 'ed25519') };
    // One that turns ed25519 on while rspamd runs.
    later = await mailWorld();
    laterSender = await mailAccount(later);
    laterRsa = await publishAndActivateDkimKey(later, dns);
    rspamd = await startRspamd();
  }, RSPAMD_START_TIMEOUT_MS);

  afterAll(async () => {
    await rspamd?.stop();
    await dns?.close();
    restoreEnv?.();
  });

  /** Submits a message as `from` to the recipient and answers it as the recipient's mailbox holds it. */
  async function sendAndFetch(from: Account, subject: string): Promise<string> {
    const before = await waitForMessages(recipient.address, 0);
    const sent = await submit(login(from), { from: from.address, to: recipient.address, subject, text: 'Signed on its way out.\nSecond line.' });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    await waitForMessages(recipient.address, before + 1);
    return messageSource(login(recipient), subject);
  }

  it("signs what an account submits with its domain's active key; dkimpy verifies it against the published record", async () => {
    const message = await sendAndFetch(sender, uniqueName('Signed '));
    expect(message).toMatch(/^DKIM-Signature:/im);
    expect(await dkimVerify(message, dns.address)).toEqual({ ok: true, domain: signed.domain.name, selector });
  });

  it('the verification is real: a copy changed after signing, or checked against another key, fails', async () => {
    const message = await sendAndFetch(sender, uniqueName('Tampered '));
    expect((await dkimVerify(message.replace('Second line.', 'Second line, changed.'), dns.address)).ok).toBe(false);
    const record = `${selector}._domainkey.${signed.domain.name}`;
    const published = dns.records[record];
    try {
      // Another key in place of this one's.
      dns.records[record] = { TXT: [dkimRecordValue((await generateDkimKey()).publicKey)] };
      expect((await dkimVerify(message, dns.address)).ok).toBe(false);
    } finally {
      dns.records[record] = published!;
    }
    expect((await dkimVerify(message, dns.address)).ok).toBe(true);
  });

  it('signs twice, RSA and ed25519, for a domain that chose ed25519; dkimpy verifies both against the published records', async () => {
    const message = await sendAndFetch(dualSender, uniqueName('Dual '));
    expect(message.match(/^DKIM-Signature:/gim)).toHaveLength(2);
    const verdicts = await dkimVerifyAll(message, dns.address);
    expect(verdicts.map(({ ok, domain, selector: s, algorithm }) => ({ ok, domain, selector: s, algorithm })).sort((a, b) => a.selector!.localeCompare(b.selector!))).toEqual([
      { ok: true, domain: dual.domain.name, selector: dualSelectors.ed25519, algorithm: 'ed25519-sha256' },
      { ok: true, domain: dual.domain.name, selector: dualSelectors.rsa, algorithm: 'rsa-sha256' },
    ]);
    // Each against its own record: the ed25519 one fails with another ed25519 key published in its place.
    const record = `${dualSelectors.ed25519}._domainkey.${dual.domain.name}`;
    const published = dns.records[record];
    try {
      dns.records[record] = { TXT: [dkimRecordValue((await generateDkimKey('ed25519')).publicKey, 'ed25519')] };
      const swapped = await dkimVerifyAll(message, dns.address);
      expect(swapped.find((v) => v.selector === dualSelectors.ed25519)?.ok).toBe(false);
      expect(swapped.find((v) => v.selector === dualSelectors.rsa)?.ok).toBe(true);
    } finally {
      dns.records[record] = published!;
    }
  });

  it('turned on while rspamd runs: the worker has rspamd reload (SIGHUP), and the next messages carry both signatures', async () => {
    // As worker.env gives it on a mail host: rspamd's pid file (here, the pid of the rspamd this file started).
    const pidFile = path.join(rspamdWorld().dkimKeyDir, '..', 'test-rspamd.pid');
    fs.writeFileSync(pidFile, `${rspamd!.pid}\n`);
    process.env.RSPAMD_PID_FILE = pidFile;
    try {
      const before = await sendAndFetch(laterSender, uniqueName('Before ed25519 '));
      expect(before.match(/^DKIM-Signature:/gim)).toHaveLength(1);
      const ed = await publishAndActivateDkimKey(later, dns, 'ed25519');
      const note = (await getDb().select({ note: mailJobs.note }).from(mailJobs).where(eq(mailJobs.kind, 'dkim-sync')).orderBy(desc(mailJobs.id)).limit(1))[0]?.note;
      expect(note).toMatch(/ signer:reloaded$/);
      // rspamd reloads its rules (a few seconds of CPU); old workers may answer until then.
      const verdicts = await waitFor('a message signed twice after the reload', async () => {
        const found = await dkimVerifyAll(await sendAndFetch(laterSender, uniqueName('After ed25519 ')), dns.address);
        return found.length === 2 ? found : undefined;
      }, { timeoutMs: 120_000, intervalMs: 2_000 });
      expect(verdicts.map((v) => [v.selector, v.ok]).sort()).toEqual([
        [ed, true],
        [laterRsa, true],
      ].sort());
    } finally {
      delete process.env.RSPAMD_PID_FILE;
      fs.rmSync(pidFile, { force: true });
    }
  }, 180_000);

  it('leaves mail of a domain without an active key unsigned', async () => {
    const message = await sendAndFetch(unsignedSender, uniqueName('Unsigned '));
    expect(message).not.toMatch(/^DKIM-Signature:/im);
  });

  it('after a rotation signs with the new key once it is active; the old record still verifies older mail', async () => {
    const older = await sendAndFetch(sender, uniqueName('Before rotation '));
    const next = await publishAndActivateDkimKey(signed, dns);
    expect(next).not.toBe(selector);
    // rspamd rereads the selector map the worker rewrote within a second (the testing configuration).
    const verdict = await waitFor('a message signed with the new selector', async () => {
      const found = await dkimVerify(await sendAndFetch(sender, uniqueName('After rotation ')), dns.address);
      return found.selector === next ? found : undefined;
    }, { timeoutMs: 30_000, intervalMs: 500 });
    expect(verdict).toEqual({ ok: true, domain: signed.domain.name, selector: next });
    expect(await dkimVerify(older, dns.address)).toEqual({ ok: true, domain: signed.domain.name, selector });
  });
});
