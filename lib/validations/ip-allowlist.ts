// IPv4/IPv6 addresses and CIDR classes, as an account's allowed-IP list takes them (a Postgres `cidr[]`).
// Shared by the browser and the server: no Node-only imports here (the server checks with node:net too).

export type IpEntry =
  /** `value` is the canonical spelling: lower-case, RFC 5952 for IPv6, no prefix for a single address. */
  | { ok: true; value: string; family: 4 | 6 }
  | { ok: false; reason: 'invalid' }
  /** A CIDR class with host bits set, e.g. 10.0.0.1/8: `network` is the class meant, 10.0.0.0/8. */
  | { ok: false; reason: 'hostBits'; network: string };

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

function parseIpv4(text: string): number[] | null {
  return IPV4.test(text) ? text.split('.').map(Number) : null;
}

function groupsOf(side: string): number[] | null {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (!v4) return null;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else if (HEX_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups;
}

/** The 16 bytes of an IPv6 address in any standard spelling (with `::` and an IPv4 tail); no zone ids. */
function parseIpv6(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  // An IPv4 tail may only end the address.
  if (halves.length === 2 && (halves[0] ?? '').includes('.')) return null;
  let groups: number[];
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return null;
    groups = [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    if (head.length !== 8) return null;
    groups = head;
  }
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

function formatIpv4(bytes: number[]): string {
  return bytes.join('.');
}

/** RFC 5952: lower-case, no leading zeros, the longest run of two or more zero groups as `::`. */
function formatIpv6(bytes: number[]): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
  // IPv4-mapped addresses keep the dotted tail (::ffff:192.0.2.1), as Postgres writes them.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${formatIpv4(bytes.slice(12))}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** One allowed-IP entry: an address, or an address with a prefix length whose host bits are zero. */
export function parseIpEntry(input: string): IpEntry {
  const text = input.trim();
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? null : text.slice(slash + 1);

  const v4 = parseIpv4(addressText);
  const bytes = v4 ?? (addressText.includes(':') ? parseIpv6(addressText) : null);
  if (!bytes) return { ok: false, reason: 'invalid' };
  const family = v4 ? 4 : 6;
  const bits = bytes.length * 8;

  if (prefixText !== null && !/^(?:0|[1-9][0-9]{0,2})$/.test(prefixText)) return { ok: false, reason: 'invalid' };
  const prefix = prefixText === null ? bits : Number(prefixText);
  if (prefix > bits) return { ok: false, reason: 'invalid' };

  const network = bytes.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
  const format = family === 4 ? formatIpv4 : formatIpv6;
  if (network.some((byte, i) => byte !== bytes[i])) {
    return { ok: false, reason: 'hostBits', network: `${format(network)}/${prefix}` };
  }
  return { ok: true, family, value: prefix === bits ? format(bytes) : `${format(bytes)}/${prefix}` };
}

/** The canonical spelling of an entry (as read back from Postgres, e.g. `10.0.0.1/32` → `10.0.0.1`). */
export function canonicalIpEntry(input: string): string {
  const parsed = parseIpEntry(input);
  return parsed.ok ? parsed.value : input.trim();
}
