import type { OrgUnit } from '../api/types';
import { unitTree } from './org-tree';

const unit = (id: string, code: string, name: string, parentId: string | null, path: string[]): OrgUnit => ({ id, code, name, parentId, path, createdAt: '' });

const units = [
  unit('a', 'JG', '机关', null, ['a']),
  unit('b', 'CQK', '产权科', 'a', ['a', 'b']),
  unit('c', 'CQK-1', '产权一组', 'b', ['a', 'b', 'c']),
  unit('d', 'CWK', '财务科', 'a', ['a', 'd']),
  unit('e', 'LOST', '无上级', 'zz', ['zz', 'e']),
];

describe('unitTree', () => {
  it('nests units under their parents, in the order given', () => {
    const tree = unitTree(units);
    expect(tree.map((n) => n.title)).toEqual(['机关', '无上级']);
    expect(tree[0]!.children.map((n) => n.title)).toEqual(['产权科', '财务科']);
    expect(tree[0]!.children[0]!.children.map((n) => n.key)).toEqual(['c']);
  });

  it('answers ids by default and codes when asked (the power item filter selects by code)', () => {
    expect(unitTree(units)[0]!.value).toBe('a');
    expect(unitTree(units, (u) => u.code)[0]!.children[0]).toMatchObject({ key: 'CQK', value: 'CQK' });
  });
});
