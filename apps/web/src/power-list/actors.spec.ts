import { MESSAGES } from '../i18n/messages';
import { actorKey, actorLabel, directoryNames, isActorRef, meetingBodiesText, NO_NAMES, resolvedLabel, toActorRef } from './actors';

const zh = MESSAGES['zh-CN'];
const names = directoryNames(
  [{ id: 'u1', code: 'CQK', name: '产权科', parentId: null, path: ['u1'], createdAt: '2026-01-01T00:00:00Z' }],
  [{ id: 'p1', code: 'CQK-KZ', name: '产权科科长', orgUnitId: 'u1', createdAt: '2026-01-01T00:00:00Z' }],
);

describe('actor refs', () => {
  it('are named by role, unit, post or outside body', () => {
    expect(actorLabel({ kind: 'role', ref: 'leader-in-charge' }, zh, names)).toBe('分管领导');
    expect(actorLabel({ kind: 'role', ref: 'external-discipline' }, MESSAGES['en-US'], names)).toBe('External discipline group');
    expect(actorLabel({ kind: 'unit', ref: 'CQK' }, zh, names)).toBe('产权科');
    expect(actorLabel({ kind: 'post', ref: 'CQK-KZ' }, zh, names)).toBe('产权科科长');
    expect(actorLabel({ kind: 'external', ref: '市纪委监委第一监督检查室' }, zh, names)).toBe('市纪委监委第一监督检查室');
  });

  it('show the code of a unit or post the directory does not know', () => {
    expect(actorLabel({ kind: 'unit', ref: 'GONE' }, zh, NO_NAMES)).toBe('GONE');
    expect(resolvedLabel({ kind: 'unit', ref: 'GONE', label: 'GONE', resolved: false }, zh)).toBe('GONE（目录中已不存在）');
    expect(resolvedLabel({ kind: 'role', ref: 'handler', label: '经办人员', resolved: true }, zh)).toBe('经办人员');
  });

  it('are recognised, stripped of labels and keyed', () => {
    expect(isActorRef({ kind: 'post', ref: 'X' })).toBe(true);
    expect(isActorRef({ kind: 'person', ref: 'X' })).toBe(false);
    expect(isActorRef('role:handler')).toBe(false);
    expect(toActorRef({ kind: 'role', ref: 'handler', label: '经办人员', resolved: true } as never)).toEqual({ kind: 'role', ref: 'handler' });
    expect(actorKey({ kind: 'external', ref: '市审计局:一科' })).toBe('external:市审计局:一科');
  });

  it('join a meeting step’s bodies with 或', () => {
    expect(meetingBodiesText(['party-committee', 'commission-affairs'], zh)).toBe('党委会或委务会');
    expect(meetingBodiesText(['board'], MESSAGES['en-US'])).toBe('Board of directors');
  });
});
