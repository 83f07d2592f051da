export interface MemberState {
  readonly subject: string;
  readonly isMainLeader: boolean;
  /** null until attendance is taken */
  readonly present: boolean | null;
}

export type RefusalCode = 'not-in-session' | 'item-decided' | 'not-member' | 'absent' | 'recused' | 'already-stated' | 'main-leader-last' | 'pending';

export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
}

/** Present, non-recused members other than the main leader who have not stated yet. */
function othersPending(members: readonly MemberState[], recused: ReadonlySet<string>, stated: ReadonlySet<string>): MemberState[] {
  return members.filter((m) => !m.isMainLeader && m.present === true && !recused.has(m.subject) && !stated.has(m.subject));
}

/** 末位表态: why the main leader may not state yet, or null once every other present, non-recused member has. */
export function mainLeaderBlockedReason(members: readonly MemberState[], recused: ReadonlySet<string>, stated: ReadonlySet<string>): string | null {
  const pending = othersPending(members, recused, stated).length;
  return pending === 0 ? null : `末位表态：还有 ${pending} 位班子成员未表态，主要领导须最后表态 / the main leader states last: ${pending} member(s) have not stated yet`;
}

interface ItemState {
  readonly members: readonly MemberState[];
  readonly recused: ReadonlySet<string>;
  readonly stated: ReadonlySet<string>;
  readonly meetingInSession: boolean;
  readonly itemOpen: boolean;
}

function sessionRefusal(s: ItemState): Refusal | null {
  if (!s.meetingInSession) return { code: 'not-in-session', message: '会议未在进行中 / the meeting is not in session' };
  if (!s.itemOpen) return { code: 'item-decided', message: '该议题已形成决议 / this item is concluded' };
  return null;
}

/** Why `subject` may not state a position on the item now (一人一票, 回避, 末位表态), or null. */
export function positionRefusal(input: ItemState & { subject: string }): Refusal | null {
  const session = sessionRefusal(input);
  if (session) return session;
  const member = input.members.find((m) => m.subject === input.subject);
  if (!member) return { code: 'not-member', message: '您不是本次会议的班子成员 / not a member of this meeting (not-member)' };
  if (member.present !== true) return { code: 'absent', message: '未出席的成员不能表态 / an absent member cannot state a position (absent)' };
  if (input.recused.has(input.subject)) return { code: 'recused', message: '已回避的成员不能就该议题表态 / a recused member cannot state a position (recused)' };
  if (input.stated.has(input.subject)) return { code: 'already-stated', message: '每位成员对每个议题只能表态一次（一人一票）/ one position per member per item (already-stated)' };
  if (member.isMainLeader) {
    const blocked = mainLeaderBlockedReason(input.members, input.recused, input.stated);
    if (blocked) return { code: 'main-leader-last', message: blocked };
  }
  return null;
}

/** Why `subject` may not recuse (回避) from the item now, or null: before stating, once. */
export function recusalRefusal(input: ItemState & { subject: string }): Refusal | null {
  const session = sessionRefusal(input);
  if (session) return session;
  if (!input.members.some((m) => m.subject === input.subject)) return { code: 'not-member', message: '回避对象不是本次会议的班子成员 / not a member of this meeting (not-member)' };
  if (input.recused.has(input.subject)) return { code: 'recused', message: '该成员已回避 / already recused (recused)' };
  if (input.stated.has(input.subject)) return { code: 'already-stated', message: '已表态的成员不能再回避 / a member who has stated cannot recuse (already-stated)' };
  return null;
}

/** Why the item cannot be concluded yet, or null once every present, non-recused member has stated. */
export function conclusionRefusal(input: ItemState): Refusal | null {
  const session = sessionRefusal(input);
  if (session) return session;
  const pending = input.members.filter((m) => m.present === true && !input.recused.has(m.subject) && !input.stated.has(m.subject));
  if (pending.length > 0) return { code: 'pending', message: `还有 ${pending.length} 位出席成员未表态，不能形成决议 / ${pending.length} present member(s) have not stated` };
  return null;
}
