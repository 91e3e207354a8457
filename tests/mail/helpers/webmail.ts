import { LineClient } from './line-client';
import { mailServers } from './servers';
import type { Credentials } from './clients';

const quoted = (text: string) => `"${text.replace(/(["\\])/g, '\\$1')}"`;

/**
 * An IMAP LOGIN on Roundcube's own loopback port, as Roundcube makes it: the person's address first in an
 * IMAP ID (x-originating-ip) when `forwardedFor` is given. True when Dovecot lets the user in.
 */
export async function webmailImapLogin({ user, pass, forwardedFor }: Credentials & { forwardedFor?: string }): Promise<boolean> {
  const client = await LineClient.connect({ port: mailServers().ports.webmailImap });
  try {
    await client.readUntil((line) => line.startsWith('* OK'));
    if (forwardedFor) {
      const [id = ''] = (await client.command(`a0 ID ("name" "test" "x-originating-ip" ${quoted(forwardedFor)})`, (line) => line.startsWith('a0 '))).slice(-1);
      if (!id.startsWith('a0 OK')) throw new Error(`ID refused: ${id}`);
    }
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

/** A browser's side of Roundcube over HTTP: its cookies, its request token, the pages it was sent. */
export class RoundcubeClient {
  private readonly cookies = new Map<string, string>();
  private token = '';

  constructor(
    private readonly base: string,
    /** Sent as X-Forwarded-For, as the site's TLS proxy in front of nginx would (Roundcube trusts it from loopback). */
    private readonly forwardedFor?: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...(this.forwardedFor ? { 'x-forwarded-for': this.forwardedFor } : {}), ...extra };
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || value === '-del-' || /expires=Thu, 01[- ]Jan[- ]1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(query: string, extra: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    const response = await fetch(`${this.base}/${query}`, { headers: this.headers(extra), redirect: 'manual' });
    this.keep(response);
    const body = await response.text();
    const token = /"request_token":"([^"]+)"/.exec(body)?.[1];
    if (token) this.token = token;
    return { status: response.status, body };
  }

  /** Signs in through Roundcube's login form; the page after the redirect (or the refusal) with its status. */
  async login(user: string, pass: string): Promise<{ ok: boolean; status: number; body: string }> {
    const form = await this.get('?_task=login');
    const token = /name="_token" value="([^"]+)"/.exec(form.body)?.[1];
    if (!token) throw new Error(`Roundcube's login form has no token (HTTP ${form.status}):\n${form.body.slice(0, 2000)}`);
    const response = await fetch(`${this.base}/?_task=login`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: new URLSearchParams({ _token: token, _task: 'login', _action: 'login', _timezone: 'UTC', _url: '', _user: user, _pass: pass }).toString(),
      redirect: 'manual',
    });
    this.keep(response);
    if (response.status === 302) {
      const page = await this.get('?_task=mail&_mbox=INBOX');
      return { ok: page.status === 200 && page.body.includes('"task":"mail"'), ...page };
    }
    return { ok: false, status: response.status, body: await response.text() };
  }

  /** The message list as Roundcube's page asks for it (JSON, dates formatted for the person). */
  async messageList(): Promise<string> {
    const list = await this.get('?_task=mail&_action=list&_mbox=INBOX&_page=1&_remote=1', { 'x-roundcube-request': this.token });
    if (list.status !== 200) throw new Error(`The message list failed (HTTP ${list.status}): ${list.body.slice(0, 500)}`);
    return list.body;
  }

  /**
   * Roundcube's Settings → Password form (the password plugin), sent as the browser sends it; the page
   * that comes back, with the message Roundcube shows (success or the refusal's reason) in its script.
   */
  async changePassword(current: string, next: string): Promise<{ status: number; body: string }> {
    const form = await this.get('?_task=settings&_action=plugin.password');
    if (form.status !== 200 || !form.body.includes('_newpasswd')) throw new Error(`No password form (HTTP ${form.status}): ${form.body.slice(0, 500)}`);
    const response = await fetch(`${this.base}/?_task=settings&_action=plugin.password-save`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: new URLSearchParams({ _token: this.token, _task: 'settings', _action: 'plugin.password-save', _curpasswd: current, _newpasswd: next, _confpasswd: next }).toString(),
      redirect: 'manual',
    });
    this.keep(response);
    return { status: response.status, body: await response.text() };
  }

  /** The company address book's first page as Roundcube's address book page asks for it (JSON). */
  async companyAddressBook(): Promise<string> {
    const list = await this.get('?_task=addressbook&_action=list&_source=mailpanel&_page=1&_remote=1', { 'x-roundcube-request': this.token });
    if (list.status !== 200) throw new Error(`The address book failed (HTTP ${list.status}): ${list.body.slice(0, 500)}`);
    return list.body;
  }
}
