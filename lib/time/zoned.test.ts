import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isTimeZone, RENAMED_ZONES, timeZoneNames, utcOffset, utcToZoned, zonedToUtc, zoneOffsets } from './zoned';

const ROME = 'Europe/Rome';
const iso = (local: string, zone: string) => zonedToUtc(local, zone)?.toISOString() ?? null;

describe('zonedToUtc / utcToZoned', () => {
  it('uses winter time (UTC+1) and summer time (UTC+2) in Rome', () => {
    expect(iso('2024-01-15T09:30', ROME)).toBe('2024-01-15T08:30:00.000Z');
    expect(iso('2024-07-15T09:30', ROME)).toBe('2024-07-15T07:30:00.000Z');
    expect(iso('2024-07-15T09:30', 'UTC')).toBe('2024-07-15T09:30:00.000Z');
    expect(iso('2024-07-15T09:30', 'America/New_York')).toBe('2024-07-15T13:30:00.000Z');
  });

  it('crosses the change to summer time (31 March 2024, 02:00 → 03:00)', () => {
    expect(iso('2024-03-30T12:00', ROME)).toBe('2024-03-30T11:00:00.000Z');
    expect(iso('2024-03-31T01:59', ROME)).toBe('2024-03-31T00:59:00.000Z');
    expect(iso('2024-03-31T03:00', ROME)).toBe('2024-03-31T01:00:00.000Z');
    expect(iso('2024-03-31T12:00', ROME)).toBe('2024-03-31T10:00:00.000Z');
    // 02:30 never happens that night: it moves forward by the hour skipped, to 03:30 summer time.
    expect(iso('2024-03-31T02:30', ROME)).toBe('2024-03-31T01:30:00.000Z');
    expect(utcToZoned(new Date('2024-03-31T01:30:00Z'), ROME)).toBe('2024-03-31T03:30');
  });

  it('crosses the change back to winter time (27 October 2024, 03:00 → 02:00)', () => {
    expect(iso('2024-10-27T01:30', ROME)).toBe('2024-10-26T23:30:00.000Z');
    // 02:30 happens twice: the earlier one (still summer time) is meant.
    expect(iso('2024-10-27T02:30', ROME)).toBe('2024-10-27T00:30:00.000Z');
    expect(iso('2024-10-27T03:00', ROME)).toBe('2024-10-27T02:00:00.000Z');
    expect(utcToZoned(new Date('2024-10-27T00:30:00Z'), ROME)).toBe('2024-10-27T02:30');
    expect(utcToZoned(new Date('2024-10-27T01:30:00Z'), ROME)).toBe('2024-10-27T02:30');
  });

  it('round-trips every hour across both changes', () => {
    for (const start of ['2024-03-30T00:00:00Z', '2024-10-26T00:00:00Z']) {
      for (let h = 0; h < 48; h++) {
        const instant = new Date(Date.parse(start) + h * 3_600_000);
        const local = utcToZoned(instant, ROME);
        const back = zonedToUtc(local, ROME);
        // The repeated hour maps back to its first occurrence; everything else exactly.
        expect(back!.getTime() === instant.getTime() || back!.getTime() === instant.getTime() - 3_600_000, local).toBe(true);
        expect(utcToZoned(back!, ROME)).toBe(local);
      }
    }
  });

  it('refuses malformed date-times and unknown zones', () => {
    for (const bad of ['', '2024-02-30T10:00', '2024-13-01T10:00', '2024-01-01T24:00', '2024-01-01 10:00', '2024-01-01T10:00:00', 'tomorrow']) {
      expect(zonedToUtc(bad, ROME), bad).toBeNull();
    }
    expect(zonedToUtc('2024-02-29T10:00', ROME)).not.toBeNull();
    expect(zonedToUtc('2024-01-01T10:00', 'Mars/Olympus')).toBeNull();
  });
});

describe('time zone names', () => {
  it('accepts IANA names in any case and refuses anything else', () => {
    expect(canonicalTimeZone('europe/rome')).toBe(ROME);
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    for (const bad of ['', 'Rome', 'Mars/Olympus', '+01:00', 'Europe/Rome; drop table', ' Europe/Rome']) expect(isTimeZone(bad), bad).toBe(false);
  });

  it('offers UTC first and only names the runtime knows', () => {
    const names = timeZoneNames();
    expect(names[0]).toBe('UTC');
    expect(names).toContain(ROME);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('current zone names', () => {
  it('stores and offers the current IANA names, never the renamed ones', () => {
    expect(canonicalTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('asia/kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('Europe/Kyiv')).toBe('Europe/Kyiv');
    const names = timeZoneNames();
    expect(names).toContain('Asia/Kolkata');
    expect(names).toContain('Europe/Kyiv');
    for (const legacy of Object.keys(RENAMED_ZONES)) expect(names, legacy).not.toContain(legacy);
    // Every name offered is one the runtime accepts, and comes back as itself.
    for (const name of names) expect(canonicalTimeZone(name), name).toBe(name);
  });

  it('shows the offset from UTC at a given instant', () => {
    expect(utcOffset('Asia/Kolkata', new Date('2026-01-15T12:00:00Z'))).toBe('UTC+05:30');
    expect(utcOffset('Europe/Rome', new Date('2026-07-15T12:00:00Z'))).toBe('UTC+02:00');
    expect(utcOffset('America/New_York', new Date('2026-01-15T12:00:00Z'))).toBe('UTC−05:00');
    expect(utcOffset('UTC')).toBe('UTC+00:00');
    expect(utcOffset('Mars/Olympus')).toBe('');
  });

  it('agrees with Intl on the offset of every zone, on both sides of a daylight saving switch', () => {
    const intlOffset = (zone: string, at: Date) => {
      const value = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
      const offset = value.replace(/^GMT/, '');
      return `UTC${offset === '' ? '+00:00' : offset.replace('-', '−')}`;
    };
    // Rome and New York switch at 01:00 UTC and 07:00 UTC on these days.
    const instants = ['2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z', '2026-03-08T06:59:00Z', '2026-03-08T07:00:00Z', '2026-11-01T05:59:00Z', '2026-11-01T06:00:00Z'];
    for (const iso of instants) {
      const at = new Date(iso);
      for (const zone of timeZoneNames()) expect(utcOffset(zone, at), `${zone} at ${iso}`).toBe(intlOffset(zone, at));
    }
  });

  it('lists each zone with its offset, the same list within a quarter hour and a new one after', () => {
    const zones = ['UTC', 'Europe/Rome', 'America/New_York'];
    const before = zoneOffsets(zones, new Date('2026-03-29T00:50:00Z'));
    expect(before).toEqual([
      { zone: 'UTC', offset: 'UTC+00:00' },
      { zone: 'Europe/Rome', offset: 'UTC+01:00' },
      { zone: 'America/New_York', offset: 'UTC−04:00' },
    ]);
    // Another array with the same names (a client component's props) reuses the list.
    expect(zoneOffsets([...zones], new Date('2026-03-29T00:59:00Z'))).toBe(before);
    expect(zoneOffsets(zones, new Date('2026-03-29T01:00:00Z'))[1]).toEqual({ zone: 'Europe/Rome', offset: 'UTC+02:00' });
    expect(zoneOffsets(['Asia/Kolkata'], new Date('2026-03-29T01:00:00Z'))).toEqual([{ zone: 'Asia/Kolkata', offset: 'UTC+05:30' }]);
  });
});
