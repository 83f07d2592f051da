// The approvals area's copies of the contracts' label tables and enum values, held to the originals.
import {
  AlertKind,
  AlertKindLabels,
  AttachmentPurpose,
  DecisionResult,
  DecisionResultLabels,
  EvaluationRating,
  FilingKind,
  FilingKindLabels,
  MajorityBase,
  MatterStatus,
  MatterStatusLabels,
  MatterType,
  MatterTypeLabels,
  MeetingStatus,
  MeetingStatusLabels,
  Position,
  PositionLabels,
  StepAction,
  TaskStatus,
  TERM_FIELDS,
  TermFieldLabels,
  TodoKind,
} from '@qinglian/contracts';
import {
  ALERT_KINDS,
  ATTACHMENT_PURPOSES,
  DECISION_RESULTS,
  EVALUATION_RATINGS,
  FILING_KINDS,
  MAJORITY_BASES,
  MATTER_STATUSES,
  MATTER_TYPES,
  MEETING_STATUSES,
  POSITIONS,
  STEP_ACTIONS,
  TASK_STATUSES,
  TERM_FIELD_NAMES,
  TODO_KINDS,
} from './approvals';
import { MESSAGES } from './messages';

const sorted = (values: readonly string[]) => [...values].sort();

function column(labels: Readonly<Record<string, { zh: string; en: string }>>, lang: 'zh' | 'en'): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v[lang]]));
}

describe('approvals messages', () => {
  const zh = MESSAGES['zh-CN'].approvals;
  const en = MESSAGES['en-US'].approvals;

  it('copy the contracts’ label tables exactly', () => {
    const cases: [Record<string, string>, Record<string, string>, Readonly<Record<string, { zh: string; en: string }>>][] = [
      [zh.matterTypes, en.matterTypes, MatterTypeLabels],
      [zh.matterStatuses, en.matterStatuses, MatterStatusLabels],
      [zh.filingKinds, en.filingKinds, FilingKindLabels],
      [zh.termFields, en.termFields, TermFieldLabels],
      [zh.decisionResults, en.decisionResults, DecisionResultLabels],
      [zh.meetingStatuses, en.meetingStatuses, MeetingStatusLabels],
      [zh.positions, en.positions, PositionLabels],
      [zh.alertKinds, en.alertKinds, AlertKindLabels],
    ];
    for (const [ours, oursEn, theirs] of cases) {
      expect(ours).toEqual(column(theirs, 'zh'));
      expect(oursEn).toEqual(column(theirs, 'en'));
    }
  });

  it('list exactly the values of the contracts’ enums', () => {
    const cases: [readonly string[], Record<string, string> | readonly string[]][] = [
      [MATTER_TYPES, MatterType],
      [MATTER_STATUSES, MatterStatus],
      [STEP_ACTIONS, StepAction],
      [TASK_STATUSES, TaskStatus],
      [FILING_KINDS, FilingKind],
      [ATTACHMENT_PURPOSES, AttachmentPurpose],
      [DECISION_RESULTS, DecisionResult],
      [EVALUATION_RATINGS, EvaluationRating],
      [TODO_KINDS, TodoKind],
      [MEETING_STATUSES, MeetingStatus],
      [POSITIONS, Position],
      [ALERT_KINDS, AlertKind],
      [MAJORITY_BASES, MajorityBase],
      [TERM_FIELD_NAMES, TERM_FIELDS],
    ];
    for (const [ours, theirs] of cases) expect(sorted(ours)).toEqual(sorted(Array.isArray(theirs) ? theirs : Object.values(theirs)));
  });

  it('name every value of the console’s own tables', () => {
    for (const a of [zh, en]) {
      expect(sorted(Object.keys(a.stepActions))).toEqual(sorted(STEP_ACTIONS));
      expect(sorted(Object.keys(a.taskStatuses))).toEqual(sorted(TASK_STATUSES));
      expect(sorted(Object.keys(a.todoKinds))).toEqual(sorted(TODO_KINDS));
      expect(sorted(Object.keys(a.todos.actions))).toEqual(sorted(TODO_KINDS));
      expect(sorted(Object.keys(a.attachmentPurposes))).toEqual(sorted(ATTACHMENT_PURPOSES));
      expect(sorted(Object.keys(a.evaluationRatings))).toEqual(sorted(EVALUATION_RATINGS));
      expect(sorted(Object.keys(a.policy.bases))).toEqual(sorted(MAJORITY_BASES));
    }
  });

  it('say the area’s key words in Chinese first', () => {
    expect(zh.section).toMatchObject({ todos: '我的待办', matters: '事项', meetings: '会议', alerts: '预警', policy: '决策规则' });
    expect(zh.common.requiresMeeting).toBe('“三重一大”须集体决策');
    expect(zh.execution.changed).toBe('擅自改变决策事项');
    expect(zh.execution.divergent).toBe('决议决策与落实推进不一致');
    expect(zh.filing.copied).toBe('已抄送派驻纪检监察组');
    expect(zh.meeting.mainLeaderBlocked).toBe('末位表态');
  });
});
