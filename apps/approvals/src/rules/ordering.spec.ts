import { conclusionRefusal, mainLeaderBlockedReason, type MemberState, positionRefusal, recusalRefusal } from './ordering';

const team = (absent: string[] = []): MemberState[] => [
  { subject: 'sec', isMainLeader: true, present: !absent.includes('sec') },
  ...['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((s) => ({ subject: s, isMainLeader: false, present: !absent.includes(s) })),
];
const set = (...xs: string[]) => new Set(xs);
const state = (over: Partial<Parameters<typeof positionRefusal>[0]> = {}) => ({
  subject: 'm1',
  members: team(),
  recused: set(),
  stated: set(),
  meetingInSession: true,
  itemOpen: true,
  ...over,
});

describe('positionRefusal', () => {
  it.each([
    ['not-in-session', { meetingInSession: false }],
    ['item-decided', { itemOpen: false }],
    ['not-member', { subject: 'outsider' }],
    ['absent', { members: team(['m1']) }],
    ['absent', { members: team().map((m) => (m.subject === 'm1' ? { ...m, present: null } : m)) }],
    ['recused', { recused: set('m1') }],
    ['already-stated', { stated: set('m1') }],
    ['main-leader-last', { subject: 'sec' }],
  ] as const)('refuses with %s', (code, over) => {
    expect(positionRefusal(state(over))?.code).toBe(code);
  });

  it('checks in order: a closed meeting before membership, recusal before a repeated statement', () => {
    expect(positionRefusal(state({ meetingInSession: false, subject: 'outsider' }))?.code).toBe('not-in-session');
    expect(positionRefusal(state({ recused: set('m1'), stated: set('m1') }))?.code).toBe('recused');
  });

  it('lets any member state in any order, the main leader only after every other present, non-recused member', () => {
    const others = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
    const stated = new Set<string>();
    for (const s of ['m4', 'm1', 'm6', 'm2', 'm3']) {
      expect(positionRefusal(state({ subject: s, stated }))).toBeNull();
      stated.add(s);
      expect(positionRefusal(state({ subject: 'sec', stated }))?.code).toBe('main-leader-last');
    }
    stated.add('m5');
    expect(others.every((s) => stated.has(s))).toBe(true);
    expect(positionRefusal(state({ subject: 'sec', stated }))).toBeNull();
  });

  it('does not wait for absent or recused members', () => {
    expect(positionRefusal(state({ subject: 'sec', members: team(['m5', 'm6']), recused: set('m4'), stated: set('m1', 'm2', 'm3') }))).toBeNull();
    expect(positionRefusal(state({ subject: 'sec', members: team(['m5']), recused: set('m4'), stated: set('m1', 'm2') }))?.code).toBe('main-leader-last');
  });

  it('lets a main leader who is the only one present state', () => {
    expect(positionRefusal(state({ subject: 'sec', members: team(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']) }))).toBeNull();
  });
});

describe('mainLeaderBlockedReason', () => {
  it('names how many have still to state, zh-CN first', () => {
    expect(mainLeaderBlockedReason(team(), set('m3'), set('m1', 'm2'))).toMatch(/^末位表态：还有 3 位班子成员未表态/);
    expect(mainLeaderBlockedReason(team(), set(), set('m1', 'm2', 'm3', 'm4', 'm5', 'm6'))).toBeNull();
  });
});

describe('recusalRefusal', () => {
  it.each([
    ['not-in-session', { meetingInSession: false }],
    ['item-decided', { itemOpen: false }],
    ['not-member', { subject: 'outsider' }],
    ['recused', { recused: set('m1') }],
    ['already-stated', { stated: set('m1') }],
  ] as const)('refuses with %s', (code, over) => {
    expect(recusalRefusal(state(over))?.code).toBe(code);
  });

  it('lets a member (also an absent one, or the main leader) recuse before stating', () => {
    expect(recusalRefusal(state())).toBeNull();
    expect(recusalRefusal(state({ subject: 'sec' }))).toBeNull();
    expect(recusalRefusal(state({ members: team(['m1']) }))).toBeNull();
  });
});

describe('conclusionRefusal', () => {
  const all = set('sec', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6');
  it('needs every present, non-recused member, the main leader included', () => {
    expect(conclusionRefusal(state({ stated: all }))).toBeNull();
    expect(conclusionRefusal(state({ stated: set('m1', 'm2', 'm3', 'm4', 'm5', 'm6') }))?.code).toBe('pending');
    expect(conclusionRefusal(state({ members: team(['m6']), recused: set('m5'), stated: set('sec', 'm1', 'm2', 'm3', 'm4') }))).toBeNull();
  });

  it('refuses outside a session or on a decided item', () => {
    expect(conclusionRefusal(state({ stated: all, meetingInSession: false }))?.code).toBe('not-in-session');
    expect(conclusionRefusal(state({ stated: all, itemOpen: false }))?.code).toBe('item-decided');
  });
});
