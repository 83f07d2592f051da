import { fromLines, sameLines, toLines } from './lines';

describe('lines', () => {
  it('turns a textarea into trimmed, non-empty items', () => {
    expect(toLines(' 未按规定程序审核\r\n\n  超越权限审批 \n')).toEqual(['未按规定程序审核', '超越权限审批']);
    expect(toLines('')).toEqual([]);
  });

  it('turns items back into one line each', () => {
    expect(fromLines(['集体研究', '全程留痕'])).toBe('集体研究\n全程留痕');
    expect(toLines(fromLines(['a', 'b']))).toEqual(['a', 'b']);
  });

  it('knows when a text being typed still means the same items', () => {
    expect(sameLines('集体研究\n', ['集体研究'])).toBe(true);
    expect(sameLines('集体研究\n全程', ['集体研究'])).toBe(false);
    expect(sameLines('b\na', ['a', 'b'])).toBe(false);
  });
});
