import type { LeadershipMember } from '../api/types';
import { MESSAGES } from '../i18n/messages';
import { leadershipOrder, runningOn, termText } from './directory';

const member = (personName: string, position: 'main-leader' | 'member', startOn: string): LeadershipMember => ({
  id: personName,
  personId: personName,
  personName,
  subject: null,
  position,
  title: position === 'main-leader' ? '党委书记、主任' : '副主任',
  startOn,
  endOn: null,
  charges: [],
});

describe('directory helpers', () => {
  it('put the main leader first, then members by start date', () => {
    const order = leadershipOrder([member('王五', 'member', '2021-03-01'), member('李四', 'member', '2019-01-01'), member('张三', 'main-leader', '2022-01-01')]);
    expect(order.map((m) => m.personName)).toEqual(['张三', '李四', '王五']);
  });

  it('write terms, open or closed', () => {
    const zh = MESSAGES['zh-CN'];
    expect(termText('2020-01-01', null, zh)).toBe('2020-01-01 至今');
    expect(termText('2020-01-01', null, MESSAGES['en-US'])).toBe('2020-01-01 to present');
    expect(termText('2020-01-01', '2026-06-30', zh)).toBe('2020-01-01 至 2026-06-30');
  });

  it('count end dates as inclusive', () => {
    expect(runningOn(null, '2026-01-01')).toBe(true);
    expect(runningOn('2026-01-01', '2026-01-01')).toBe(true);
    expect(runningOn('2025-12-31', '2026-01-01')).toBe(false);
  });
});
