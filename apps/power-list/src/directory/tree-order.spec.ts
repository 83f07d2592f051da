import { type OrgUnitEntity } from './directory.entities';
import { treeOrder } from './directory.service';

const unit = (id: string, code: string, path: string[]): OrgUnitEntity => ({ id, code, path, name: code, tenantId: 't', parentId: path.at(-2) ?? null, createdAt: new Date() });

describe('treeOrder', () => {
  it('lists the tree depth first with siblings by code, whatever the random ids', () => {
    const units = [unit('z', 'TZK', ['r', 'z']), unit('r', 'GZW', ['r']), unit('a', 'CQK', ['r', 'a']), unit('b', 'CQK-1', ['r', 'a', 'b']), unit('c', 'BGS', ['r', 'c'])];
    expect(treeOrder(units).map((u) => u.code)).toEqual(['GZW', 'BGS', 'CQK', 'CQK-1', 'TZK']);
  });
});
