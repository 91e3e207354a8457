import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { base32, decryptOtpSecret, encryptOtpSecret, generateOtpSecret, groupSecret, matchTotpStep, normalizeOtpCode, otpauthUri, totpCode, totpCodeAtStep, totpStep } from './totp';

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= 'unit-test-secret-unit-test-secret-0123456789';
});

// RFC 6238, appendix B: the SHA-1 rows. The seed is the ASCII "12345678901234567890"; 8 digits.
const RFC_SECRET = base32(Buffer.from('12345678901234567890', 'ascii'));
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

function oathtool(secret: string, unixSeconds?: number, digits = 6): string {
  const args = ['--totp', '-b', `--digits=${digits}`, secret];
  if (unixSeconds !== undefined) args.splice(2, 0, `--now=@${unixSeconds}`);
  return execFileSync('oathtool', args, { encoding: 'utf8' }).trim();
}

describe('TOTP (RFC 6238, SHA-1, 30 s)', () => {
  it('passes the RFC 6238 appendix B test vectors', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    for (const [time, code] of RFC_VECTORS) expect(totpCode(RFC_SECRET, time, 8), `T=${time}`).toBe(code);
  });

  it('agrees with an independent implementation (oathtool from OATH Toolkit)', () => {
    for (const [time, code] of RFC_VECTORS) expect(oathtool(RFC_SECRET, time, 8)).toBe(code);
    for (let i = 0; i < 5; i++) {
      const secret = generateOtpSecret();
      for (const time of [0, 59, 1_700_000_000, 1_700_000_029, 1_700_000_030]) {
        expect(totpCode(secret, time), `${secret} at ${time}`).toBe(oathtool(secret, time));
      }
      // oathtool at the current time: accepted right now.
      expect(matchTotpStep(secret, oathtool(secret))).not.toBeNull();
    }
  });

  it('makes 20-byte secrets: 32 base32 characters, a multiple of 8', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const secret = generateOtpSecret();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      seen.add(secret);
    }
    expect(seen.size).toBe(50);
    expect(base32(Buffer.from('foobar'))).toBe('MZXW6YTBOI'); // RFC 4648 test vector (unpadded)
  });

  it('accepts one step of drift either way, not two', () => {
    const secret = generateOtpSecret();
    const now = 1_700_000_015_000;
    const step = totpStep(now);
    expect(matchTotpStep(secret, totpCodeAtStep(secret, step), now)).toBe(step);
    expect(matchTotpStep(secret, totpCodeAtStep(secret, step - 1), now)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCodeAtStep(secret, step + 1), now)).toBe(step + 1);
    for (const far of [step - 2, step + 2]) {
      const code = totpCodeAtStep(secret, far);
      // Unless, by chance, a nearby step has the same code.
      const collides = [step - 1, step, step + 1].some((s) => totpCodeAtStep(secret, s) === code);
      if (!collides) expect(matchTotpStep(secret, code, now)).toBeNull();
    }
  });

  it('takes a code with spaces, refuses anything else', () => {
    expect(normalizeOtpCode(' 123 456 ')).toBe('123456');
    for (const bad of ['12345', '1234567', 'abcdef', '', null, 123456]) expect(normalizeOtpCode(bad)).toBeNull();
    expect(matchTotpStep(generateOtpSecret(), 'nope')).toBeNull();
  });

  it('encrypts secrets at rest, bound to their principal', () => {
    const secret = generateOtpSecret();
    const stored = encryptOtpSecret(secret, 'mailbox:7');
    expect(stored).not.toContain(secret);
    expect(stored.startsWith('v1.')).toBe(true);
    expect(encryptOtpSecret(secret, 'mailbox:7')).not.toBe(stored); // a fresh IV each time
    expect(decryptOtpSecret(stored, 'mailbox:7')).toBe(secret);
    expect(decryptOtpSecret(stored, 'mailbox:8')).toBeNull();
    const [v, iv, data, tag] = stored.split('.');
    const flipped = `${v}.${iv}.${(data ?? '').slice(0, -2)}${(data ?? '').endsWith('AA') ? 'AB' : 'AA'}.${tag}`;
    expect(decryptOtpSecret(flipped, 'mailbox:7')).toBeNull();
    expect(decryptOtpSecret('garbage', 'mailbox:7')).toBeNull();
  });

  it('writes the otpauth address and the grouped key apps expect', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'pm@shop.example');
    expect(uri).toBe('otpauth://totp/mailpanel:pm%40shop.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=mailpanel&algorithm=SHA1&digits=6&period=30');
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
  });
});
