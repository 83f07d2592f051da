import { bodiesProgress, currentStepIndex, filingOpen, filingRows, latestPassedDecision, mayRecordFiling, missingBeforeSign, openTask, returnTargets, signState, stepState, tasksOfStep } from './matter-view';
import type { Filing, Matter, MatterDecision, StepTask } from './types';

const step = (order: number, name: string, kind: Matter['steps'][number]['kind'] = 'review') => ({
  order,
  name,
  kind,
  actor: null,
  meetingBodies: [],
  timeLimitDays: 3,
  riskPoints: [],
  controlMeasures: [],
});

const task = (stepOrder: number, status: StepTask['status'], startedAt: string, dueAt = '2026-12-10T00:00:00Z'): StepTask => ({
  id: `t${String(stepOrder)}-${startedAt}`,
  stepOrder,
  stepName: `第${String(stepOrder)}步`,
  kind: 'review',
  status,
  assignees: [{ subject: 's', name: '李四' }],
  assigneeRole: null,
  assignmentNote: null,
  startedAt,
  dueAt,
  remindedAt: null,
  overdueAt: null,
  actedAt: status === 'open' ? null : startedAt,
  action: status === 'approved' ? 'approve' : status === 'returned' ? 'return' : null,
  opinion: status === 'open' ? null : '同意',
  actorSubject: null,
  actorName: null,
  returnedTo: null,
});

const filing = (missing: Filing['missing'], overrides: Partial<Filing> = {}): Filing => ({
  required: true,
  entries: [],
  missing,
  copiedToDisciplineAt: null,
  complete: missing.length === 0,
  ...overrides,
});

const decision = (body: MatterDecision['body'], result: MatterDecision['result'], sealedAt: string): MatterDecision => ({
  decisionId: `d-${body}-${sealedAt}`,
  meetingId: 'g1',
  body,
  heldOn: sealedAt.slice(0, 10),
  result,
  terms: { amount: 1, counterparty: null, project: null, scope: null, conditions: null },
  hash: 'ab',
  sealedAt,
});

describe('the flow of a matter', () => {
  const steps = [step(1, '申请', 'submit'), step(2, '科室审核'), step(3, '分管领导审核'), step(4, '党委会', 'meeting')];
  const tasks = [task(1, 'approved', '2026-12-01T01:00:00Z'), task(2, 'returned', '2026-12-01T02:00:00Z'), task(1, 'approved', '2026-12-01T03:00:00Z'), task(2, 'approved', '2026-12-01T04:00:00Z'), task(3, 'open', '2026-12-01T05:00:00Z')];
  const matter = { steps, tasks, currentStep: 3, status: 'in-progress' as const };

  it('gives each step its passes in order and finds the open task', () => {
    expect(tasksOfStep(matter, 2).map((t) => t.status)).toEqual(['returned', 'approved']);
    expect(openTask(matter)?.stepOrder).toBe(3);
    expect(openTask({ tasks: [task(1, 'approved', '2026-12-01T00:00:00Z')], currentStep: null })).toBeNull();
  });

  it('returns only to earlier steps, the latest first', () => {
    expect(returnTargets(matter).map((s) => s.order)).toEqual([2, 1]);
    expect(returnTargets({ steps, currentStep: null })).toEqual([]);
  });

  it('marks steps done, running, overdue or to come', () => {
    const now = new Date('2026-12-02T00:00:00Z');
    expect(stepState(matter, 1, now)).toBe('finish');
    expect(stepState(matter, 3, now)).toBe('process');
    expect(stepState(matter, 3, new Date('2026-12-11T00:00:00Z'))).toBe('error');
    expect(stepState(matter, 4, now)).toBe('wait');
    expect(stepState({ ...matter, tasks: [task(2, 'rejected', '2026-12-01T00:00:00Z')] }, 2, now)).toBe('error');
    expect(currentStepIndex(matter)).toBe(2);
    expect(currentStepIndex({ steps, currentStep: null })).toBe(4);
  });
});

describe('会前报备', () => {
  it('lists the five items with their latest record', () => {
    const f = filing(['compliance-review', 'secretary-signature'], {
      entries: [
        { id: 'e1', kind: 'research', opinion: '旧', attachmentIds: [], recordedBy: 'u', recordedByName: '王五', recordedAt: '2026-12-01T00:00:00Z' },
        { id: 'e2', kind: 'research', opinion: '新', attachmentIds: [], recordedBy: 'u', recordedByName: '王五', recordedAt: '2026-12-02T00:00:00Z' },
      ],
    });
    const rows = filingRows(f);
    expect(rows.map((r) => [r.kind, r.done])).toEqual([
      ['compliance-review', false],
      ['research', true],
      ['consultation', true],
      ['risk-assessment', true],
      ['secretary-signature', false],
    ]);
    expect(rows[1]?.entry?.opinion).toBe('新');
    expect(filingRows(filing([], { copiedToDisciplineAt: '2026-12-03T00:00:00Z' }))[4]?.done).toBe(true);
  });

  it('lets the secretary sign once the four records are in, else says what is missing', () => {
    const can = { act: false, withdraw: false, sign: true, issue: false, report: false, evaluate: false };
    const waiting = { filing: filing(['risk-assessment', 'compliance-review', 'secretary-signature']), status: 'in-progress' as const, can };
    expect(missingBeforeSign(waiting.filing)).toEqual(['compliance-review', 'risk-assessment']);
    expect(signState(waiting, true)).toEqual({ show: true, enabled: false, missing: ['compliance-review', 'risk-assessment'] });
    expect(signState(waiting, false)).toEqual({ show: false });
    const ready = { ...waiting, filing: filing(['secretary-signature']) };
    expect(signState(ready, true)).toEqual({ show: true, enabled: true });
    expect(signState({ ...ready, can: { ...can, sign: false } }, true)).toEqual({ show: true, enabled: false, missing: [] });
    const signed = { ...ready, filing: filing([], { copiedToDisciplineAt: '2026-12-03T00:00:00Z' }) };
    expect(signState(signed, true)).toEqual({ show: false });
  });

  it('takes records of what is missing while the matter is before its meeting', () => {
    const m = { filing: filing(['research', 'secretary-signature']), status: 'in-progress' as const };
    expect(filingOpen(m)).toBe(true);
    expect(mayRecordFiling(m, 'research')).toBe(true);
    expect(mayRecordFiling(m, 'consultation')).toBe(false);
    expect(mayRecordFiling({ ...m, status: 'executing' }, 'research')).toBe(false);
    expect(filingOpen({ filing: filing([], { required: false }), status: 'in-progress' })).toBe(false);
  });
});

describe('decisions of a matter', () => {
  it('compare issuances with the last passed decision and show each body’s latest decision', () => {
    const decisions = [decision('party-committee', 'deferred', '2026-12-01T00:00:00Z'), decision('party-committee', 'passed', '2026-12-05T00:00:00Z'), decision('general-manager-office', 'passed', '2026-12-08T00:00:00Z')];
    expect(latestPassedDecision({ decisions })?.body).toBe('general-manager-office');
    expect(latestPassedDecision({ decisions: [] })).toBeNull();
    const progress = bodiesProgress({ requiredBodies: ['party-committee', 'general-manager-office', 'board'], decisions });
    expect(progress.map((p) => [p.body, p.decision?.result ?? null])).toEqual([
      ['party-committee', 'passed'],
      ['general-manager-office', 'passed'],
      ['board', null],
    ]);
  });
});
