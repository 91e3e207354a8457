import { describe, expect, it } from 'vitest';
import { cutoffsAt, sessionMaxAgeSeconds, sessionPolicy } from './policy';

describe('sessionPolicy', () => {
  it('defaults to 30 minutes idle and 12 hours in all', () => {
    expect(sessionPolicy({})).toEqual({ idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 });
    expect(sessionMaxAgeSeconds({})).toBe(12 * 3600);
  });

  it('takes SESSION_IDLE_MINUTES and SESSION_MAX_HOURS within bounds, the default for nonsense', () => {
    expect(sessionPolicy({ SESSION_IDLE_MINUTES: '15', SESSION_MAX_HOURS: '8' })).toEqual({ idleMs: 15 * 60_000, maxMs: 8 * 3_600_000 });
    expect(sessionPolicy({ SESSION_IDLE_MINUTES: '1', SESSION_MAX_HOURS: '99999' })).toEqual({ idleMs: 5 * 60_000, maxMs: 720 * 3_600_000 });
    expect(sessionPolicy({ SESSION_IDLE_MINUTES: 'soon', SESSION_MAX_HOURS: ' ' })).toEqual(sessionPolicy({}));
  });

  it('gives the instants a live session was seen and created after', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    expect(cutoffsAt(now, { idleMs: 60_000, maxMs: 3_600_000 })).toEqual({ idleCutoff: new Date('2026-03-02T11:59:00Z'), absoluteCutoff: new Date('2026-03-02T11:00:00Z') });
  });
});
