import { afterAll, beforeAll, expect, it } from 'vitest';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import type { TestDnsServer } from '../helpers/dns-server';
import { messageSource } from './helpers/clients';
import { deliverFrom, type RawMessage } from './helpers/raw-smtp';
import { describeWithRspamd, RSPAMD_START_TIMEOUT_MS, startRspamd, startRspamdDns, usePanelDkimEnv, type RunningRspamd } from './helpers/rspamd';
import { messageCount, useMailDatabase, waitForEmptyQueue, waitForMessages } from './helpers/servers';
import { login, mailAccount, mailWorld, saveSettings, uniqueName, type Account } from './helpers/world';

// Issue 18, point 4: mail arriving from other servers passes rspamd (Postfix's milter, as `npm run
// mail:config` renders it), which adds SPF, DKIM and DMARC verdicts and a spam score to its headers and marks
// spam; Dovecot's Sieve script files marked mail in Junk unless the account delivers spam to its Inbox; a
// sender domain's DMARC policy is followed. The senders' DNS is the tests' own server on loopback, and each
// message comes "from" an internet address (XCLIENT), so nothing is skipped as local. One rspamd start.

// The sending servers: one the sender domains' SPF records allow, one they do not.
const ALLOWED_IP = '198.51.100.7';
const FOREIGN_IP = '203.0.113.9';
const spf = `v=spf1 ip4:${ALLOWED_IP} -all`;

// rspamd's GTUBE string for its "add header" action (a spam score between add_header and reject); the
// testing configuration enables it (enable_test_patterns). The classic GTUBE string means "reject".
const GTUBE_SPAM = 'YJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';
const GTUBE_REJECT = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';

describeWithRspamd('incoming mail: verdicts, spam score, Junk (rspamd)', () => {
  useMailDatabase();
  let dns: TestDnsServer;
  let restoreEnv: () => void;
  let rspamd: RunningRspamd | undefined;
  let filed: Account;
  let inbox: Account;
  let senders: { good: string; reject: string; quarantine: string };

  beforeAll(async () => {
    const id = uniqueName('s');
    senders = { good: `good-${id}.example`, reject: `reject-${id}.example`, quarantine: `quarantine-${id}.example` };
    // The senders' domains as real ones look: SPF, DMARC, an MX, and the sending server's name resolving.
    const mx = [{ priority: 10, exchange: 'mx.sender.test' }];
    dns = await startRspamdDns({
      'mx.sender.test': { A: [ALLOWED_IP] },
      [senders.good]: { TXT: [spf], MX: mx },
      [`_dmarc.${senders.good}`]: { TXT: ['v=DMARC1; p=reject'] },
      [senders.reject]: { TXT: [spf], MX: mx },
      [`_dmarc.${senders.reject}`]: { TXT: ['v=DMARC1; p=reject'] },
      [senders.quarantine]: { TXT: [spf], MX: mx },
      [`_dmarc.${senders.quarantine}`]: { TXT: ['v=DMARC1; p=quarantine'] },
    });
    restoreEnv = usePanelDkimEnv(dns);
    const world = await mailWorld();
    filed = await mailAccount(world);
    inbox = await mailAccount(world);
    await saveSettings(world, inbox, 'general', { spamToInbox: true }, updateGeneral);
    rspamd = await startRspamd();
  }, RSPAMD_START_TIMEOUT_MS);

  afterAll(async () => {
    await rspamd?.stop();
    await dns?.close();
    restoreEnv?.();
  });

  const message = (from: string, to: Account, body = 'Hello, this is an ordinary message.\n'): RawMessage => ({
    from,
    to: to.address,
    subject: uniqueName('Incoming '),
    body,
  });

  /** Delivers and waits until it is in `mailbox`; answers the stored message. */
  async function receive(m: RawMessage, clientAddress: string, mailbox: 'INBOX' | 'Junk'): Promise<string> {
    const account = m.to === filed.address ? filed : inbox;
    const before = await messageCount(account.address, mailbox);
    const delivery = await deliverFrom({ clientAddress, message: m });
    expect(delivery.accepted, delivery.reply).toBe(true);
    await waitForMessages(account.address, before + 1, mailbox);
    return messageSource(login(account), m.subject, mailbox);
  }

  const header = (source: string, name: string): string[] => {
    const head = source.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    return head
      .split(/\r?\n/)
      .filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      .map((line) => line.slice(name.length + 1).trim());
  };

  it('adds SPF, DKIM and DMARC verdicts and the spam score; ordinary mail stays in the Inbox', async () => {
    const stored = await receive(message(`alice@${senders.good}`, filed), ALLOWED_IP, 'INBOX');
    const [results] = header(stored, 'Authentication-Results');
    expect(results).toMatch(new RegExp(`spf=pass .*smtp\\.mailfrom=alice@${senders.good.replaceAll('.', '\\.')}`));
    expect(results).toMatch(/dkim=none/);
    expect(results).toMatch(new RegExp(`dmarc=pass .*header\\.from=${senders.good.replaceAll('.', '\\.')}`));
    expect(header(stored, 'X-Spam-Status')).toEqual([expect.stringMatching(/^No, score=-?\d+\.\d\d$/)]);
    expect(header(stored, 'X-Spam-Flag')).toEqual([]);
  });

  it('replaces verdicts the sender wrote itself; spam marked "not spam" by its sender is still filed as spam', async () => {
    const forged = {
      ...message(`alice@${senders.good}`, filed),
      headers: { 'X-Spam-Status': 'No, score=-100.00', 'Authentication-Results': 'mail.mailpanel.test; dmarc=pass' },
    };
    const stored = await receive(forged, ALLOWED_IP, 'INBOX');
    expect(header(stored, 'X-Spam-Status')).toEqual([expect.stringMatching(/^No, score=-?\d+\.\d\d$/)]);
    expect(header(stored, 'Authentication-Results')).toEqual([expect.stringMatching(/spf=pass/)]);

    const spam = { ...message(`alice@${senders.good}`, filed, `${GTUBE_SPAM}\n`), headers: { 'X-Spam-Flag': 'NO' } };
    expect(header(await receive(spam, ALLOWED_IP, 'Junk'), 'X-Spam-Flag')).toEqual(['Yes']);
  });

  it("files spam (GTUBE) in Junk, and in the Inbox of an account that delivers spam to its Inbox", async () => {
    const toFiled = message(`alice@${senders.good}`, filed, `${GTUBE_SPAM}\n`);
    expect(header(await receive(toFiled, ALLOWED_IP, 'Junk'), 'X-Spam-Flag')).toEqual(['Yes']);
    const toInbox = message(`alice@${senders.good}`, inbox, `${GTUBE_SPAM}\n`);
    expect(header(await receive(toInbox, ALLOWED_IP, 'INBOX'), 'X-Spam-Flag')).toEqual(['Yes']);
    await waitForEmptyQueue();
    expect(await messageCount(inbox.address, 'Junk')).toBe(0);
  });

  it('refuses mail scoring above the reject threshold (classic GTUBE) at the end of DATA, for every account', async () => {
    for (const account of [filed, inbox]) {
      const delivery = await deliverFrom({ clientAddress: ALLOWED_IP, message: message(`alice@${senders.good}`, account, `${GTUBE_REJECT}\n`) });
      expect(delivery).toMatchObject({ accepted: false, code: 554 });
    }
  });

  it("follows a failing sender domain's DMARC policy: p=reject refused, p=quarantine filed as spam", async () => {
    const refused = await deliverFrom({ clientAddress: FOREIGN_IP, message: message(`mallory@${senders.reject}`, filed) });
    expect(refused).toMatchObject({ accepted: false, code: 554 });
    // The same domain's mail from the server its SPF record names passes.
    await receive(message(`alice@${senders.reject}`, filed), ALLOWED_IP, 'INBOX');

    const quarantined = await receive(message(`mallory@${senders.quarantine}`, filed), FOREIGN_IP, 'Junk');
    const [results] = header(quarantined, 'Authentication-Results');
    expect(results).toMatch(/spf=fail/);
    expect(results).toMatch(/dmarc=fail/);
    expect(header(quarantined, 'X-Spam-Flag')).toEqual(['Yes']);
    expect(header(quarantined, 'X-Spam-Status')).toEqual([expect.stringMatching(/^Yes, score=\d+\.\d\d$/)]);
  });
});
