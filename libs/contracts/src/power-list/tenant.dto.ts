import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';

/** 租户类型: a supervisor (国资委) or an enterprise (市属企业 and their subsidiaries). */
export enum TenantKind {
  Supervisor = 'supervisor',
  Enterprise = 'enterprise',
}

/** An organisation in the platform's tenant tree; `alias` is its Keycloak organization alias. */
export interface TenantDto {
  readonly id: string;
  readonly alias: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly kind: TenantKind;
  readonly parentId: string | null;
}

/** One entry of a tenant registration file (`tenants.js <file>`), mirroring the realm's organizations. */
export class RegisterTenant {
  @IsUUID('4')
  id!: string;

  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'alias must be 2–63 lowercase letters, digits or "-" (the Keycloak organization alias)' })
  alias!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  nameEn?: string;

  @IsEnum(TenantKind)
  kind!: TenantKind;

  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsUUID('4')
  parentId?: string | null;
}

export class RegisterTenantsFile {
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => RegisterTenant)
  tenants!: RegisterTenant[];
}
