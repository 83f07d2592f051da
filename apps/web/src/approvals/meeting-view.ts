// What a meeting's page offers whom: taking attendance, opening, the agenda, recusals, MY position
// (末位表态 for the main leader) and concluding — each enabled or not, and why.
import type { PositionName } from '../i18n/approvals';
import type { AgendaItem, Matter, MatterSummary, Meeting, MeetingMember } from './types';

/** The member signed in as `subject`, if any. */
export function memberOf(meeting: Pick<Meeting, 'members'>, subject: string): MeetingMember | null {
  return meeting.members.find((m) => m.subject === subject) ?? null;
}

/** A subject's name among the members (the subject itself when it is not one). */
export function nameOf(meeting: Pick<Meeting, 'members'>, subject: string): string {
  return meeting.members.find((m) => m.subject === subject)?.name ?? subject;
}

export interface AttendanceRow {
  readonly subject: string;
  readonly present: boolean | null;
  readonly absenceReason: string;
}

/** The attendance as the editor starts it: as recorded so far. */
export function attendanceDraft(members: readonly MeetingMember[]): AttendanceRow[] {
  return members.map((m) => ({ subject: m.subject, present: m.present, absenceReason: m.absenceReason ?? '' }));
}

export type AttendanceProblem = { readonly subject: string; readonly problem: 'undecided' | 'reason' };

/** What keeps the attendance from being saved: a member neither present nor absent, or absent without a reason. */
export function attendanceProblems(rows: readonly AttendanceRow[]): AttendanceProblem[] {
  return rows.flatMap((r): AttendanceProblem[] => {
    if (r.present === null) return [{ subject: r.subject, problem: 'undecided' }];
    if (!r.present && r.absenceReason.trim().length === 0) return [{ subject: r.subject, problem: 'reason' }];
    return [];
  });
}

/** PUT /meetings/:id/attendance: every decided member; a reason only for the absent. */
export function attendanceBody(rows: readonly AttendanceRow[]): { attendance: { subject: string; present: boolean; absenceReason: string | null }[] } {
  return {
    attendance: rows.flatMap((r) => (r.present === null ? [] : [{ subject: r.subject, present: r.present, absenceReason: r.present ? null : r.absenceReason.trim() || null }])),
  };
}

/** How many members a draft attendance has present. */
export function presentCount(rows: readonly AttendanceRow[]): number {
  return rows.filter((r) => r.present === true).length;
}

export type OpenState =
  | { readonly show: false }
  | { readonly show: true; readonly enabled: true }
  | { readonly show: true; readonly enabled: false; readonly reason: 'attendance' | 'quorum' };

/** 开会: for meeting:write while scheduled; enabled once attendance is taken and the quorum met. */
export function openState(meeting: Pick<Meeting, 'status' | 'members' | 'quorum'>, mayWrite: boolean): OpenState {
  if (!mayWrite || meeting.status !== 'scheduled') return { show: false };
  if (meeting.members.some((m) => m.present === null)) return { show: true, enabled: false, reason: 'attendance' };
  if (!meeting.quorum.met) return { show: true, enabled: false, reason: 'quorum' };
  return { show: true, enabled: true };
}

/** Whether a member is recused from an item. */
export function isRecused(item: Pick<AgendaItem, 'recusals'>, subject: string): boolean {
  return item.recusals.some((r) => r.subject === subject);
}

export function hasStated(item: Pick<AgendaItem, 'positions'>, subject: string): boolean {
  return item.positions.some((p) => p.subject === subject);
}

export type PositionFormState =
  | { readonly show: false; readonly why: 'no-permission' | 'not-member' | 'not-in-session' | 'decided' | 'absent' | 'recused' | 'stated' }
  | { readonly show: true; readonly blocked: null }
  | { readonly show: true; readonly blocked: string };

/**
 * MY position form: for a present, non-recused member (position:write) who has not stated on an open
 * item of a meeting in session. The main leader sees it disabled, with the service's reason, until
 * the others have stated (末位表态).
 */
export function positionFormState(meeting: Pick<Meeting, 'status' | 'members'>, item: AgendaItem, subject: string, mayPosition: boolean): PositionFormState {
  if (!mayPosition) return { show: false, why: 'no-permission' };
  const me = memberOf(meeting, subject);
  if (!me) return { show: false, why: 'not-member' };
  if (meeting.status !== 'in-session') return { show: false, why: 'not-in-session' };
  if (item.status !== 'open') return { show: false, why: 'decided' };
  if (me.present !== true) return { show: false, why: 'absent' };
  if (isRecused(item, subject)) return { show: false, why: 'recused' };
  if (hasStated(item, subject)) return { show: false, why: 'stated' };
  if (me.isMainLeader && item.mainLeaderBlockedReason) return { show: true, blocked: item.mainLeaderBlockedReason };
  return { show: true, blocked: null };
}

/** 声明回避 for oneself: a member (position:write) who has not stated on an open item of an unfinished meeting. */
export function mayDeclareRecusal(meeting: Pick<Meeting, 'status' | 'members'>, item: AgendaItem, subject: string, mayPosition: boolean): boolean {
  return (
    mayPosition &&
    meeting.status === 'in-session' &&
    item.status === 'open' &&
    memberOf(meeting, subject)?.present === true &&
    !isRecused(item, subject) &&
    !hasStated(item, subject)
  );
}

/** The members the chair may require to recuse: present, not recused, not stated yet (the service refuses the absent). */
export function recusableMembers(meeting: Pick<Meeting, 'members'>, item: AgendaItem): MeetingMember[] {
  return meeting.members.filter((m) => m.present === true && !isRecused(item, m.subject) && !hasStated(item, m.subject));
}

/** Whether a reason must accompany a position (all but 同意). */
export function reasonRequired(position: PositionName | undefined): boolean {
  return position !== undefined && position !== 'agree';
}

export type ConcludeState =
  | { readonly show: false }
  | { readonly show: true; readonly enabled: true }
  | { readonly show: true; readonly enabled: false; readonly reason: 'not-in-session' | 'pending' | 'no-positions' };

/** 形成决议: for meeting:write on an open item; enabled in session once every present member has stated. */
export function concludeState(meeting: Pick<Meeting, 'status'>, item: AgendaItem, mayWrite: boolean): ConcludeState {
  if (!mayWrite || item.status !== 'open' || meeting.status === 'closed') return { show: false };
  if (meeting.status !== 'in-session') return { show: true, enabled: false, reason: 'not-in-session' };
  if (item.pending.length > 0) return { show: true, enabled: false, reason: 'pending' };
  if (item.positions.length === 0) return { show: true, enabled: false, reason: 'no-positions' };
  return { show: true, enabled: true };
}

export interface Tally {
  readonly agree: number;
  readonly disagree: number;
  readonly defer: number;
  readonly abstain: number;
}

export function tally(positions: readonly { readonly position: PositionName }[]): Tally {
  const t = { agree: 0, disagree: 0, defer: 0, abstain: 0 };
  for (const p of positions) t[p.position] += 1;
  return t;
}

/** Positions in the order they were stated. */
export function positionsInOrder<T extends { readonly seq: number }>(positions: readonly T[]): T[] {
  return [...positions].sort((a, b) => a.seq - b.seq);
}

/** Matters awaiting a meeting that are not on this meeting's agenda yet. */
export function agendaCandidates(matters: readonly MatterSummary[], meeting: Pick<Meeting, 'agenda'>): MatterSummary[] {
  const on = new Set(meeting.agenda.map((a) => a.matterId));
  return matters.filter((m) => m.status === 'awaiting-meeting' && !on.has(m.id));
}

/** Whether the agenda can still take items: meeting:write, meeting not closed. */
export function mayAddAgenda(meeting: Pick<Meeting, 'status'>, mayWrite: boolean): boolean {
  return mayWrite && meeting.status !== 'closed';
}

/** Whether the page should keep polling: people state positions while a meeting is in session. */
export function shouldPoll(meeting: Pick<Meeting, 'status'> | undefined): boolean {
  return meeting?.status === 'in-session';
}

/** The meeting body a matter awaits next: the first required body without a passed decision. */
export function nextBody(matter: Pick<Matter, 'requiredBodies' | 'decisions'>): Matter['requiredBodies'][number] | null {
  return matter.requiredBodies.find((b) => !matter.decisions.some((d) => d.body === b && d.result === 'passed')) ?? null;
}
