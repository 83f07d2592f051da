import { MatterType } from '@qinglian/contracts';
import { findSplitting, type MatterLite, normaliseParty } from './splitting';

const DAY = 86_400_000;
const day = (n: number): Date => new Date(Date.UTC(2026, 10, 1) + n * DAY);
const PARTY = '广元市某装饰有限公司';
/** A 大额资金 matter of `amount` with PARTY, created on day `at`. */
const m = (id: string, amount: number | null, at: number, over: Partial<MatterLite> = {}): MatterLite => ({
  id,
  matterType: MatterType.LargeFunds,
  amount,
  counterparty: PARTY,
  project: null,
  createdAt: day(at),
  ...over,
});
const opts = { windowDays: 30, threshold: 1_000_000 };

describe('normaliseParty', () => {
  it.each([
    ['广元市某装饰有限公司', '广元市某装饰有限公司'],
    ['广元市 某装饰 有限公司', '广元市某装饰有限公司'],
    ['  广元市某装饰有限公司\n', '广元市某装饰有限公司'],
    ['广元市\u3000某装饰有限公司', '广元市某装饰有限公司'], // ideographic space
    ['ＡＢＣ建设公司', 'abc建设公司'], // full-width letters
    ['ABC建设公司', 'abc建设公司'],
    ['  Abc 建设\t公司 ', 'abc建设公司'],
    ['（广元）某公司', '(广元)某公司'], // full-width brackets
    ['某公司１２３', '某公司123'],
    ['   ', null],
    ['', null],
    [null, null],
  ])('%j → %j', (input, out) => {
    expect(normaliseParty(input)).toBe(out);
  });
});

describe('findSplitting (拆分事项规避上会)', () => {
  it('finds parts with one counterparty that together reach the threshold', () => {
    expect(findSplitting(m('c', 300_000, 10), [m('a', 400_000, 0), m('b', 350_000, 5)], opts)).toEqual({ matterIds: ['a', 'b', 'c'], total: 1_050_000, sharedBy: 'counterparty' });
  });

  it('sorts the ids with the candidate among them, and takes every matching part', () => {
    const r = findSplitting(m('m5', 200_000, 3), [m('m9', 200_000, 1), m('m1', 200_000, 2), m('m7', 200_000, 4), m('m3', 200_000, 5)], opts);
    expect(r).toEqual({ matterIds: ['m1', 'm3', 'm5', 'm7', 'm9'], total: 1_000_000, sharedBy: 'counterparty' });
  });

  describe('the window, in days either side, inclusive', () => {
    // the candidate on day 40; the other part this many milliseconds later (negative: earlier)
    it.each([
      ['at the same moment', 0, true],
      ['exactly windowDays before', -30 * DAY, true],
      ['exactly windowDays after', 30 * DAY, true],
      ['windowDays + 1 before', -31 * DAY, false],
      ['windowDays + 1 after', 31 * DAY, false],
      ['windowDays and 1 ms before', -30 * DAY - 1, false],
      ['windowDays and 1 ms after', 30 * DAY + 1, false],
      ['1 ms inside windowDays before', -30 * DAY + 1, true],
    ])('the other part created %s', (_name, offset, found) => {
      const r = findSplitting(m('c', 600_000, 40), [m('a', 500_000, 0, { createdAt: new Date(day(40).getTime() + offset) })], opts);
      expect(r === null ? null : r.matterIds).toEqual(found ? ['a', 'c'] : null);
    });

    it.each([
      [1, 1, true],
      [1, 2, false],
      [90, 90, true],
      [90, 91, false],
    ])('windowDays %i, %i days apart → %s', (windowDays, apart, found) => {
      expect(findSplitting(m('c', 600_000, apart), [m('a', 500_000, 0)], { ...opts, windowDays }) !== null).toBe(found);
    });

    it('leaves out only the parts outside the window', () => {
      const r = findSplitting(m('c', 400_000, 40), [m('in-before', 300_000, 10), m('out', 300_000, 9), m('in-after', 300_000, 70), m('out-after', 300_000, 71)], opts);
      expect(r).toEqual({ matterIds: ['c', 'in-after', 'in-before'], total: 1_000_000, sharedBy: 'counterparty' });
    });
  });

  describe('the threshold, reached at exactly the threshold (integer cents)', () => {
    it.each([
      ['exactly the threshold', 500_000, [500_000], 1_000_000],
      ['one cent below', 499_999.99, [500_000], null],
      ['one cent over', 500_000.01, [500_000], 1_000_000.01],
      ['0.1 + 999 999.9 (float sum 999 999.9999…)', 0.1, [999_999.9], 1_000_000],
      ['0.1 + 0.2 + 999 999.7', 0.1, [0.2, 999_999.7], 1_000_000],
      ['many cent amounts', 333_333.33, [333_333.33, 333_333.34], 1_000_000],
      ['many cent amounts, one cent short', 333_333.33, [333_333.33, 333_333.33], null],
    ] as const)('%s', (_name, own, parts, total) => {
      const r = findSplitting(
        m('c', own, 1),
        parts.map((amount, i) => m(`p${i}`, amount, 0)),
        opts,
      );
      expect(r === null ? null : r.total).toBe(total);
    });

    it('counts a threshold with cents in cents', () => {
      expect(findSplitting(m('c', 0.5, 1), [m('a', 0.5, 0)], { ...opts, threshold: 1.0 })?.total).toBe(1);
      expect(findSplitting(m('c', 0.5, 1), [m('a', 0.5, 0)], { ...opts, threshold: 1.01 })).toBeNull();
    });
  });

  describe('what takes part', () => {
    it.each([
      ['another type', [m('a', 500_000, 0, { matterType: MatterType.MajorProject })]],
      ['一般事项 (no type)', [m('a', 500_000, 0, { matterType: null })]],
      ['another counterparty', [m('a', 500_000, 0, { counterparty: '另一家公司' })]],
      ['no counterparty, no project', [m('a', 500_000, 0, { counterparty: null })]],
      ['a part at the threshold (it needs a meeting itself)', [m('a', 1_000_000, 0)]],
      ['a part over the threshold', [m('a', 2_500_000, 0)]],
      ['a part without an amount', [m('a', null, 0)]],
      ['the candidate itself among the others', [m('c', 600_000, 1)]],
      ['nothing else', []],
    ])('is no split with %s', (_name, others) => {
      expect(findSplitting(m('c', 600_000, 1), others, opts)).toBeNull();
    });

    it('leaves out the over-threshold part but counts the rest', () => {
      const r = findSplitting(m('c', 600_000, 1), [m('big', 1_200_000, 0), m('a', 400_000, 2)], opts);
      expect(r).toEqual({ matterIds: ['a', 'c'], total: 1_000_000, sharedBy: 'counterparty' });
    });

    it('counts a repeated other once', () => {
      expect(findSplitting(m('c', 300_000, 1), [m('a', 350_000, 0), m('a', 350_000, 0)], opts)).toBeNull();
      expect(findSplitting(m('c', 300_000, 1), [m('a', 350_000, 0), m('a', 350_000, 0), m('b', 350_000, 0)], opts)?.matterIds).toEqual(['a', 'b', 'c']);
    });

    it('does not count the candidate twice when it is among the others', () => {
      expect(findSplitting(m('c', 500_000, 1), [m('c', 500_000, 1), m('a', 499_999.99, 0)], opts)).toBeNull();
      expect(findSplitting(m('c', 500_000, 1), [m('c', 500_000, 1), m('a', 500_000, 0)], opts)).toEqual({ matterIds: ['a', 'c'], total: 1_000_000, sharedBy: 'counterparty' });
    });
  });

  describe('the candidate', () => {
    it.each([
      ['reaches the threshold alone', m('c', 1_000_000, 1)],
      ['is over the threshold', m('c', 1_500_000, 1)],
      ['has no type', m('c', 600_000, 1, { matterType: null })],
      ['has no amount', m('c', null, 1)],
    ])('is no split when it %s', (_name, candidate) => {
      expect(findSplitting(candidate, [m('a', 500_000, 0, { matterType: candidate.matterType })], opts)).toBeNull();
    });

    it('is no split under a type without a threshold', () => {
      expect(findSplitting(m('c', 600_000, 1), [m('a', 500_000, 0)], { ...opts, threshold: null })).toBeNull();
    });

    it('counts a candidate of 0 with parts that reach the threshold', () => {
      expect(findSplitting(m('c', 0, 1), [m('a', 500_000, 0), m('b', 500_000, 2)], opts)).toEqual({ matterIds: ['a', 'b', 'c'], total: 1_000_000, sharedBy: 'counterparty' });
    });
  });

  describe('the counterparty, normalised', () => {
    it.each([
      ['spacing', '广元市 某装饰 有限公司', '广元市某装饰有限公司'],
      ['outer whitespace', ' 广元市某装饰有限公司 ', '广元市某装饰有限公司'],
      ['full-width letters and spaces', 'ＡＢＣ 建设 公司', 'abc建设公司'],
      ['case', 'ABC Construction Ltd', 'abc construction ltd'],
      ['full-width digits and brackets', '某公司（二分公司）１号', '某公司(二分公司)1号'],
    ])('treats %s as the same party', (_name, candidateParty, otherParty) => {
      const r = findSplitting(m('c', 600_000, 1, { counterparty: candidateParty }), [m('a', 500_000, 0, { counterparty: otherParty })], opts);
      expect(r).toEqual({ matterIds: ['a', 'c'], total: 1_100_000, sharedBy: 'counterparty' });
    });
  });

  describe('the project, when the counterparty does not make it', () => {
    it('falls back to the project when the counterparties differ', () => {
      const r = findSplitting(m('c', 600_000, 1, { counterparty: '乙公司', project: '嘉陵江 安置房' }), [m('a', 500_000, 0, { counterparty: '甲公司', project: '嘉陵江安置房' })], opts);
      expect(r).toEqual({ matterIds: ['a', 'c'], total: 1_100_000, sharedBy: 'project' });
    });

    it('falls back to the project when the candidate names no counterparty', () => {
      const r = findSplitting(m('c', 600_000, 1, { counterparty: null, project: 'GY-2026-01' }), [m('a', 500_000, 0, { counterparty: '甲公司', project: 'ｇｙ-2026-01' })], opts);
      expect(r).toEqual({ matterIds: ['a', 'c'], total: 1_100_000, sharedBy: 'project' });
    });

    it('prefers the counterparty when both reach the threshold', () => {
      const r = findSplitting(
        m('c', 600_000, 1, { project: '安置房' }),
        [m('a', 500_000, 0, { project: '安置房' }), m('b', 500_000, 0, { counterparty: '甲公司', project: '安置房' })],
        opts,
      );
      expect(r).toEqual({ matterIds: ['a', 'c'], total: 1_100_000, sharedBy: 'counterparty' });
    });

    it('takes the project when the counterparty parts fall short but the project parts do not', () => {
      const r = findSplitting(
        m('c', 400_000, 1, { project: '安置房' }),
        [m('a', 300_000, 0, { project: '其他项目' }), m('b', 300_000, 0, { counterparty: '甲公司', project: '安置房' }), m('d', 300_000, 2, { counterparty: '乙公司', project: '安 置 房' })],
        opts,
      );
      expect(r).toEqual({ matterIds: ['b', 'c', 'd'], total: 1_000_000, sharedBy: 'project' });
    });

    it('is no split when neither the counterparty nor the project parts reach the threshold', () => {
      const r = findSplitting(m('c', 400_000, 1, { project: '安置房' }), [m('a', 300_000, 0), m('b', 300_000, 0, { counterparty: '甲公司', project: '安置房' })], opts);
      expect(r).toBeNull();
    });

    it('does not match two matters without a project', () => {
      expect(findSplitting(m('c', 600_000, 1, { counterparty: '乙公司' }), [m('a', 500_000, 0, { counterparty: '甲公司' })], opts)).toBeNull();
      expect(findSplitting(m('c', 600_000, 1, { counterparty: '乙公司', project: '  ' }), [m('a', 500_000, 0, { counterparty: '甲公司', project: '' })], opts)).toBeNull();
    });
  });
});
