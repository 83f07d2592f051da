import { dateTimeText, todayInChina } from './dates';

describe('dates', () => {
  it('count days and times in China', () => {
    expect(todayInChina(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
    expect(dateTimeText('2026-03-01T01:30:00Z')).toBe('2026-03-01 09:30');
    expect(dateTimeText(null)).toBe('');
    expect(dateTimeText('not a date')).toBe('not a date');
  });
});
