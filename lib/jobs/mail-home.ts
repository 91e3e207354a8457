import path from 'node:path';

// Where an account's mail lives on the mail host, from MAIL_HOME: a path template with Dovecot's
// variables (%u address, %n local part, %d domain; %Lu etc. and %{user} %{username} %{domain} too).
// It must be the same template the mail servers' userdb gives as the home. A deleted account is no
// longer in the userdb, so doveadm cannot find its mail: the worker removes the directory itself.

const VARIABLE = /%(?:L?([und])|\{(user|username|domain)\}|(%))/g;
const NAMES: Record<string, 'u' | 'n' | 'd'> = { user: 'u', username: 'n', domain: 'd' };

export class MailHomeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailHomeError';
  }
}

function variableOf(match: RegExpExecArray | RegExpMatchArray): 'u' | 'n' | 'd' | '%' {
  if (match[3]) return '%';
  return (match[1] as 'u' | 'n' | 'd' | undefined) ?? NAMES[match[2] ?? ''] ?? '%';
}

/** A name that is safe as one path segment: no separators, not "." or "..", nothing unprintable. */
function safeSegmentValue(value: string): boolean {
  return value !== '' && value !== '.' && value !== '..' && !/[/\\\0-\x1f]/.test(value);
}

function splitAddress(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (at < 1 || !safeSegmentValue(local) || !safeSegmentValue(domain)) throw new MailHomeError(`Refusing an unsafe address for a path: ${address}`);
  return { local, domain };
}

/** The template's fixed part before the first variable: every home lies strictly below it. */
export function mailRoot(template: string): string {
  if (!path.isAbsolute(template)) throw new MailHomeError('MAIL_HOME must be an absolute path.');
  const first = template.search(/%(?!%)/);
  const fixed = first < 0 ? template : template.slice(0, first);
  const root = path.resolve(fixed.slice(0, fixed.lastIndexOf('/') + 1) || '/');
  if (root === '/' || root.split('/').filter(Boolean).length < 1) throw new MailHomeError('MAIL_HOME must start with a fixed directory (not /).');
  return root;
}

/** The home directory of `address` under `template`. */
export function homeOf(template: string, address: string): string {
  const root = mailRoot(template);
  const perUser = [...template.matchAll(VARIABLE)].some((match) => ['u', 'n'].includes(variableOf(match)));
  if (!perUser) throw new MailHomeError('MAIL_HOME must name the account (%u or %n): every account needs its own home.');
  const { local, domain } = splitAddress(address.toLowerCase());
  const values = { u: `${local}@${domain}`, n: local, d: domain, '%': '%' };
  const home = path.resolve(template.replace(VARIABLE, (...match) => values[variableOf(match as unknown as RegExpMatchArray)]));
  if (!home.startsWith(`${root}/`)) throw new MailHomeError(`The home of ${address} would not lie under ${root}.`);
  return home;
}

/**
 * Where a domain's mail is: `dir` and a pattern of the entries in it that belong to the domain. For
 * /var/vmail/%d/%n that is /var/vmail and exactly the entry "<domain>"; for /var/vmail/%u it is the
 * entries "<anything>@<domain>".
 */
export function domainMailOf(template: string, domain: string): { dir: string; entry: RegExp } {
  const root = mailRoot(template);
  if (!safeSegmentValue(domain)) throw new MailHomeError(`Refusing an unsafe domain for a path: ${domain}`);
  const rest = template.slice(root.length + 1);
  const [segment = ''] = rest.split('/');
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let pattern = '';
  let hasDomain = false;
  let last = 0;
  for (const match of segment.matchAll(VARIABLE)) {
    pattern += escape(segment.slice(last, match.index));
    const variable = variableOf(match);
    if (variable === 'd') hasDomain = true;
    if (variable === 'u') hasDomain = true;
    pattern += variable === 'd' ? escape(domain) : variable === 'u' ? `[^/]+@${escape(domain)}` : variable === 'n' ? '[^/]+' : '%';
    last = (match.index ?? 0) + match[0].length;
  }
  pattern += escape(segment.slice(last));
  if (!hasDomain) throw new MailHomeError('MAIL_HOME must name the domain (%d or %u) in its first variable part to find a domain’s mail.');
  return { dir: root, entry: new RegExp(`^${pattern}$`) };
}
