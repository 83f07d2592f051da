import { ActorKind, type AssigneeDto, type CallerContext, type MeetingBody, MeetingBodyLabels, type MatterStepDto, StepKind } from '@qinglian/contracts';
import { isRole, Role, RoleLabels } from '@qinglian/auth';
import { type PowerListClient } from '../platform/power-list.client';

/** Who acts on a step that opens now: people by name, or (when the directory has none) a role. */
export interface StepAssignment {
  readonly assignees: AssigneeDto[];
  readonly role: string | null;
  readonly note: string | null;
}

export interface AssignmentContext {
  readonly steps: readonly MatterStepDto[];
  readonly handlingUnitCode: string;
  readonly proposer: AssigneeDto;
  readonly requiredBodies: readonly MeetingBody[];
}

const HANDLER: string = Role.Handler;

/** Roles the directory knows as people on a date (the leadership team and its charges). */
const DIRECTORY_ROLES: readonly string[] = [Role.MainLeader, Role.LeadershipMember, Role.LeaderInCharge];

/**
 * Assigns a step from the directory on the day it opens (ARCHITECTURE: people change posts; the
 * step goes to whoever holds the post that day). A meeting step waits for a meeting; the handler's
 * steps return to the proposer; a post, unit or leadership role resolves to people; other roles and
 * external bodies go to everyone with the role (the external body's answer is recorded by the office).
 */
export async function resolveAssignment(powerList: PowerListClient, caller: CallerContext, ctx: AssignmentContext, order: number, on: string): Promise<StepAssignment> {
  const step = ctx.steps[order - 1];
  if (!step) throw new RangeError(`step ${order} does not exist`);
  if (step.kind === StepKind.Meeting) {
    const bodies = (ctx.requiredBodies.length > 0 ? ctx.requiredBodies : step.meetingBodies).map((b) => MeetingBodyLabels[b].zh);
    return { assignees: [], role: null, note: `待上会：须经${bodies.join('、') || '会议'}集体决策 / awaiting a meeting` };
  }
  const actor = step.actor;
  if (!actor || (actor.kind === ActorKind.Role && actor.ref === HANDLER)) {
    return { assignees: [ctx.proposer], role: null, note: '经办人办理 / the proposer handles this step' };
  }
  if (actor.kind === ActorKind.External) {
    return { assignees: [], role: Role.TenantAdmin, note: `外部机构「${actor.ref}」办理，由租户管理员登记结果 / recorded by the tenant administrator for ${actor.ref}` };
  }
  if (actor.kind === ActorKind.Role && !DIRECTORY_ROLES.includes(actor.ref)) {
    return { assignees: [], role: actor.ref, note: `由具有「${RoleLabelsZh(actor.ref)}」角色的人员办理 / anyone with the role ${actor.ref}` };
  }
  const found = await powerList.assigneesOn(caller, actor, ctx.handlingUnitCode, on);
  if (found.people.length > 0) return { assignees: found.people.map((p) => ({ subject: p.subject, name: p.name })), role: null, note: found.note };
  const fallback = actor.kind === ActorKind.Role ? actor.ref : Role.DepartmentHead;
  return { assignees: [], role: fallback, note: `${found.note}；改由具有「${RoleLabelsZh(fallback)}」角色的人员办理` };
}

function RoleLabelsZh(role: string): string {
  return isRole(role) ? RoleLabels[role].zh : role;
}
