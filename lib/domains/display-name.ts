import { domainToUnicode } from 'node:url';

/** Domains are stored as punycode and shown in Unicode. */
export function displayDomain(ascii: string): string {
  return domainToUnicode(ascii) || ascii;
}

export function displayAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : `${address.slice(0, at)}@${displayDomain(address.slice(at + 1))}`;
}
