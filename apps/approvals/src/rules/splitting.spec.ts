import { MatterType } from '@qinglian/contracts';
import { findSplitting, type MatterLite, normaliseParty } from './splitting';

const day = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 86_400_000);
const m = (id: string, amount: number | null, at: number, over: Partial<MatterLite> = {}): MatterLite => ({
  id,
  matterType: MatterType.LargeFunds,
  amount,
  counterparty: '广元市某装饰有限公司',
  project: null,
  createdAt: day(at),
  ...over,
});
const opts = { windowDays: 30, threshold: 1_000_000 };

describe('normaliseParty', () => {
  it.each([
    ['广元市 某装饰 有限公司', '广元市某装饰有限公司'],
    ['ＡＢＣ建设公司', 'abc建设公司'],
    ['  Abc 建设\t公司 ', 'abc建设公司'],
    ['   ', null],
    [null, null],
  ])('%j → %j', (input, out) => {
    expect(normaliseParty(input)).toBe(out);
  });
});

describe('findSplitting (拆分事项规避上会)', () => {
  it('finds parts with one counterparty that together reach the threshold', () => {
    expect(findSplitting(m('c', 300_000, 10), [m('a', 400_000, 0), m('b', 350_000, 5)], opts)).toEqual({ matterIds: ['a', 'b', 'c'], total: 1_050_000, sharedBy: 'counterparty' });
  });

  it('treats spacing, full-width letters and case in the counterparty as the same party', () => {
    const r = findSplitting(m('c', 600_000, 1, { counterparty: 'ＡＢＣ 建设 公司' }), [m('a', 500_000, 0, { counterparty: 'abc建设公司' })], opts);
    expect(r?.matterIds).toEqual(['a', 'c']);
  });

  it('counts the window in days either side, inclusive', () => {
    expect(findSplitting(m('c', 600_000, 30), [m('a', 500_000, 0)], opts)?.matterIds).toEqual(['a', 'c']);
    expect(findSplitting(m('c', 600_000, 31), [m('a', 500_000, 0)], opts)).toBeNull();
    expect(findSplitting(m('c', 600_000, 0), [m('a', 500_000, 30)], opts)?.matterIds).toEqual(['a', 'c']);
    expect(findSplitting(m('c', 600_000, 0), [m('a', 500_000, 31)], opts)).toBeNull();
  });

  it('reaches the threshold at exactly the threshold, not one cent below', () => {
    expect(findSplitting(m('c', 500_000, 1), [m('a', 500_000, 0)], opts)?.total).toBe(1_000_000);
    expect(findSplitting(m('c', 499_999.99, 1), [m('a', 500_000, 0)], opts)).toBeNull();
    expect(findSplitting(m('c', 0.1, 1), [m('a', 999_999.9, 0)], opts)?.total).toBe(1_000_000);
  });

  it('ignores other types, other parties, parts over the threshold and parts without an amount', () => {
    expect(findSplitting(m('c', 600_000, 1), [m('a', 500_000, 0, { matterType: MatterType.MajorProject })], opts)).toBeNull();
    expect(findSplitting(m('c', 600_000, 1), [m('a', 500_000, 0, { counterparty: '另一家公司' })], opts)).toBeNull();
    expect(findSplitting(m('c', 600_000, 1), [m('a', 1_000_000, 0)], opts)).toBeNull();
    expect(findSplitting(m('c', 600_000, 1), [m('a', null, 0)], opts)).toBeNull();
  });

  it('is not a split when the candidate alone reaches the threshold, has no type, amount or threshold', () => {
    expect(findSplitting(m('c', 1_000_000, 1), [m('a', 500_000, 0)], opts)).toBeNull();
    expect(findSplitting(m('c', 600_000, 1, { matterType: null }), [m('a', 500_000, 0, { matterType: null })], opts)).toBeNull();
    expect(findSplitting(m('c', null, 1), [m('a', 500_000, 0)], opts)).toBeNull();
    expect(findSplitting(m('c', 600_000, 1), [m('a', 500_000, 0)], { ...opts, threshold: null })).toBeNull();
  });

  it('falls back to the project when the counterparties differ', () => {
    const r = findSplitting(m('c', 600_000, 1, { counterparty: '乙公司', project: '嘉陵江 安置房' }), [m('a', 500_000, 0, { counterparty: '甲公司', project: '嘉陵江安置房' })], opts);
    expect(r).toEqual({ matterIds: ['a', 'c'], total: 1_100_000, sharedBy: 'project' });
  });

  it('does not count the candidate twice when it is among the others', () => {
    expect(findSplitting(m('c', 600_000, 1), [m('c', 600_000, 1)], opts)).toBeNull();
  });
});
