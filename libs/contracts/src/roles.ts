/**
 * Realm roles (DOMAIN.md "Who uses it"). Identifiers in English; the Chinese terms are what users see.
 */
export enum Role {
  /** 经办人员 */ Handler = 'handler',
  /** 科室负责人 */ DepartmentHead = 'department-head',
  /** 分管领导 */ LeaderInCharge = 'leader-in-charge',
  /** 主要领导 / 党委书记 */ MainLeader = 'main-leader',
  /** 班子成员 */ LeadershipMember = 'leadership-member',
  /** 廉洁风险防控工作办公室 */ IntegrityOffice = 'integrity-office',
  /** 纪委 / 机关纪委 */ DisciplineCommittee = 'discipline-committee',
  /** 派驻纪检监察组 */ ExternalDiscipline = 'external-discipline',
  /** 国资委监管 */ SupervisorInspector = 'supervisor-inspector',
  /** 审计 */ Auditor = 'auditor',
  /** 租户管理员 */ TenantAdmin = 'tenant-admin',
}

export enum Permission {
  DirectoryRead = 'directory:read',
  DirectoryWrite = 'directory:write',
  PowerItemRead = 'power-item:read',
  PowerItemWrite = 'power-item:write',
}

const everyone = Object.values(Role);

/**
 * Which roles grant which permission — the one table to read. (The next issue moves it to
 * libs/auth together with the gateway's checks; services already check it on every request.)
 */
export const RolePermissions: Readonly<Record<Permission, readonly Role[]>> = {
  [Permission.DirectoryRead]: everyone,
  [Permission.DirectoryWrite]: [Role.TenantAdmin],
  [Permission.PowerItemRead]: everyone,
  [Permission.PowerItemWrite]: [Role.TenantAdmin, Role.IntegrityOffice],
};

export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  return RolePermissions[permission].some((r) => roles.includes(r));
}
