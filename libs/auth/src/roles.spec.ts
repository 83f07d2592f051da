import { ALL_ROLES, denialReason, hasPermission, Permission, permissionsOf, Role, RoleLabels, RolePermissions } from './roles';

describe('role → permission table', () => {
  it('lets only the tenant admin change the directory', () => {
    expect(hasPermission([Role.TenantAdmin], Permission.DirectoryWrite)).toBe(true);
    expect(hasPermission([Role.MainLeader, Role.IntegrityOffice], Permission.DirectoryWrite)).toBe(false);
  });

  it('lets every role read power items and the integrity office write them', () => {
    for (const role of Object.values(Role)) expect(hasPermission([role], Permission.PowerItemRead)).toBe(true);
    expect(hasPermission([Role.IntegrityOffice], Permission.PowerItemWrite)).toBe(true);
    expect(hasPermission([Role.Handler], Permission.PowerItemWrite)).toBe(false);
    expect(hasPermission([], Permission.PowerItemRead)).toBe(false);
    expect(hasPermission(['unknown-role'], Permission.PowerItemRead)).toBe(false);
  });

  it('names every permission as a read or a write and grants each to someone', () => {
    for (const p of Object.values(Permission)) {
      expect(p).toMatch(/:(read|write)$/);
      expect(RolePermissions[p].length).toBeGreaterThan(0);
    }
  });

  it('labels every role in Chinese and English', () => {
    for (const role of ALL_ROLES) expect(RoleLabels[role].zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('lists the permissions a set of roles grants', () => {
    expect(permissionsOf([Role.Handler])).toEqual([
      Permission.ProfileRead,
      Permission.DirectoryRead,
      Permission.PowerItemRead,
      Permission.ResponsibilityListRead,
      Permission.PublicationRead,
      Permission.PolicyRead,
      Permission.MatterRead,
      Permission.MatterWrite,
      Permission.TaskWrite,
      Permission.MeetingRead,
      Permission.DecisionRead,
      Permission.ExecutionWrite,
    ]);
  });

  it('keeps the approvals duties apart: the integrity office reviews compliance, the main leader signs, members state positions', () => {
    expect(RolePermissions[Permission.ComplianceReviewWrite]).toEqual([Role.IntegrityOffice]);
    expect(RolePermissions[Permission.FilingSign]).toEqual([Role.MainLeader]);
    expect(hasPermission([Role.Handler, Role.DepartmentHead], Permission.PositionWrite)).toBe(false);
    expect(hasPermission([Role.LeadershipMember], Permission.PositionWrite)).toBe(true);
    expect(hasPermission([Role.ExternalDiscipline], Permission.FilingRead)).toBe(true);
    expect(hasPermission([Role.ExternalDiscipline], Permission.MeetingWrite)).toBe(false);
    expect(hasPermission([Role.Handler], Permission.AlertRead)).toBe(false);
  });
});

describe('supervising reads', () => {
  const below = '6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9f01';

  it('lets a supervisor inspector read a tenant below and never write there', () => {
    expect(denialReason({ roles: [Role.SupervisorInspector], supervisingTenantId: below }, Permission.PowerItemRead)).toBeNull();
    expect(denialReason({ roles: [Role.SupervisorInspector, Role.TenantAdmin], supervisingTenantId: below }, Permission.PowerItemWrite)).toMatch(
      /may only read/,
    );
  });

  it('refuses other roles of the supervising tenant', () => {
    expect(denialReason({ roles: [Role.TenantAdmin], supervisingTenantId: below }, Permission.PowerItemRead)).toMatch(/supervisor-inspector/);
  });

  it('lets anyone of the supervising tenant open a publication below (power-list then checks its scope), and nothing else', () => {
    expect(denialReason({ roles: [Role.LeadershipMember], supervisingTenantId: below }, Permission.PublicationRead)).toBeNull();
    expect(denialReason({ roles: [Role.LeadershipMember], supervisingTenantId: below }, Permission.ResponsibilityListRead)).toMatch(/supervisor-inspector/);
  });

  it('has versions reviewed by the integrity office and the discipline committee and published by the admin or the main leader', () => {
    expect(RolePermissions[Permission.ReviewWrite]).toEqual([Role.IntegrityOffice, Role.DisciplineCommittee]);
    expect(RolePermissions[Permission.PublishWrite]).toEqual([Role.TenantAdmin, Role.MainLeader]);
  });

  it('applies the table inside one\'s own tenant', () => {
    expect(denialReason({ roles: [Role.TenantAdmin] }, Permission.PowerItemWrite)).toBeNull();
    expect(denialReason({ roles: [Role.Handler] }, Permission.PowerItemWrite)).toBe('permission power-item:write is required');
  });
});
