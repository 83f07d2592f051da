// The sections of 决策审批 (its secondary navigation) and the console paths each covers: a detail page
// keeps its list's section highlighted.
import { approvalRoutes } from '../api/paths';
import type { ApprovalsSection } from '../i18n/approvals';
import type { ApprovalReadPermission } from './permissions';

export interface ApprovalsSectionDef {
  readonly key: ApprovalsSection;
  readonly path: string;
  /** Paths below which the section stays selected. */
  readonly covers: readonly string[];
  /** Shown only to holders of this permission. */
  readonly requires?: ApprovalReadPermission;
}

export const APPROVALS_SECTIONS: readonly ApprovalsSectionDef[] = [
  { key: 'todos', path: approvalRoutes.todos, covers: [] },
  { key: 'matters', path: approvalRoutes.matters, covers: [`${approvalRoutes.matters}/`] },
  { key: 'meetings', path: approvalRoutes.meetings, covers: [`${approvalRoutes.meetings}/`, '/approvals/decisions/'] },
  { key: 'alerts', path: approvalRoutes.alerts, covers: [], requires: 'alert:read' },
  { key: 'policy', path: approvalRoutes.policy, covers: [] },
];

export function approvalsSectionOf(pathname: string): ApprovalsSection | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  return APPROVALS_SECTIONS.find((s) => s.path === path || s.covers.some((c) => path.startsWith(c)))?.key;
}

/** The sections the caller sees. */
export function visibleSections(granted: readonly string[]): ApprovalsSectionDef[] {
  return APPROVALS_SECTIONS.filter((s) => s.requires === undefined || granted.includes(s.requires));
}
