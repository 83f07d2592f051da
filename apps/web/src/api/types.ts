// Shapes of the gateway answers the console reads. Power items come from libs/contracts (type-only
// imports: nothing of the server code reaches the bundle); the session shape is the one
// tmp/sso-spec.md gives for GET /api/v1/me.
import type { OrgUnitDto, PageDto, PowerItemDto } from '@qinglian/contracts';

export type PowerItem = PowerItemDto;
export type PowerItemPage = PageDto<PowerItemDto>;
export type OrgUnit = OrgUnitDto;

export interface TenantSummary {
  readonly id: string;
  readonly alias: string;
  readonly name: string;
  readonly kind: string;
}

/** GET /api/v1/me */
export interface Me {
  readonly user: { readonly id: string; readonly username: string; readonly name: string };
  readonly tenant: TenantSummary;
  readonly roles: readonly string[];
  readonly permissions: readonly string[];
  /** Required on cookie-authenticated writes (x-csrf-token); null for bearer callers. */
  readonly csrfToken: string | null;
  /** The tenants the caller may read: its own, and those below it for supervisor inspectors. */
  readonly tenants: readonly (TenantSummary & { readonly parentId: string | null })[];
}

/** POST /auth/logout */
export interface LogoutAnswer {
  readonly logoutUrl: string;
}
