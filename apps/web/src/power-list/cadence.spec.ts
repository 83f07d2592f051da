import { MESSAGES } from '../i18n/messages';
import { cadenceMode, cadencesText, cadenceText, fromCadenceDraft, MONTH_DAY, toCadenceDraft } from './cadence';

const zh = MESSAGES['zh-CN'];
const en = MESSAGES['en-US'];

describe('cadenceText', () => {
  it('says the cadences of the seed lists in Chinese', () => {
    expect(cadenceText({ every: 'quarter' }, zh)).toBe('每季度');
    expect(cadenceText({ every: 'halfYear', times: 1, atLeast: true }, zh)).toBe('每半年至少1次');
    expect(cadenceText({ every: 'year', times: 2 }, zh)).toBe('每年2次');
    expect(cadenceText({ every: 'year', window: 'yearEnd' }, zh)).toBe('每年 年底');
    expect(cadenceText({ dueMonthDay: '01-31' }, zh)).toBe('截止 01-31');
    expect(cadenceText({ every: 'year', dueMonthDay: '07-31', reporter: '集团党委', reportTo: '市国资委党委' }, zh)).toBe('每年 截止 07-31 报告人：集团党委 报告对象：市国资委党委');
    expect(cadenceText({ periodic: true }, zh)).toBe('定期');
    expect(cadenceText({ onEvent: '发现苗头性、倾向性问题' }, zh)).toBe('事件触发：发现苗头性、倾向性问题');
  });

  it('says them in English too', () => {
    expect(cadenceText({ every: 'halfYear', times: 1, atLeast: true }, en)).toBe('Every half year, at least 1 time(s)');
    expect(cadenceText({ every: 'year', window: 'Q1' }, en)).toBe('Every year, in the first quarter');
  });

  it('joins several cadences of one duty, skipping empty ones', () => {
    expect(cadencesText([{ every: 'year', window: 'yearStart' }, {}, { onEvent: '适时' }], zh)).toBe('每年 年初；事件触发：适时');
    expect(cadencesText([], zh)).toBe('');
  });
});

describe('cadence drafts', () => {
  it('recognise the mode of a cadence', () => {
    expect(cadenceMode({ onEvent: '遇有重大问题' })).toBe('event');
    expect(cadenceMode({ periodic: true })).toBe('periodic');
    expect(cadenceMode({ every: 'quarter', times: 1 })).toBe('every');
  });

  it('round-trip a cadence, keeping what the editor does not show', () => {
    const c = { every: 'year' as const, dueMonthDay: '01-31', reporter: '集团党委', reportTo: '市国资委党委', clause: '每年1月31日前报告' };
    expect(fromCadenceDraft(toCadenceDraft(c))).toEqual(c);
  });

  it('keep only the fields of the chosen mode, without empty values', () => {
    expect(fromCadenceDraft({ mode: 'event', every: 'year', times: 2, onEvent: ' 适时 ' })).toEqual({ onEvent: '适时' });
    expect(fromCadenceDraft({ mode: 'periodic', every: 'year' })).toEqual({ periodic: true });
    expect(fromCadenceDraft({ mode: 'every', every: 'quarter', times: null, atLeast: false, window: null, dueMonthDay: ' ' })).toEqual({ every: 'quarter' });
    expect(fromCadenceDraft({ mode: 'every', every: 'halfYear', times: 1, atLeast: true })).toEqual({ every: 'halfYear', times: 1, atLeast: true });
  });

  it('check MM-DD', () => {
    expect(MONTH_DAY.test('01-31')).toBe(true);
    expect(MONTH_DAY.test('13-01')).toBe(false);
    expect(MONTH_DAY.test('1-31')).toBe(false);
  });
});
