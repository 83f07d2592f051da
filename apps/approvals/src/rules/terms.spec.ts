import { type DecisionTermsDto, TERM_FIELDS, type TermField } from '@qinglian/contracts';
import { compareTerms, executionDivergences, normaliseText, toTerms } from './terms';

const decided: DecisionTermsDto = {
  amount: 3_200_000,
  counterparty: '广元市城建工程有限公司',
  project: '嘉陵江安置房二期',
  scope: '二期工程进度款',
  conditions: '按监理确认的工程量支付',
};
const EMPTY: DecisionTermsDto = { amount: null, counterparty: null, project: null, scope: null, conditions: null };
const TEXT_FIELDS = TERM_FIELDS.filter((f): f is Exclude<TermField, 'amount'> => f !== 'amount');

describe('normaliseText', () => {
  it.each([
    ['abc', 'abc'],
    ['  a   b  ', 'a b'],
    ['a\tb\nc', 'a b c'],
    ['a\u3000b', 'a b'], // ideographic space
    ['ＡＢＣ１２３', 'ABC123'], // full-width letters and digits
    ['（一）', '(一)'],
    ['Case Kept', 'Case Kept'], // text keeps its case (unlike a party key)
    ['\t\n', null],
    ['', null],
    ['\u3000', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (input, out) => {
    expect(normaliseText(input)).toBe(out);
  });
});

describe('compareTerms (将印发文件与会议决策记录比对, 擅自改变决策事项)', () => {
  it('finds nothing when the issued terms are the decided ones', () => {
    expect(compareTerms(decided, { ...decided })).toEqual([]);
    expect(compareTerms(EMPTY, { ...EMPTY })).toEqual([]);
  });

  it.each(TEXT_FIELDS)('reports a changed %s with both values as given', (field) => {
    const actual = { ...decided, [field]: ' 另一个 值 ' };
    expect(compareTerms(decided, actual)).toEqual([{ field, decided: decided[field], actual: ' 另一个 值 ' }]);
  });

  it.each(TEXT_FIELDS)('reports a dropped %s (value → null) and an added one (null → value)', (field) => {
    expect(compareTerms(decided, { ...decided, [field]: null })).toEqual([{ field, decided: decided[field], actual: null }]);
    expect(compareTerms({ ...decided, [field]: null }, decided)).toEqual([{ field, decided: null, actual: decided[field] }]);
  });

  it.each(TEXT_FIELDS)('takes a blank %s as dropped', (field) => {
    expect(compareTerms(decided, { ...decided, [field]: '   ' })).toEqual([{ field, decided: decided[field], actual: '   ' }]);
    expect(compareTerms({ ...decided, [field]: '' }, { ...decided, [field]: null })).toEqual([]);
  });

  it.each([
    ['outer spaces', ' 广元市城建工程有限公司 '],
    ['a tab and a newline around', '\t广元市城建工程有限公司\n'],
    ['ideographic spaces around', '\u3000广元市城建工程有限公司\u3000'],
  ])('ignores %s in text', (_name, variant) => {
    expect(compareTerms(decided, { ...decided, counterparty: variant })).toEqual([]);
  });

  it.each([
    ['inner spacing collapsed', 'Phase 2  works', 'Phase 2 works'],
    ['full-width letters and digits', 'ＧＹ－２０２６－０１', 'GY-2026-01'],
    ['full-width brackets', '二期（含附属工程）', '二期(含附属工程)'],
    ['a full-width space inside', '二期\u3000工程', '二期 工程'],
  ])('treats %s as the same text', (_name, a, b) => {
    for (const field of TEXT_FIELDS) expect(compareTerms({ ...decided, [field]: a }, { ...decided, [field]: b })).toEqual([]);
  });

  it.each([
    ['a space added between words', '二期工程', '二期 工程'],
    ['a changed letter case', 'Phase 2', 'phase 2'],
    ['a changed digit', '第1期', '第2期'],
  ])('does not ignore %s', (_name, a, b) => {
    expect(compareTerms({ ...decided, scope: a }, { ...decided, scope: b })).toHaveLength(1);
  });

  it.each([
    // decided, actual, differs
    [100.1, 100.1, false],
    [100.1, 100.10, false],
    [100, 100.0, false],
    [0.3, 0.1 + 0.2, false], // 0.30000000000000004
    [1.15, 1.1500000000000001, false],
    [3_200_000, 3_199_999.999999999, false], // float noise under a cent
    [100.1, 100.11, true],
    [3_200_000, 3_200_000.01, true],
    [3_200_000, 3_199_999.99, true],
    [0, 0.01, true],
    [0, null, true],
    [null, 0, true],
    [null, 3_200_000, true],
    [3_200_000, null, true],
    [null, null, false],
    [0, 0, false],
  ])('amount %j vs %j: differs %s (in integer cents)', (a, b, differs) => {
    expect(compareTerms({ ...decided, amount: a }, { ...decided, amount: b })).toEqual(differs ? [{ field: 'amount', decided: a, actual: b }] : []);
  });

  it('reports every changed term in the order amount, counterparty, project, scope, conditions', () => {
    const actual: DecisionTermsDto = { amount: 3_500_000, counterparty: '另一公司', project: 'X', scope: 'Y', conditions: null };
    expect(compareTerms(decided, actual)).toEqual([
      { field: 'amount', decided: 3_200_000, actual: 3_500_000 },
      { field: 'counterparty', decided: decided.counterparty, actual: '另一公司' },
      { field: 'project', decided: decided.project, actual: 'X' },
      { field: 'scope', decided: decided.scope, actual: 'Y' },
      { field: 'conditions', decided: decided.conditions, actual: null },
    ]);
    expect(compareTerms(EMPTY, decided).map((d) => d.field)).toEqual(['amount', 'counterparty', 'project', 'scope', 'conditions']);
  });
});

describe('executionDivergences (决议决策与落实推进不一致)', () => {
  it.each([
    // decided amount, spent, divergent
    [3_200_000, 3_200_000.01, true],
    [3_200_000, 4_000_000, true],
    [3_200_000, 3_200_000, false],
    [3_200_000, 3_200_000.001, false], // under a cent
    [3_200_000, 3_199_999.99, false],
    [3_200_000, 100, false],
    [3_200_000, 0, false],
    [3_200_000, null, false],
    [0.3, 0.1 + 0.2, false],
    [null, 0.01, true], // spending where no amount was decided
    [null, 1, true],
    [null, 0, false],
    [null, null, false],
    [0, 0.01, true],
    [0, 0, false],
  ])('decided %j, spent %j → divergent %s', (amount, spent, divergent) => {
    expect(executionDivergences({ ...decided, amount }, { amountSpent: spent, counterparty: null })).toEqual(divergent ? [{ field: 'amount', decided: amount, actual: spent }] : []);
  });

  it.each([
    // decided counterparty, reported, divergent
    ['广元市城建工程有限公司', '广元市某劳务公司', true],
    ['广元市城建工程有限公司', '广元市城建工程有限公司 ', false],
    ['ABC Ltd', 'ＡＢＣ  Ltd', false],
    ['ABC Ltd', 'abc ltd', true], // text keeps its case
    ['广元市城建工程有限公司', null, false], // the report names none
    ['广元市城建工程有限公司', '   ', false],
    [null, '广元市某劳务公司', true], // none was decided
    [null, null, false],
  ])('decided %j, reported %j → divergent %s', (party, reported, divergent) => {
    expect(executionDivergences({ ...decided, counterparty: party }, { amountSpent: null, counterparty: reported })).toEqual(
      divergent ? [{ field: 'counterparty', decided: party, actual: reported }] : [],
    );
  });

  it('reports the amount before the counterparty', () => {
    expect(executionDivergences(decided, { amountSpent: 3_300_000, counterparty: '广元市某劳务公司' })).toEqual([
      { field: 'amount', decided: 3_200_000, actual: 3_300_000 },
      { field: 'counterparty', decided: decided.counterparty, actual: '广元市某劳务公司' },
    ]);
  });
});

describe('toTerms', () => {
  it.each([
    ['undefined', undefined, EMPTY],
    ['null', null, EMPTY],
    ['{}', {}, EMPTY],
    ['an amount only', { amount: 5 }, { ...EMPTY, amount: 5 }],
    ['an amount of 0 (kept, not null)', { amount: 0 }, { ...EMPTY, amount: 0 }],
    ['blank texts', { counterparty: '', project: '   ', scope: '\t\n', conditions: '\u3000' }, EMPTY],
    ['texts with outer spaces (trimmed, inner kept)', { counterparty: ' 甲  公司 ', scope: ' 范围 ' }, { ...EMPTY, counterparty: '甲  公司', scope: '范围' }],
    ['full terms', decided, decided],
  ] as const)('%s', (_name, partial, expected) => {
    expect(toTerms(partial)).toEqual(expected);
  });

  it('returns terms that compare equal to what was given', () => {
    expect(compareTerms(toTerms({ ...decided, scope: ` ${decided.scope} ` }), decided)).toEqual([]);
  });
});
