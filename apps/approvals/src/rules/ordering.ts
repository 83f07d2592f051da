/**
 * Who may do what on an agenda item, and in which order (事中, fixtures/decision-rules.json `inMeeting`):
 * - 一人一票 (IM-5): each present member states one position per item;
 * - 回避 (IM-3): a recused member does not state, and is not waited for;
 * - 末位表态 (IM-2, “一把手”末位表态 / 主要领导末位表态): the main leader states after every other
 *   present, non-recused member;
 * - 集体研究确定 (IM-1): the item is concluded once every present, non-recused member has stated.
 *
 * Every message is zh-CN first, then English, and names the rule.
 */

export interface MemberState {
  readonly subject: string;
  readonly isMainLeader: boolean;
  /** null until attendance is taken (counts as not present) */
  readonly present: boolean | null;
}

export type PositionRefusalCode = 'not-in-session' | 'item-decided' | 'not-member' | 'absent' | 'recused' | 'already-stated' | 'main-leader-last';
export type RecusalRefusalCode = 'not-in-session' | 'item-decided' | 'not-member' | 'absent' | 'recused' | 'already-stated';
export type ConclusionRefusalCode = 'not-in-session' | 'item-decided' | 'pending' | 'no-positions';
export type RefusalCode = PositionRefusalCode | RecusalRefusalCode | ConclusionRefusalCode;

export interface Refusal<C extends RefusalCode = RefusalCode> {
  readonly code: C;
  readonly message: string;
}

interface ItemState {
  readonly members: readonly MemberState[];
  readonly recused: ReadonlySet<string>;
  readonly stated: ReadonlySet<string>;
  readonly meetingInSession: boolean;
  readonly itemOpen: boolean;
}

const isPresent = (m: MemberState): boolean => m.present === true;

/** Present, non-recused members who have not stated yet (`mainLeader`: whether to include the main leader). */
function pending(s: Pick<ItemState, 'members' | 'recused' | 'stated'>, mainLeader: boolean): MemberState[] {
  return s.members.filter((m) => (mainLeader || !m.isMainLeader) && isPresent(m) && !s.recused.has(m.subject) && !s.stated.has(m.subject));
}

const nMembers = (n: number): string => `${n} member${n === 1 ? '' : 's'}`;
const have = (n: number): string => (n === 1 ? 'has' : 'have');

/**
 * 末位表态: why the main leader may not state yet — the number of other present, non-recused members
 * still to state — or null once there are none. Absent and recused members are not waited for.
 */
export function mainLeaderBlockedReason(members: readonly MemberState[], recused: ReadonlySet<string>, stated: ReadonlySet<string>): string | null {
  const n = pending({ members, recused, stated }, false).length;
  if (n === 0) return null;
  return `末位表态：还有 ${n} 位班子成员未表态，主要领导须最后表态 / the main leader states last: ${nMembers(n)} ${have(n)} not stated yet`;
}

function sessionRefusal(s: ItemState): Refusal<'not-in-session' | 'item-decided'> | null {
  if (!s.meetingInSession) return { code: 'not-in-session', message: '会议未在进行中：只能在会上集体研究 / the meeting is not in session: matters are decided collectively in session' };
  if (!s.itemOpen) return { code: 'item-decided', message: '该议题已形成决议，不能再表态或回避 / this item has been decided: no more positions or recusals' };
  return null;
}

/**
 * Why `subject` may not state a position on the item now, or null. Checked in this order: the
 * meeting is in session, the item is open, the subject is a member, present, not recused (回避), has
 * not stated (一人一票), and — for the main leader — every other present, non-recused member has
 * stated (末位表态).
 */
export function positionRefusal(input: ItemState & { readonly subject: string }): Refusal<PositionRefusalCode> | null {
  const session = sessionRefusal(input);
  if (session) return session;
  const member = input.members.find((m) => m.subject === input.subject);
  if (!member) return { code: 'not-member', message: '不是本次会议的班子成员，不能表态（一人一票，限班子成员） / not a member of this meeting: only members state positions (one member, one vote)' };
  if (!isPresent(member)) return { code: 'absent', message: '未出席会议的成员不能表态 / an absent member cannot state a position' };
  if (input.recused.has(input.subject)) return { code: 'recused', message: '回避：已回避的成员不得就该议题表态 / recusal: a recused member cannot state a position on this item' };
  if (input.stated.has(input.subject)) return { code: 'already-stated', message: '一人一票：每位成员对每个议题只表态一次 / one member, one vote: a position is stated once per item' };
  if (member.isMainLeader) {
    const blocked = mainLeaderBlockedReason(input.members, input.recused, input.stated);
    if (blocked) return { code: 'main-leader-last', message: blocked };
  }
  return null;
}

/**
 * Why `subject` may not recuse (回避) from the item now, or null. Checked in this order: in session,
 * item open, a member, present, not recused already, not stated yet — a member who has stated cannot
 * recuse afterwards (the position would stand in the record).
 *
 * An absent member is refused: they neither state nor are waited for already, and `decide` counts
 * the recused among those present (its voters are present − recused).
 */
export function recusalRefusal(input: ItemState & { readonly subject: string }): Refusal<RecusalRefusalCode> | null {
  const session = sessionRefusal(input);
  if (session) return session;
  const member = input.members.find((m) => m.subject === input.subject);
  if (!member) return { code: 'not-member', message: '回避：回避对象不是本次会议的班子成员 / recusal: not a member of this meeting' };
  if (!isPresent(member)) return { code: 'absent', message: '回避：该成员未出席会议，无须回避 / recusal: the member is absent and takes no part anyway' };
  if (input.recused.has(input.subject)) return { code: 'recused', message: '回避：该成员已就该议题回避 / recusal: the member has recused from this item already' };
  if (input.stated.has(input.subject)) return { code: 'already-stated', message: '回避：已表态的成员不能再回避 / recusal: a member who has stated a position cannot recuse afterwards' };
  return null;
}

/**
 * Why the item cannot be concluded yet (形成决议), or null: in session, the item open, every present,
 * non-recused member — the main leader included — has stated, and there is at least one position
 * (when every present member recused, nobody can decide the item).
 */
export function conclusionRefusal(input: ItemState): Refusal<ConclusionRefusalCode> | null {
  const session = sessionRefusal(input);
  if (session) return session;
  const n = pending(input, true).length;
  if (n > 0) return { code: 'pending', message: `集体研究确定：还有 ${n} 位出席成员未表态，不能形成决议 / collective decision: ${nMembers(n)} present ${have(n)} not stated yet` };
  const stated = input.members.filter((m) => isPresent(m) && !input.recused.has(m.subject) && input.stated.has(m.subject)).length;
  if (stated === 0) return { code: 'no-positions', message: '集体研究确定：出席成员均已回避，无人表态，不能形成决议 / collective decision: every present member recused, nobody has stated' };
  return null;
}
