// GET /org-units answers a flat list in tree order (by path); Tree and TreeSelect want nesting.
import type { OrgUnit } from '../api/types';

export interface UnitNode {
  /** Same as `value`: TreeSelect wants them equal. */
  readonly key: string;
  /** The unit's id, or its code when the caller chose codes (TreeSelect's answer, Tree's key). */
  readonly value: string;
  readonly title: string;
  readonly children: UnitNode[];
}

/** The units as a forest; a unit whose parent is unknown becomes a root rather than vanishing. */
export function unitTree(units: readonly OrgUnit[], valueOf: (unit: OrgUnit) => string = (u) => u.id): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.id, { key: valueOf(u), value: valueOf(u), title: u.name, children: [] }]));
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id);
    if (!node) continue;
    const parent = u.parentId === null ? undefined : nodes.get(u.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
