import { conclusionRefusal, mainLeaderBlockedReason, type MemberState, positionRefusal, recusalRefusal } from './ordering';

const OTHERS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
/** The leadership team: the secretary (main leader) and six members; `absent` are not present, `untaken` have no attendance yet. */
const team = (absent: string[] = [], untaken: string[] = []): MemberState[] =>
  ['sec', ...OTHERS].map((subject) => ({ subject, isMainLeader: subject === 'sec', present: untaken.includes(subject) ? null : !absent.includes(subject) }));
const set = (...xs: string[]): ReadonlySet<string> => new Set(xs);
const state = (over: Partial<Parameters<typeof positionRefusal>[0]> = {}): Parameters<typeof positionRefusal>[0] => ({
  subject: 'm1',
  members: team(),
  recused: set(),
  stated: set(),
  meetingInSession: true,
  itemOpen: true,
  ...over,
});
const ALL = set('sec', ...OTHERS);
/** zh-CN first, then “ / ” and English */
const BILINGUAL = /^[\u3000-\u9fff].* \/ [a-z]/u;

/**
 * The checks positions and recusals share, in the order both make them: each beats every later one
 * (a state that fails them all from one on is refused for that one).
 */
const FAILING = {
  'not-in-session': { meetingInSession: false },
  'item-decided': { itemOpen: false },
  'not-member': { subject: 'outsider' },
  absent: { members: team(['m1']) },
  recused: { recused: set('m1') },
  'already-stated': { stated: set('m1') },
} as const;
const CHECK_ORDER = Object.keys(FAILING) as (keyof typeof FAILING)[];
const CHECK_PAIRS = CHECK_ORDER.flatMap((first, i) => CHECK_ORDER.slice(i + 1).map((later) => [first, later] as const));

describe('positionRefusal', () => {
  it.each([
    ['not-in-session', { meetingInSession: false }, /会议未在进行中.* \/ the meeting is not in session/],
    ['item-decided', { itemOpen: false }, /已形成决议.* \/ this item has been decided/],
    ['not-member', { subject: 'outsider' }, /不是本次会议的班子成员.*一人一票.* \/ not a member/],
    ['absent', { members: team(['m1']) }, /未出席.* \/ an absent member/],
    ['absent', { members: team([], ['m1']) }, /未出席.* \/ an absent member/],
    ['recused', { recused: set('m1') }, /^回避：.* \/ recusal: /],
    ['already-stated', { stated: set('m1') }, /^一人一票：.* \/ one member, one vote: /],
    ['main-leader-last', { subject: 'sec' }, /^末位表态：还有 6 位班子成员未表态，主要领导须最后表态 \/ the main leader states last: 6 members have not stated yet$/],
  ] as const)('refuses with %s (%j)', (code, over, message) => {
    const r = positionRefusal(state(over));
    expect(r?.code).toBe(code);
    expect(r?.message).toMatch(message);
    expect(r?.message).toMatch(BILINGUAL);
  });

  it.each(CHECK_PAIRS)('checks %s before %s', (first, later) => {
    expect(positionRefusal(state({ ...FAILING[later], ...FAILING[first] }))?.code).toBe(first);
  });

  it.each([
    ['recused', { subject: 'sec', recused: set('sec') }],
    ['already-stated', { subject: 'sec', stated: ALL }],
    ['absent', { subject: 'sec', members: team(['sec']) }],
    ['not-in-session', { subject: 'sec', meetingInSession: false }],
  ] as const)('refuses the main leader with %s before 末位表态', (code, over) => {
    expect(positionRefusal(state(over))?.code).toBe(code);
  });

  it.each(OTHERS)('lets %s state first, before anyone else', (subject) => {
    expect(positionRefusal(state({ subject }))).toBeNull();
  });

  it('blocks the main leader until the last other member states, in any order', () => {
    const stated = new Set<string>();
    const order = ['m4', 'm1', 'm6', 'm2', 'm3', 'm5'];
    order.forEach((s, i) => {
      expect(positionRefusal(state({ subject: 'sec', stated }))).toEqual({
        code: 'main-leader-last',
        message: mainLeaderBlockedReason(team(), set(), stated),
      });
      expect(mainLeaderBlockedReason(team(), set(), stated)).toContain(`还有 ${order.length - i} 位`);
      expect(positionRefusal(state({ subject: s, stated }))).toBeNull();
      stated.add(s);
    });
    expect(positionRefusal(state({ subject: 'sec', stated }))).toBeNull();
  });

  it.each([
    ['absent members are not waited for', { members: team(['m5', 'm6']), stated: set('m1', 'm2', 'm3', 'm4') }, null],
    ['members without attendance are not waited for', { members: team([], ['m5', 'm6']), stated: set('m1', 'm2', 'm3', 'm4') }, null],
    ['recused members are not waited for', { recused: set('m5', 'm6'), stated: set('m1', 'm2', 'm3', 'm4') }, null],
    ['absent and recused together', { members: team(['m5', 'm6']), recused: set('m4'), stated: set('m1', 'm2', 'm3') }, null],
    ['one present member still to state', { members: team(['m5']), recused: set('m4'), stated: set('m1', 'm2') }, 'main-leader-last'],
    ['a recused member who also stated is not counted twice', { recused: set('m6'), stated: set('m1', 'm2', 'm3', 'm4', 'm5', 'm6') }, null],
    ['the main leader alone present', { members: team(OTHERS) }, null],
    ['every other member recused', { recused: set(...OTHERS) }, null],
  ] as const)('main leader: %s', (_name, over, code) => {
    expect(positionRefusal(state({ subject: 'sec', ...over }))?.code ?? null).toBe(code);
  });

  it('lets a main leader who is the only member state', () => {
    expect(positionRefusal(state({ subject: 'sec', members: [{ subject: 'sec', isMainLeader: true, present: true }] }))).toBeNull();
  });

  it('lets members state freely when the main leader is absent or recused', () => {
    expect(positionRefusal(state({ subject: 'm6', members: team(['sec']), stated: set('m1') }))).toBeNull();
    expect(positionRefusal(state({ subject: 'm6', recused: set('sec') }))).toBeNull();
  });

  it('lets members of a team without a main leader state in any order', () => {
    const members = OTHERS.map((subject) => ({ subject, isMainLeader: false, present: true }));
    for (const subject of OTHERS) expect(positionRefusal(state({ subject, members }))).toBeNull();
  });
});

describe('mainLeaderBlockedReason (末位表态)', () => {
  it.each([
    [team(), set(), set(), 6],
    [team(), set('m3'), set('m1', 'm2'), 3],
    [team(['m6']), set('m5'), set('m1', 'm2'), 2],
    [team(), set(), set('m1', 'm2', 'm3', 'm4', 'm5'), 1],
    [team(), set(), set('sec', 'm1', 'm2', 'm3', 'm4'), 2], // the main leader's own statement does not count
  ] as const)('names how many still have to state (%#)', (members, recused, stated, n) => {
    const noun = n === 1 ? '1 member has' : `${n} members have`;
    expect(mainLeaderBlockedReason(members, recused, stated)).toBe(`末位表态：还有 ${n} 位班子成员未表态，主要领导须最后表态 / the main leader states last: ${noun} not stated yet`);
  });

  it.each([
    ['everyone else stated', team(), set(), set(...OTHERS)],
    ['the others absent', team(OTHERS), set(), set()],
    ['the others without attendance', team([], OTHERS), set(), set()],
    ['the others recused', team(), set(...OTHERS), set()],
    ['a mix of stated, absent and recused', team(['m1', 'm2']), set('m3', 'm4'), set('m5', 'm6')],
    ['no members at all', [], set(), set()],
  ] as const)('is null when %s', (_name, members, recused, stated) => {
    expect(mainLeaderBlockedReason(members, recused, stated)).toBeNull();
  });
});

describe('recusalRefusal (回避)', () => {
  it.each([
    ['not-in-session', { meetingInSession: false }],
    ['item-decided', { itemOpen: false }],
    ['not-member', { subject: 'outsider' }],
    ['absent', { members: team(['m1']) }],
    ['absent', { members: team([], ['m1']) }],
    ['recused', { recused: set('m1') }],
    ['already-stated', { stated: set('m1') }],
  ] as const)('refuses with %s (%j)', (code, over) => {
    const r = recusalRefusal(state(over));
    expect(r?.code).toBe(code);
    expect(r?.message).toMatch(BILINGUAL);
  });

  it('names the rule in its own refusals', () => {
    for (const over of [{ subject: 'outsider' }, { members: team(['m1']) }, { recused: set('m1') }, { stated: set('m1') }]) {
      expect(recusalRefusal(state(over))?.message).toMatch(/^回避：.* \/ recusal: /);
    }
  });

  it.each(CHECK_PAIRS)('checks %s before %s', (first, later) => {
    expect(recusalRefusal(state({ ...FAILING[later], ...FAILING[first] }))?.code).toBe(first);
  });

  it.each([
    ['a member before stating', {}],
    ['the main leader', { subject: 'sec' }],
    ['a member while others have stated', { stated: set('m2', 'm3') }],
    ['a member while others have recused', { recused: set('m2') }],
    ['the last member still to state', { stated: set('m2', 'm3', 'm4', 'm5', 'm6') }],
  ] as const)('lets %s recuse', (_name, over) => {
    expect(recusalRefusal(state(over))).toBeNull();
  });
});

describe('conclusionRefusal (集体研究确定)', () => {
  it.each([
    ['everyone stated', {}, ALL, set()],
    ['absent members are not waited for', { members: team(['m6']) }, set('sec', 'm1', 'm2', 'm3', 'm4', 'm5'), set()],
    ['members without attendance are not waited for', { members: team([], ['m6']) }, set('sec', 'm1', 'm2', 'm3', 'm4', 'm5'), set()],
    ['recused members are not waited for', {}, set('sec', 'm1', 'm2', 'm3', 'm4'), set('m5', 'm6')],
    ['absent and recused together', { members: team(['m6']) }, set('sec', 'm1', 'm2', 'm3', 'm4'), set('m5')],
    ['the main leader recused', {}, set(...OTHERS), set('sec')],
    ['the main leader alone present', { members: team(OTHERS) }, set('sec'), set()],
  ] as const)('allows concluding when %s', (_name, over, stated, recused) => {
    expect(conclusionRefusal(state({ ...over, stated, recused }))).toBeNull();
  });

  it.each([
    ['nobody stated', {}, set(), set(), 7],
    ['the main leader still to state', {}, set(...OTHERS), set(), 1],
    ['one member still to state', {}, set('sec', 'm1', 'm2', 'm3', 'm4', 'm5'), set(), 1],
    ['two present members still to state', { members: team(['m1']) }, set('sec', 'm2', 'm3', 'm4'), set(), 2],
    ['a recused member does not make up for a missing one', {}, set('sec', 'm1', 'm2', 'm3', 'm4'), set('m5'), 1],
  ] as const)('refuses with pending when %s', (_name, over, stated, recused, n) => {
    const r = conclusionRefusal(state({ ...over, stated, recused }));
    expect(r?.code).toBe('pending');
    expect(r?.message).toContain(`还有 ${n} 位出席成员未表态`);
    expect(r?.message).toContain(n === 1 ? '1 member present has not stated' : `${n} members present have not stated`);
    expect(r?.message).toMatch(BILINGUAL);
  });

  it('refuses with no-positions when every present member recused', () => {
    const r = conclusionRefusal(state({ members: team(['m3', 'm4', 'm5', 'm6']), recused: set('sec', 'm1', 'm2') }));
    expect(r?.code).toBe('no-positions');
    expect(r?.message).toMatch(BILINGUAL);
  });

  it.each([
    ['not-in-session', { meetingInSession: false }],
    ['item-decided', { itemOpen: false }],
    ['not-in-session', { meetingInSession: false, itemOpen: false }],
    ['not-in-session', { meetingInSession: false, stated: set() }],
    ['item-decided', { itemOpen: false, stated: set() }],
  ] as const)('refuses with %s (%j)', (code, over) => {
    expect(conclusionRefusal(state({ stated: ALL, ...over }))?.code).toBe(code);
  });
});
