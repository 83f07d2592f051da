import { approvalsSectionOf, visibleSections } from './sections';

describe('approvals sections', () => {
  it('keep a list’s section selected on its detail pages', () => {
    expect(approvalsSectionOf('/approvals/todos')).toBe('todos');
    expect(approvalsSectionOf('/approvals/matters/')).toBe('matters');
    expect(approvalsSectionOf('/approvals/matters/m1')).toBe('matters');
    expect(approvalsSectionOf('/approvals/meetings/g1')).toBe('meetings');
    expect(approvalsSectionOf('/approvals/decisions/d1')).toBe('meetings');
    expect(approvalsSectionOf('/approvals/alerts')).toBe('alerts');
    expect(approvalsSectionOf('/approvals/policy')).toBe('policy');
    expect(approvalsSectionOf('/approvals')).toBeUndefined();
  });

  it('show 预警 only to holders of alert:read', () => {
    expect(visibleSections(['matter:read']).map((s) => s.key)).toEqual(['todos', 'matters', 'meetings', 'policy']);
    expect(visibleSections(['alert:read']).map((s) => s.key)).toEqual(['todos', 'matters', 'meetings', 'alerts', 'policy']);
  });
});
