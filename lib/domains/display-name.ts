import { domainToUnicode } from 'node:url';

// A list shows the same few domains on every row; converting costs more than looking up.
const shown = new Map<string, string>();

/** Domains are stored as punycode and shown in Unicode. */
export function displayDomain(ascii: string): string {
  let unicode = shown.get(ascii);
  if (unicode === undefined) {
    unicode = domainToUnicode(ascii) || ascii;
    if (shown.size >= 1000) shown.clear();
    shown.set(ascii, unicode);
  }
  return unicode;
}

export function displayAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : `${address.slice(0, at)}@${displayDomain(address.slice(at + 1))}`;
}
