import { sortTodos, todoTarget } from './todos';

describe('todos', () => {
  it('open the meeting for a position owed, else the matter', () => {
    expect(todoTarget({ kind: 'position', matterId: 'm1', meetingId: 'g1' })).toBe('/approvals/meetings/g1');
    expect(todoTarget({ kind: 'position', matterId: 'm1', meetingId: null })).toBe('/approvals/matters/m1');
    expect(todoTarget({ kind: 'sign', matterId: 'm1', meetingId: null })).toBe('/approvals/matters/m1?tab=filing');
    expect(todoTarget({ kind: 'compliance-review', matterId: 'm1', meetingId: null })).toBe('/approvals/matters/m1?tab=filing');
    expect(todoTarget({ kind: 'step', matterId: 'm2', meetingId: 'g1' })).toBe('/approvals/matters/m2');
  });

  it('put the overdue first, then the soonest due', () => {
    const t = (id: string, dueAt: string | null, overdue = false) => ({ id, dueAt, overdue, startedAt: '2026-12-01T00:00:00Z' });
    const sorted = sortTodos([t('later', '2026-12-09T00:00:00Z'), t('none', null), t('late', '2026-11-30T00:00:00Z', true), t('soon', '2026-12-02T00:00:00Z')]);
    expect(sorted.map((x) => x.id)).toEqual(['late', 'soon', 'later', 'none']);
  });
});
