// Wall-clock date-times in an IANA time zone, converted to and from instants with Intl only, so the
// same code runs in the browser and on the server. Shared by the browser and the server: no Node-only imports.

/** A local date-time as an `<input type="datetime-local">` gives it, to the minute: `YYYY-MM-DDTHH:mm`. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA zone name this runtime knows (case-insensitive, aliases included). */
export function isTimeZone(timeZone: string): boolean {
  return canonicalTimeZone(timeZone) !== null;
}

/**
 * The names ICU (hence Intl, in Node and in browsers) still answers with, where the IANA database has
 * renamed the zone; the current name is what the panel shows and stores. Migration 0013 moved stored
 * values. From tzdata's `backward` file, limited to the names Intl lists.
 */
export const RENAMED_ZONES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/**
 * The current IANA name of a zone (`europe/rome` → `Europe/Rome`, `Asia/Calcutta` → `Asia/Kolkata`), or
 * null when it is not one. Fixed offsets such as `+01:00` are not zone names and are refused.
 */
export function canonicalTimeZone(timeZone: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(timeZone)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return RENAMED_ZONES[resolved] ?? resolved;
}

let zoneNames: readonly string[] | undefined;

/** The zone names offered in pickers, by their current names: UTC first, then the runtime's list, sorted. */
export function timeZoneNames(): readonly string[] {
  if (!zoneNames) {
    const names = new Set(Intl.supportedValuesOf('timeZone').map((zone) => RENAMED_ZONES[zone] ?? zone));
    names.delete('UTC');
    zoneNames = Object.freeze(['UTC', ...[...names].sort()]);
  }
  return zoneNames;
}

/** The zone's offset from UTC at `at`, as `UTC+05:30` (`UTC+00:00` for zero). */
export function utcOffset(timeZone: string, at: Date = new Date()): string {
  let minutes: number;
  try {
    // The wall-clock formatter is kept per zone: building an Intl.DateTimeFormat costs ~0.3 ms, and a
    // picker asks for ~400 zones.
    minutes = Math.round(offsetAt(at.getTime(), timeZone) / MINUTE);
  } catch {
    return '';
  }
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `UTC${minutes < 0 ? '−' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export type ZoneOffset = { zone: string; offset: string };
let offsetList: { key: string; slot: number; list: readonly ZoneOffset[] } | undefined;

/**
 * Each zone with its offset now, for a picker. Offsets change only at a quarter hour (daylight saving time
 * switches at a full local hour, and zones are whole quarter hours apart), so one list serves every
 * request within the same quarter hour. Keyed by the names, not the array: a client component gets a new
 * array with every render of the page.
 */
export function zoneOffsets(zones: readonly string[], at: Date = new Date()): readonly ZoneOffset[] {
  const slot = Math.floor(at.getTime() / (15 * MINUTE));
  const key = zones.join('\n');
  if (offsetList?.key !== key || offsetList.slot !== slot) {
    offsetList = { key, slot, list: zones.map((zone) => ({ zone, offset: utcOffset(zone, at) })) };
  }
  return offsetList.list;
}

/** The wall clock of `instantMs` in `timeZone`, as if it were UTC, in milliseconds (seconds dropped). */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormatter(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute);
}

/** Offset of `timeZone` from UTC at an instant, in milliseconds (Rome in summer: +2 h). */
function offsetAt(instantMs: number, timeZone: string): number {
  const floored = Math.floor(instantMs / MINUTE) * MINUTE;
  return wallClockMs(floored, timeZone) - floored;
}

/** `YYYY-MM-DDTHH:mm` as milliseconds of a UTC wall clock, or null when it is not a real date and time. */
function parseLocal(local: string): number | null {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 30 February over into March: a real date survives the round trip.
  return new Date(ms).getUTCDate() === day ? ms : null;
}

/** Whether `local` is a real `YYYY-MM-DDTHH:mm` date and time (30 February is not). */
export function isLocalDateTime(local: string): boolean {
  return parseLocal(local) !== null;
}

/**
 * The instant a wall-clock time in `timeZone` names, or null for a malformed date-time or an unknown zone.
 * Like Temporal's "compatible" rule: a time that happens twice (the hour repeated when clocks go back)
 * is the earlier one; a time that never happens (skipped when clocks go forward) moves forward by the gap.
 */
export function zonedToUtc(local: string, timeZone: string): Date | null {
  const wall = parseLocal(local);
  if (wall === null || !isTimeZone(timeZone)) return null;
  // Offsets change at most once within a day around any instant, in every real zone.
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const candidates = [...new Set([wall - before, wall - after])]
    .filter((instant) => wallClockMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? wall - before);
}

/** An instant as the wall clock of `timeZone`, `YYYY-MM-DDTHH:mm` (seconds dropped). */
export function utcToZoned(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 16);
}
