// Runs in the browser and on the server: the WHATWG URL parser does the IDNA (punycode) conversion.

export type DomainNameError =
  | 'domains.errors.empty'
  | 'domains.errors.spaces'
  | 'domains.errors.tooLong'
  | 'domains.errors.labelTooLong'
  | 'domains.errors.hyphen'
  | 'domains.errors.invalid';

export type DomainNameResult = { ok: true; ascii: string } | { ok: false; error: DomainNameError };

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Lower-cased ASCII (punycode) form of a domain name, or why it is not one. */
export function parseDomainName(input: string): DomainNameResult {
  const raw = input.trim().replace(/\.$/, '');
  if (!raw) return { ok: false, error: 'domains.errors.empty' };
  if (/\s/.test(raw)) return { ok: false, error: 'domains.errors.spaces' };
  if (raw.length > 253) return { ok: false, error: 'domains.errors.tooLong' };
  let ascii: string;
  try {
    if (/[/?#@:\\[\]%]/.test(raw)) throw new Error('not a host name');
    ascii = new URL(`http://${raw}`).hostname.toLowerCase();
  } catch {
    return { ok: false, error: raw.split('.').some((l) => l.startsWith('-') || l.endsWith('-')) ? 'domains.errors.hyphen' : 'domains.errors.invalid' };
  }
  if (ascii.length > 253) return { ok: false, error: 'domains.errors.tooLong' };
  const labels = ascii.split('.');
  if (labels.length < 2) return { ok: false, error: 'domains.errors.invalid' };
  for (const label of labels) {
    if (label.length > 63) return { ok: false, error: 'domains.errors.labelTooLong' };
    if (label.startsWith('-') || label.endsWith('-')) return { ok: false, error: 'domains.errors.hyphen' };
    if (!LABEL.test(label)) return { ok: false, error: 'domains.errors.invalid' };
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) return { ok: false, error: 'domains.errors.invalid' };
  return { ok: true, ascii };
}
