import { diffValues, labelChanges } from './diff';

describe('diffValues', () => {
  it('finds nothing between equal documents', () => {
    expect(diffValues({ a: 1, b: ['x'], c: { d: null } }, { a: 1, b: ['x'], c: { d: null } })).toEqual([]);
  });

  it('compares objects key by key, arrays of objects element by element, and text lists as one value', () => {
    const from = { name: '甲', flow: { steps: [{ name: '申请', riskPoints: ['a'] }, { name: '审核', riskPoints: [] }] } };
    const to = { name: '乙', flow: { steps: [{ name: '申请', riskPoints: ['a', 'b'] }] } };
    expect(diffValues(from, to)).toEqual([
      { field: 'name', from: '甲', to: '乙' },
      { field: 'flow.steps[0].riskPoints', from: ['a'], to: ['a', 'b'] },
      // A step removed is one change, not one per field.
      { field: 'flow.steps[1]', from: { name: '审核', riskPoints: [] }, to: null },
    ]);
  });

  it('labels changes for people, numbering list elements from 1', () => {
    const [change] = labelChanges([{ field: 'flow.steps[2].riskPoints', from: [], to: ['x'] }], { flow: '', riskPoints: '风险点' }, { steps: '流程第{n}步' });
    expect(change?.label).toBe('流程第3步 · 风险点');
  });
});
