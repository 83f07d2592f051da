import { checkTenantTree } from './tenant-tree';

const sasac = { id: 'a', alias: 'gy-sasac', parentId: null };
const capital = { id: 'b', alias: 'gy-capital', parentId: 'a' };

describe('tenant tree check', () => {
  it('accepts a supervisor with enterprises below it', () => {
    expect(checkTenantTree([], [sasac, capital])).toBeNull();
    expect(checkTenantTree([sasac], [capital])).toBeNull();
  });

  it('refuses duplicates, unknown parents and cycles', () => {
    expect(checkTenantTree([], [sasac, { ...capital, id: 'a' }])).toBe('tenant a appears twice');
    expect(checkTenantTree([], [sasac, { ...capital, alias: 'gy-sasac' }])).toBe('alias gy-sasac appears twice');
    expect(checkTenantTree([sasac], [{ id: 'c', alias: 'gy-sasac' }])).toBe('alias gy-sasac is already used by tenant a');
    expect(checkTenantTree([], [capital])).toBe('tenant gy-capital: parent a is not registered');
    expect(checkTenantTree([sasac, capital], [{ ...sasac, parentId: 'b' }])).toMatch(/loops back/);
  });
});
