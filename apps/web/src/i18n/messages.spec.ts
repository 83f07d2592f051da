// Specs run in Node, so they may use the values of the shared code the bundle only sees as types: here
// they hold the console's copies of the label tables to the originals.
// eslint-disable-next-line @nx/enforce-module-boundaries -- a spec, not bundled: it checks the copy of RoleLabels against libs/auth
import { Permission, RoleLabels } from '@qinglian/auth';
import {
  ActorKind,
  CadencePeriod,
  CadenceWindow,
  LeadershipPosition,
  MeetingBody,
  MeetingBodyLabels,
  PublicationScope,
  ResponsibilityRole,
  ResponsibilityRoleLabels,
  ReviewDecision,
  StepKind,
  StepKindLabels,
  VersionStatus,
  VersionStatusLabels,
} from '@qinglian/contracts';
import { PERMISSIONS } from '../session/permissions';
import {
  ACTOR_KINDS,
  CADENCE_PERIODS,
  CADENCE_WINDOWS,
  format,
  LANGS,
  LEADERSHIP_POSITIONS,
  labelOf,
  MEETING_BODIES,
  MESSAGES,
  type Messages,
  parseLang,
  PUBLICATION_SCOPES,
  RESPONSIBILITY_ROLES,
  REVIEW_DECISIONS,
  ROLES,
  roleLabel,
  STEP_KINDS,
  tenantKindLabel,
  VERSION_STATUSES,
} from './messages';

/** Every leaf path of a message table, e.g. `header.signOut`. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const sorted = (values: readonly string[]) => [...values].sort();

/** The zh or en column of a contracts `…Labels` table. */
function column(labels: Readonly<Record<string, { zh: string; en: string }>>, lang: 'zh' | 'en'): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v[lang]]));
}

describe('message tables', () => {
  const zh = MESSAGES['zh-CN'];
  const en = MESSAGES['en-US'];

  it('have the same keys in every language, and no empty text (separators may be white space)', () => {
    const keys = (m: Messages) => leaves(m).map(([k]) => k).sort();
    for (const lang of LANGS) {
      expect(keys(MESSAGES[lang])).toEqual(keys(zh));
      for (const [key, text] of leaves(MESSAGES[lang])) {
        const ok = typeof text === 'string' && (key.endsWith('separator') ? text.length > 0 : text.trim().length > 0);
        expect({ key, ok }).toEqual({ key, ok: true });
      }
    }
  });

  it('are Chinese first and English in English', () => {
    expect(LANGS[0]).toBe('zh-CN');
    expect(zh.nav).toMatchObject({ powerList: '权力清单', approvals: '决策审批', risks: '廉洁风险', assessment: '责任考核', accountability: '责任追究' });
    expect(zh.section).toMatchObject({ items: '权力事项', directory: '组织目录', lists: '责任清单', exchange: '导入导出', publications: '公开' });
    expect(zh.powerList.searchPlaceholder).toBe('搜索名称或内容');
    expect(zh.header.signOut).toBe('退出登录');
    for (const [key, text] of leaves(en)) {
      if (key === 'app.fullName' || key === 'langName') continue;
      expect({ key, chinese: /[\u4e00-\u9fff]/.test(String(text)) }).toEqual({ key, chinese: false });
    }
  });

  it('name every realm role as libs/auth does, and show an unknown role as it is', () => {
    expect(sorted(ROLES)).toEqual(sorted(Object.keys(RoleLabels)));
    expect(zh.roles).toEqual(column(RoleLabels, 'zh'));
    expect(en.roles).toEqual(column(RoleLabels, 'en'));
    expect(roleLabel(zh, 'leader-in-charge')).toBe('分管领导');
    expect(roleLabel(zh, 'some-new-role')).toBe('some-new-role');
    expect(roleLabel(zh, 'toString')).toBe('toString');
    expect(tenantKindLabel(zh, 'supervisor')).toBe('监管机构');
  });

  it('copy the contracts’ label tables exactly', () => {
    expect(zh.statuses).toEqual(column(VersionStatusLabels, 'zh'));
    expect(en.statuses).toEqual(column(VersionStatusLabels, 'en'));
    expect(zh.stepKinds).toEqual(column(StepKindLabels, 'zh'));
    expect(en.stepKinds).toEqual(column(StepKindLabels, 'en'));
    expect(zh.meetingBodies).toEqual(column(MeetingBodyLabels, 'zh'));
    expect(en.meetingBodies).toEqual(column(MeetingBodyLabels, 'en'));
    expect(zh.responsibilityRoles).toEqual(column(ResponsibilityRoleLabels, 'zh'));
    expect(en.responsibilityRoles).toEqual(column(ResponsibilityRoleLabels, 'en'));
  });

  it('list exactly the values of the contracts’ enums', () => {
    const cases: [readonly string[], Record<string, string>][] = [
      [VERSION_STATUSES, VersionStatus],
      [STEP_KINDS, StepKind],
      [MEETING_BODIES, MeetingBody],
      [ACTOR_KINDS, ActorKind],
      [RESPONSIBILITY_ROLES, ResponsibilityRole],
      [LEADERSHIP_POSITIONS, LeadershipPosition],
      [PUBLICATION_SCOPES, PublicationScope],
      [REVIEW_DECISIONS, ReviewDecision],
      [CADENCE_PERIODS, CadencePeriod],
      [CADENCE_WINDOWS, CadenceWindow],
    ];
    for (const [ours, theirs] of cases) expect(sorted(ours)).toEqual(sorted(Object.values(theirs)));
    // The console's own label tables name every value.
    for (const m of [zh, en]) {
      expect(sorted(Object.keys(m.actorKinds))).toEqual(sorted(ACTOR_KINDS));
      expect(sorted(Object.keys(m.leadershipPositions))).toEqual(sorted(LEADERSHIP_POSITIONS));
      expect(sorted(Object.keys(m.publicationScopes))).toEqual(sorted(PUBLICATION_SCOPES));
      expect(sorted(Object.keys(m.reviewDecisions))).toEqual(sorted(REVIEW_DECISIONS));
      expect(sorted(Object.keys(m.cadence.periods))).toEqual(sorted(CADENCE_PERIODS));
      expect(sorted(Object.keys(m.cadence.windows))).toEqual(sorted(CADENCE_WINDOWS));
    }
    expect(zh.publicationScopes).toEqual({ tenant: '本单位', supervisor: '本单位及上级监管机构' });
    expect(zh.reviewDecisions).toEqual({ approve: '同意', return: '退回修改' });
  });

  it('ask for permissions that libs/auth defines', () => {
    for (const p of PERMISSIONS) expect(Object.values<string>(Permission)).toContain(p);
  });

  it('show a value the console does not know as it is', () => {
    expect(labelOf(zh.statuses, 'published')).toBe('已发布');
    expect(labelOf(zh.statuses, 'archived')).toBe('archived');
  });
});

describe('parseLang', () => {
  it('keeps a known language and falls back to Chinese', () => {
    expect(parseLang('en-US')).toBe('en-US');
    expect(parseLang('zh-CN')).toBe('zh-CN');
    expect(parseLang(null)).toBe('zh-CN');
    expect(parseLang('fr-FR')).toBe('zh-CN');
  });
});

describe('format', () => {
  it('fills named placeholders and leaves unknown ones', () => {
    expect(format('共 {total} 项', { total: 3 })).toBe('共 3 项');
    expect(format('{a} and {b}', { a: 'x' })).toBe('x and {b}');
  });
});
