/**
 * Realm roles (DOMAIN.md "Who uses it"). Identifiers in English; the Chinese terms are what users see.
 * The same names are the realm roles in Keycloak (deploy/keycloak) and in the dev realm.
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

export const ALL_ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: string): value is Role {
  return (ALL_ROLES as readonly string[]).includes(value);
}

/** What people see: Chinese first, English second. */
export const RoleLabels: Readonly<Record<Role, { readonly zh: string; readonly en: string }>> = {
  [Role.Handler]: { zh: '经办人员', en: 'Handler' },
  [Role.DepartmentHead]: { zh: '科室负责人', en: 'Department head' },
  [Role.LeaderInCharge]: { zh: '分管领导', en: 'Leader in charge' },
  [Role.MainLeader]: { zh: '主要领导（党委书记）', en: 'Main leader (Party secretary)' },
  [Role.LeadershipMember]: { zh: '班子成员', en: 'Leadership-team member' },
  [Role.IntegrityOffice]: { zh: '廉洁风险防控工作办公室', en: 'Integrity office' },
  [Role.DisciplineCommittee]: { zh: '纪委（机关纪委）', en: 'Discipline committee' },
  [Role.ExternalDiscipline]: { zh: '派驻纪检监察组', en: 'External discipline group' },
  [Role.SupervisorInspector]: { zh: '国资委监管', en: 'Supervisor inspector' },
  [Role.Auditor]: { zh: '审计', en: 'Auditor' },
  [Role.TenantAdmin]: { zh: '租户管理员', en: 'Tenant administrator' },
};

/**
 * What an endpoint needs. Names end in `:read` or `:write`: a supervisor reading a tenant below its own
 * gets read permissions only, whatever its roles (see `authorize`).
 */
export enum Permission {
  ProfileRead = 'profile:read',
  DirectoryRead = 'directory:read',
  DirectoryWrite = 'directory:write',
  PowerItemRead = 'power-item:read',
  PowerItemWrite = 'power-item:write',
  ResponsibilityListRead = 'responsibility-list:read',
  ResponsibilityListWrite = 'responsibility-list:write',
  /** 审核: record a review opinion on a version in review. */
  ReviewWrite = 'review:write',
  /** 发布: publish a reviewed version; make a publication (公开). */
  PublishWrite = 'publish:write',
  /** Open a publication (公开): also granted to a supervisor's people when published to the supervisor. */
  PublicationRead = 'publication:read',
  /** 决策规则 (approvals policy) */
  PolicyRead = 'policy:read',
  PolicyWrite = 'policy:write',
  /** 事项: read matters; start one (发起) and keep its records (调研、征求意见、风险评估、附件) */
  MatterRead = 'matter:read',
  MatterWrite = 'matter:write',
  /** 办理: act on a step assigned to oneself (the service checks the assignment) */
  TaskWrite = 'task:write',
  /** 合法合规审查 with a written opinion */
  ComplianceReviewWrite = 'compliance-review:write',
  /** 书记签字 on a filing */
  FilingSign = 'filing-signature:write',
  /** 会前报备 as filed: also the external discipline group's archive (存档备查) */
  FilingRead = 'filing:read',
  MeetingRead = 'meeting:read',
  /** 组织会议: schedule, attendance, agenda, opening, requiring recusal, concluding */
  MeetingWrite = 'meeting:write',
  /** 表态 / 声明回避 as a member (the service checks membership and attendance) */
  PositionWrite = 'position:write',
  DecisionRead = 'decision:read',
  /** 下达、执行情况 */
  ExecutionWrite = 'execution:write',
  /** 执行后评价 */
  EvaluationWrite = 'evaluation:write',
  AlertRead = 'alert:read',
  /** Rotate the tenant's SM2 signing key */
  SigningKeyWrite = 'signing-key:write',
}

export function isReadPermission(permission: Permission): boolean {
  return permission.endsWith(':read');
}

const everyone = ALL_ROLES;

/**
 * Which roles grant which permission — the one table to read. The gateway checks it before calling a
 * service, and each service checks it again on every request.
 */
export const RolePermissions: Readonly<Record<Permission, readonly Role[]>> = {
  [Permission.ProfileRead]: everyone,
  [Permission.DirectoryRead]: everyone,
  [Permission.DirectoryWrite]: [Role.TenantAdmin],
  [Permission.PowerItemRead]: everyone,
  [Permission.PowerItemWrite]: [Role.TenantAdmin, Role.IntegrityOffice],
  [Permission.ResponsibilityListRead]: everyone,
  [Permission.ResponsibilityListWrite]: [Role.TenantAdmin, Role.IntegrityOffice],
  [Permission.ReviewWrite]: [Role.IntegrityOffice, Role.DisciplineCommittee],
  [Permission.PublishWrite]: [Role.TenantAdmin, Role.MainLeader],
  [Permission.PublicationRead]: everyone,
  [Permission.PolicyRead]: everyone,
  [Permission.PolicyWrite]: [Role.TenantAdmin],
  [Permission.MatterRead]: everyone,
  [Permission.MatterWrite]: [Role.Handler, Role.DepartmentHead, Role.TenantAdmin],
  [Permission.TaskWrite]: [Role.Handler, Role.DepartmentHead, Role.LeaderInCharge, Role.MainLeader, Role.LeadershipMember, Role.IntegrityOffice, Role.DisciplineCommittee, Role.TenantAdmin],
  [Permission.ComplianceReviewWrite]: [Role.IntegrityOffice],
  [Permission.FilingSign]: [Role.MainLeader],
  [Permission.FilingRead]: [Role.MainLeader, Role.LeadershipMember, Role.IntegrityOffice, Role.DisciplineCommittee, Role.ExternalDiscipline, Role.TenantAdmin, Role.SupervisorInspector, Role.Auditor],
  [Permission.MeetingRead]: everyone,
  [Permission.MeetingWrite]: [Role.TenantAdmin, Role.MainLeader],
  [Permission.PositionWrite]: [Role.MainLeader, Role.LeadershipMember, Role.LeaderInCharge],
  [Permission.DecisionRead]: everyone,
  [Permission.ExecutionWrite]: [Role.Handler, Role.DepartmentHead, Role.TenantAdmin],
  [Permission.EvaluationWrite]: [Role.IntegrityOffice, Role.DisciplineCommittee, Role.TenantAdmin],
  [Permission.AlertRead]: [Role.MainLeader, Role.IntegrityOffice, Role.DisciplineCommittee, Role.ExternalDiscipline, Role.TenantAdmin, Role.SupervisorInspector, Role.Auditor],
  [Permission.SigningKeyWrite]: [Role.TenantAdmin],
};

/**
 * Who must approve a power item or responsibility list version before it is published: the integrity
 * office (廉洁风险防控工作办公室) and the discipline committee (纪委/机关纪委), each with a written opinion.
 * The author of a version never reviews it.
 */
export const REVIEW_ROLES: readonly Role[] = [Role.IntegrityOffice, Role.DisciplineCommittee];

export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  return RolePermissions[permission].some((r) => roles.includes(r));
}

/** Every permission the roles grant, for the console to show or hide actions. */
export function permissionsOf(roles: readonly string[]): Permission[] {
  return Object.values(Permission).filter((p) => hasPermission(roles, p));
}

/** Roles that may read the tenants below their own (a 国资委's inspectors and auditors). */
export const SUPERVISING_ROLES: readonly Role[] = [Role.SupervisorInspector, Role.Auditor];

export interface AuthorizationSubject {
  readonly roles: readonly string[];
  /** Set when the caller acts in a tenant below its own: the caller's own tenant. */
  readonly supervisingTenantId?: string | undefined;
}

/**
 * Why the caller may not use the permission, or null when it may. Acting in a tenant below one's own
 * allows read permissions only, and only for the supervising roles — except opening a publication
 * (公开), which everyone in the supervising tenant may do; power-list then checks its scope.
 */
export function denialReason(subject: AuthorizationSubject, permission: Permission): string | null {
  if (subject.supervisingTenantId !== undefined && permission !== Permission.PublicationRead) {
    if (!isReadPermission(permission)) return `a supervising tenant may only read the tenants below it (${permission} is a write)`;
    if (!SUPERVISING_ROLES.some((r) => subject.roles.includes(r))) {
      return `reading a tenant below your own needs one of the roles ${SUPERVISING_ROLES.join(', ')}`;
    }
  }
  if (!hasPermission(subject.roles, permission)) return `permission ${permission} is required`;
  return null;
}
