// 我的待办: where each item is done — the matter's page (its 会前报备 tab for a review or a signature),
// or the meeting's for a position owed.
import { approvalRoutes } from '../api/paths';
import type { Todo } from './types';

export function todoTarget(todo: Pick<Todo, 'kind' | 'matterId' | 'meetingId'>): string {
  switch (todo.kind) {
    case 'position':
      return todo.meetingId ? approvalRoutes.meeting(todo.meetingId) : approvalRoutes.matter(todo.matterId);
    case 'compliance-review':
    case 'sign':
      return approvalRoutes.matter(todo.matterId, 'filing');
    case 'step':
      return approvalRoutes.matter(todo.matterId);
  }
}

/** Overdue first, then by due time (none last), then by start. */
export function sortTodos<T extends Pick<Todo, 'dueAt' | 'startedAt' | 'overdue'>>(todos: readonly T[]): T[] {
  return [...todos].sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    if (a.dueAt !== b.dueAt) {
      if (a.dueAt === null) return 1;
      if (b.dueAt === null) return -1;
      return a.dueAt.localeCompare(b.dueAt);
    }
    return a.startedAt.localeCompare(b.startedAt);
  });
}
