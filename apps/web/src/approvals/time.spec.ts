import { dueColor, dueInfo, durationText, wasLate } from './time';

const T = { daysHours: '{d} 天 {h} 小时', hoursMinutes: '{h} 小时 {min} 分', minutes: '{min} 分钟' };
const now = new Date('2026-12-01T08:00:00Z');

describe('due times', () => {
  it('tell overdue, within 24 hours and later apart', () => {
    expect(dueInfo('2026-12-01T07:00:00Z', now)).toEqual({ state: 'overdue', remainingMs: -3_600_000 });
    expect(dueInfo('2026-12-01T20:00:00Z', now).state).toBe('soon');
    expect(dueInfo('2026-12-02T08:00:00Z', now).state).toBe('soon');
    expect(dueInfo('2026-12-02T08:00:01Z', now).state).toBe('ok');
    expect(dueInfo(null, now)).toEqual({ state: 'none', remainingMs: 0 });
    expect(dueInfo('not a time', now).state).toBe('none');
    expect(dueInfo('2026-12-01T20:00:00Z', now, 6).state).toBe('ok');
  });

  it('colour red when overdue and orange when soon', () => {
    expect(dueColor('overdue')).toBe('red');
    expect(dueColor('soon')).toBe('orange');
    expect(dueColor('ok')).toBe('blue');
    expect(dueColor('none')).toBeUndefined();
  });

  it('say a span in its two largest units', () => {
    expect(durationText(2 * 86_400_000 + 3 * 3_600_000 + 5 * 60_000, T)).toBe('2 天 3 小时');
    expect(durationText(-(5 * 3_600_000 + 12 * 60_000), T)).toBe('5 小时 12 分');
    expect(durationText(7 * 60_000 + 59_000, T)).toBe('7 分钟');
    expect(durationText(0, T)).toBe('0 分钟');
  });

  it('count a task late when flagged or acted after its due time', () => {
    expect(wasLate({ dueAt: '2026-12-01T00:00:00Z', actedAt: '2026-11-30T00:00:00Z', overdueAt: null }, now)).toBe(false);
    expect(wasLate({ dueAt: '2026-12-01T00:00:00Z', actedAt: '2026-12-01T01:00:00Z', overdueAt: null }, now)).toBe(true);
    expect(wasLate({ dueAt: '2026-12-01T00:00:00Z', actedAt: null, overdueAt: null }, now)).toBe(true);
    expect(wasLate({ dueAt: '2026-12-09T00:00:00Z', actedAt: null, overdueAt: null }, now)).toBe(false);
    expect(wasLate({ dueAt: '2026-12-09T00:00:00Z', actedAt: null, overdueAt: '2026-12-01T00:00:00Z' }, now)).toBe(true);
  });
});
