import {
  agendaCandidates,
  attendanceBody,
  attendanceDraft,
  attendanceProblems,
  concludeState,
  mayAddAgenda,
  mayDeclareRecusal,
  memberOf,
  nameOf,
  nextBody,
  openState,
  positionFormState,
  positionsInOrder,
  presentCount,
  reasonRequired,
  recusableMembers,
  shouldPoll,
  tally,
} from './meeting-view';
import type { AgendaItem, MatterSummary, Meeting, MeetingMember, PositionEntry } from './types';

const member = (subject: string, present: boolean | null, isMainLeader = false): MeetingMember => ({
  subject,
  personId: `p-${subject}`,
  name: `名${subject}`,
  title: isMainLeader ? '党委书记' : '委员',
  isMainLeader,
  present,
  absenceReason: present === false ? '出差' : null,
});

const position = (subject: string, seq: number, p: PositionEntry['position'] = 'agree'): PositionEntry => ({
  subject,
  name: `名${subject}`,
  isMainLeader: subject === 'boss',
  position: p,
  reason: p === 'agree' ? null : '理由',
  statedAt: `2026-12-05T0${String(seq)}:00:00Z`,
  seq,
});

function item(overrides: Partial<AgendaItem> = {}): AgendaItem {
  return {
    id: 'i1',
    seq: 1,
    matterId: 'm1',
    matterNo: 'SX-2026-0001',
    matterTitle: '工程款支付',
    matterType: 'largeFunds',
    matterStatus: 'awaiting-meeting',
    terms: { amount: 3200000, counterparty: '甲', project: null, scope: null, conditions: null },
    status: 'open',
    recusals: [],
    positions: [],
    pending: ['a', 'b', 'boss'],
    mainLeaderBlockedReason: '主要负责人末位表态：尚有 2 名成员未表态',
    result: null,
    decisionId: null,
    ...overrides,
  };
}

function meeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: 'g1',
    body: 'party-committee',
    title: '2026年第12次党委会',
    heldOn: '2026-12-05',
    location: null,
    status: 'in-session',
    policyVersionNo: 1,
    members: [member('a', true), member('b', true), member('c', false), member('boss', true, true)],
    quorum: { members: 4, present: 3, required: 3, met: true },
    agenda: [item()],
    createdAt: '2026-12-01T00:00:00Z',
    openedAt: '2026-12-05T01:00:00Z',
    closedAt: null,
    ...overrides,
  };
}

describe('meeting members and attendance', () => {
  it('find me among the members', () => {
    expect(memberOf(meeting(), 'a')?.name).toBe('名a');
    expect(memberOf(meeting(), 'x')).toBeNull();
    expect(nameOf(meeting(), 'boss')).toBe('名boss');
    expect(nameOf(meeting(), 'x')).toBe('x');
  });

  it('start the editor from the recorded attendance and ask for what is missing', () => {
    const rows = attendanceDraft([member('a', null), member('b', false), member('c', true)]);
    expect(rows).toEqual([
      { subject: 'a', present: null, absenceReason: '' },
      { subject: 'b', present: false, absenceReason: '出差' },
      { subject: 'c', present: true, absenceReason: '' },
    ]);
    expect(attendanceProblems(rows)).toEqual([{ subject: 'a', problem: 'undecided' }]);
    expect(attendanceProblems([{ subject: 'b', present: false, absenceReason: '  ' }])).toEqual([{ subject: 'b', problem: 'reason' }]);
    expect(presentCount(rows)).toBe(1);
    expect(attendanceBody(rows)).toEqual({
      attendance: [
        { subject: 'b', present: false, absenceReason: '出差' },
        { subject: 'c', present: true, absenceReason: null },
      ],
    });
  });
});

describe('opening', () => {
  it('is offered to meeting:write while scheduled, enabled once attendance is taken and the quorum met', () => {
    const scheduled = meeting({ status: 'scheduled' });
    expect(openState(scheduled, false)).toEqual({ show: false });
    expect(openState(meeting(), true)).toEqual({ show: false });
    expect(openState(scheduled, true)).toEqual({ show: true, enabled: true });
    expect(openState({ ...scheduled, members: [member('a', null)] }, true)).toEqual({ show: true, enabled: false, reason: 'attendance' });
    expect(openState({ ...scheduled, quorum: { members: 4, present: 2, required: 3, met: false } }, true)).toEqual({ show: true, enabled: false, reason: 'quorum' });
  });
});

describe('my position form', () => {
  it('shows for a present member in session who has not stated', () => {
    expect(positionFormState(meeting(), item(), 'a', true)).toEqual({ show: true, blocked: null });
  });

  it('is hidden for everyone else, saying why', () => {
    expect(positionFormState(meeting(), item(), 'a', false)).toEqual({ show: false, why: 'no-permission' });
    expect(positionFormState(meeting(), item(), 'x', true)).toEqual({ show: false, why: 'not-member' });
    expect(positionFormState(meeting({ status: 'scheduled' }), item(), 'a', true)).toEqual({ show: false, why: 'not-in-session' });
    expect(positionFormState(meeting(), item({ status: 'decided' }), 'a', true)).toEqual({ show: false, why: 'decided' });
    expect(positionFormState(meeting(), item(), 'c', true)).toEqual({ show: false, why: 'absent' });
    const recused = item({ recusals: [{ subject: 'a', name: '名a', kind: 'declared', reason: '亲属', recordedBy: 'a', recordedAt: '2026-12-05T01:00:00Z' }] });
    expect(positionFormState(meeting(), recused, 'a', true)).toEqual({ show: false, why: 'recused' });
    expect(positionFormState(meeting(), item({ positions: [position('a', 1)] }), 'a', true)).toEqual({ show: false, why: 'stated' });
  });

  it('holds the main leader back with the service’s reason until the others have stated (末位表态)', () => {
    expect(positionFormState(meeting(), item(), 'boss', true)).toEqual({ show: true, blocked: '主要负责人末位表态：尚有 2 名成员未表态' });
    expect(positionFormState(meeting(), item({ mainLeaderBlockedReason: null, pending: ['boss'] }), 'boss', true)).toEqual({ show: true, blocked: null });
  });

  it('asks a reason for all but agree', () => {
    expect(reasonRequired('agree')).toBe(false);
    expect(reasonRequired('disagree')).toBe(true);
    expect(reasonRequired('defer')).toBe(true);
    expect(reasonRequired('abstain')).toBe(true);
    expect(reasonRequired(undefined)).toBe(false);
  });
});

describe('recusals', () => {
  it('let a member declare one before stating, and the chair require one of those left', () => {
    expect(mayDeclareRecusal(meeting(), item(), 'a', true)).toBe(true);
    expect(mayDeclareRecusal(meeting(), item(), 'x', true)).toBe(false);
    expect(mayDeclareRecusal(meeting(), item({ positions: [position('a', 1)] }), 'a', true)).toBe(false);
    expect(mayDeclareRecusal(meeting({ status: 'closed' }), item(), 'a', true)).toBe(false);
    expect(mayDeclareRecusal(meeting({ status: 'scheduled' }), item(), 'a', true)).toBe(false);
    expect(mayDeclareRecusal(meeting(), item(), 'c', true)).toBe(false); // absent: takes no part anyway
    const it1 = item({ positions: [position('a', 1)], recusals: [{ subject: 'b', name: '名b', kind: 'required', reason: '利害关系', recordedBy: 'boss', recordedAt: '2026-12-05T01:00:00Z' }] });
    expect(recusableMembers(meeting(), it1).map((m) => m.subject)).toEqual(['boss']); // c is absent
  });
});

describe('concluding', () => {
  it('is enabled in session once no one is pending', () => {
    const done = item({ pending: [], positions: [position('a', 1), position('b', 2), position('boss', 3)], mainLeaderBlockedReason: null });
    expect(concludeState(meeting(), done, true)).toEqual({ show: true, enabled: true });
    expect(concludeState(meeting(), done, false)).toEqual({ show: false });
    expect(concludeState(meeting(), item(), true)).toEqual({ show: true, enabled: false, reason: 'pending' });
    expect(concludeState(meeting({ status: 'scheduled' }), done, true)).toEqual({ show: true, enabled: false, reason: 'not-in-session' });
    expect(concludeState(meeting(), item({ pending: [] }), true)).toEqual({ show: true, enabled: false, reason: 'no-positions' });
    expect(concludeState(meeting(), { ...done, status: 'decided' }, true)).toEqual({ show: false });
  });

  it('count and order positions', () => {
    const ps = [position('boss', 3), position('a', 1, 'disagree'), position('b', 2)];
    expect(tally(ps)).toEqual({ agree: 2, disagree: 1, defer: 0, abstain: 0 });
    expect(positionsInOrder(ps).map((p) => p.subject)).toEqual(['a', 'b', 'boss']);
  });
});

describe('agenda and polling', () => {
  const summary = (id: string, status: MatterSummary['status']): MatterSummary => ({
    id,
    no: id,
    title: id,
    matterType: 'largeFunds',
    amount: 1,
    counterparty: null,
    requiresMeeting: true,
    status,
    currentStep: 3,
    currentStepName: '党委会',
    dueAt: null,
    proposerName: '张三',
    powerItemCode: 'Q1',
    powerItemName: '资金支付',
    createdAt: '2026-12-01T00:00:00Z',
    alertCount: 0,
  });

  it('offer matters awaiting a meeting that are not on the agenda', () => {
    const list = [summary('m1', 'awaiting-meeting'), summary('m2', 'awaiting-meeting'), summary('m3', 'in-progress')];
    expect(agendaCandidates(list, meeting()).map((m) => m.id)).toEqual(['m2']);
    expect(mayAddAgenda(meeting(), true)).toBe(true);
    expect(mayAddAgenda(meeting({ status: 'closed' }), true)).toBe(false);
    expect(mayAddAgenda(meeting(), false)).toBe(false);
  });

  it('poll only while in session', () => {
    expect(shouldPoll(meeting())).toBe(true);
    expect(shouldPoll(meeting({ status: 'scheduled' }))).toBe(false);
    expect(shouldPoll(undefined)).toBe(false);
  });

  it('name the body a matter awaits next', () => {
    const decision = { decisionId: 'd1', meetingId: 'g1', body: 'party-committee' as const, heldOn: '2026-12-05', result: 'passed' as const, terms: item().terms, hash: 'h', sealedAt: '2026-12-05T02:00:00Z' };
    expect(nextBody({ requiredBodies: ['party-committee', 'general-manager-office'], decisions: [] })).toBe('party-committee');
    expect(nextBody({ requiredBodies: ['party-committee', 'general-manager-office'], decisions: [decision] })).toBe('general-manager-office');
    expect(nextBody({ requiredBodies: ['party-committee'], decisions: [decision] })).toBeNull();
  });
});
