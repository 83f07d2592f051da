import { PowerListSubjects, type TenantDto } from '@qinglian/contracts';
import { Injectable } from '@nestjs/common';
import { ServiceClient } from './service-client';

const FRESH_MS = 30_000;
/** An unknown alias or id triggers a reload at most this often (a flood of bad tokens must not hammer power-list). */
const MISS_RELOAD_MS = 2_000;

/**
 * The tenant tree from power-list's registry, cached briefly. It turns a token's organization into a
 * tenant and answers whether a supervisor may read a tenant (one below its own, at any depth).
 */
@Injectable()
export class TenantDirectory {
  private tenants: TenantDto[] = [];
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(private readonly services: ServiceClient) {}

  async byAlias(alias: string): Promise<TenantDto | undefined> {
    return this.find((t) => t.alias === alias);
  }

  /** Whether `id` sits below `ancestorId` in the tree (not equal to it). */
  async isBelow(id: string, ancestorId: string): Promise<boolean> {
    await this.ensureFresh();
    const byId = new Map(this.tenants.map((t) => [t.id, t]));
    const seen = new Set<string>();
    for (let p = byId.get(id)?.parentId; p && !seen.has(p); p = byId.get(p)?.parentId) {
      if (p === ancestorId) return true;
      seen.add(p);
    }
    return false;
  }

  /** `id` and every tenant below it, the supervisor's tenant first. */
  async subtree(id: string): Promise<TenantDto[]> {
    await this.ensureFresh();
    const out: TenantDto[] = [];
    const visit = (tid: string): void => {
      const t = this.tenants.find((x) => x.id === tid);
      if (!t || out.includes(t)) return;
      out.push(t);
      for (const child of this.tenants.filter((x) => x.parentId === tid)) visit(child.id);
    };
    visit(id);
    return out;
  }

  private async find(match: (t: TenantDto) => boolean): Promise<TenantDto | undefined> {
    await this.ensureFresh();
    const hit = this.tenants.find(match);
    if (hit || Date.now() - this.loadedAt < MISS_RELOAD_MS) return hit;
    await this.reload();
    return this.tenants.find(match);
  }

  /** Waits only for the first load; after that a stale tree is served while a fresh one loads. */
  private async ensureFresh(): Promise<void> {
    if (this.loadedAt === 0) await this.reload();
    else if (Date.now() - this.loadedAt >= FRESH_MS) this.reload().catch(() => undefined);
  }

  private reload(): Promise<void> {
    this.loading ??= this.services
      .callSystem<TenantDto[]>(PowerListSubjects.tenantList, {})
      .then((tenants) => {
        this.tenants = tenants;
        this.loadedAt = Date.now();
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }
}
