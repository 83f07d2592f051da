export interface TenantNode {
  readonly id: string;
  readonly alias: string;
  readonly parentId?: string | null | undefined;
}

/**
 * Why registering `incoming` over `existing` would break the tree, or null: duplicate ids or aliases in
 * the file, a parent that exists nowhere, or a cycle (a tenant supervising itself through others).
 */
export function checkTenantTree(existing: readonly TenantNode[], incoming: readonly TenantNode[]): string | null {
  const seenIds = new Set<string>();
  const seenAliases = new Set<string>();
  for (const t of incoming) {
    if (seenIds.has(t.id)) return `tenant ${t.id} appears twice`;
    if (seenAliases.has(t.alias)) return `alias ${t.alias} appears twice`;
    seenIds.add(t.id);
    seenAliases.add(t.alias);
  }
  const merged = new Map<string, TenantNode>(existing.map((t) => [t.id, t]));
  for (const t of incoming) merged.set(t.id, t);
  const aliasOwner = new Map<string, string>();
  for (const t of merged.values()) {
    const owner = aliasOwner.get(t.alias);
    if (owner !== undefined && owner !== t.id) return `alias ${t.alias} is already used by tenant ${owner}`;
    aliasOwner.set(t.alias, t.id);
  }
  for (const t of merged.values()) {
    if (t.parentId && !merged.has(t.parentId)) return `tenant ${t.alias}: parent ${t.parentId} is not registered`;
    const path = new Set<string>([t.id]);
    for (let p = t.parentId; p; p = merged.get(p)?.parentId) {
      if (path.has(p)) return `tenant ${t.alias}: the parent chain loops back to ${p}`;
      path.add(p);
    }
  }
  return null;
}
