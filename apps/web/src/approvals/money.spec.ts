import { formatYuan, groupDigits, ungroupDigits } from './money';

describe('money', () => {
  it('shows yuan with the sign, grouping and two decimals', () => {
    expect(formatYuan(3200000)).toBe('¥3,200,000.00');
    expect(formatYuan(1234.5)).toBe('¥1,234.50');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(-12)).toBe('-¥12.00');
    expect(formatYuan(null)).toBe('');
    expect(formatYuan(undefined)).toBe('');
    expect(formatYuan(Number.NaN)).toBe('');
  });

  it('groups and ungroups the digits an input shows', () => {
    expect(groupDigits(3200000)).toBe('3,200,000');
    expect(groupDigits('1234567.25')).toBe('1,234,567.25');
    expect(groupDigits(undefined)).toBe('');
    expect(ungroupDigits('¥3,200,000.5')).toBe('3200000.5');
    expect(ungroupDigits(undefined)).toBe('');
  });
});
