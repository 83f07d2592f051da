import { groupedHash, shortHash } from './hash';

describe('hash display', () => {
  const sm3 = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
  it('shortens a long hash to its ends', () => {
    expect(shortHash(sm3)).toBe('66c7f0f4…8f4ba8e0');
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash(null)).toBe('');
  });
  it('groups a hash by eight', () => {
    expect(groupedHash(sm3).split(' ')).toHaveLength(8);
    expect(groupedHash('abcdefghij')).toBe('abcdefgh ij');
    expect(groupedHash('')).toBe('');
  });
});
