import {
  type AddAgendaItemRequest,
  type AgendaItemAddedV1,
  type AgendaItemDto,
  ApprovalsEvents,
  type CallerContext,
  type ConcludeRequest,
  type CreateMeetingRequest,
  DecisionResult,
  type DecisionRecordContent,
  type DecisionRecordDto,
  type DecisionSealedV1,
  type FractionRule,
  FilingKindLabels,
  LeadershipPosition,
  type ListMeetingsRequest,
  MatterStatus,
  MeetingBodyLabels,
  type MeetingDto,
  type MeetingMemberDto,
  type MeetingOpenedV1,
  type MeetingScheduledV1,
  MeetingStatus,
  type MeetingSummaryDto,
  type Position,
  type PositionDto,
  type PositionStatedV1,
  type RecusalDto,
  type RecusalRecordedV1,
  type RecusalRequest,
  type SetAttendanceRequest,
  type StatePositionRequest,
  StepKind,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { type LockedAuditHead, TenantTransactions } from '@qinglian/persistence';
import { ChangeLog, DomainError, requirePermission } from '@qinglian/runtime';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { SigningKeys } from '../decisions/signing-keys';
import { bodiesStillToDecide, decisionsOf, filingEntries, filingOf, loadMatter, type MatterRow, openTask, termsOf } from '../matters/matter-store';
import { MattersService } from '../matters/matters.service';
import { resolveAssignment, type StepAssignment } from '../matters/assignment';
import { displayName, todayInChina, updateReturning } from '../platform/people';
import { KeyedQueue } from '../platform/keyed-queue';
import { PowerListClient } from '../platform/power-list.client';
import { PolicyService } from '../policy/policy.service';
import { conclusionRefusal, decide, mainLeaderBlockedReason, nextStep, positionRefusal, quorumMet, recusalRefusal, toTerms, type MemberState } from '../rules';
import { sealDecision } from '../sealing/decision-seal';
import { must, only } from '../platform/rows';

interface MeetingRow {
  id: string;
  body: MeetingDto['body'];
  title: string;
  held_on: string;
  location: string | null;
  status: MeetingStatus;
  policy_version_no: number;
  members: MeetingMemberDto[];
  created_at: Date;
  opened_at: Date | null;
  closed_at: Date | null;
}

interface ItemRow {
  id: string;
  meeting_id: string;
  matter_id: string;
  seq: number;
  terms: AgendaItemDto['terms'];
  status: 'open' | 'decided';
  result: DecisionResult | null;
  decision_id: string | null;
  position_count: number;
}

/** A timestamp as JSON text the way Date.toISOString writes it (UTC, milliseconds). */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const MEETING_COLUMNS = `id, body, title, to_char(held_on, 'YYYY-MM-DD') AS held_on, location, status, policy_version_no, members, created_at, opened_at, closed_at`;

type AgendaRow = ItemRow & { no: string; title: string; matter_type: AgendaItemDto['matterType']; matter_status: MatterStatus; positions: PositionDto[]; recusals: RecusalDto[] };

/** The meeting's agenda (the meeting's id at `meetingParam`), each item with its positions and recusals: one query. */
const agendaSql = (meetingParam: string) =>
  `SELECT a.id, a.meeting_id, a.matter_id, a.seq, a.terms, a.status, a.result, a.decision_id, a.position_count, m.no, m.title, m.matter_type, m.status AS matter_status,
          coalesce((SELECT json_agg(json_build_object('subject', p.subject, 'name', p.name, 'isMainLeader', p.is_main_leader, 'position', p.position, 'reason', p.reason,
                                                      'statedAt', ${iso('p.stated_at')}, 'seq', p.seq) ORDER BY p.seq)
                      FROM approvals.position p WHERE p.agenda_item_id = a.id), '[]') AS positions,
          coalesce((SELECT json_agg(json_build_object('subject', r.subject, 'name', r.name, 'kind', r.kind, 'reason', r.reason, 'recordedBy', r.recorded_by,
                                                      'recordedAt', ${iso('r.recorded_at')}) ORDER BY r.recorded_at)
                      FROM approvals.recusal r WHERE r.agenda_item_id = a.id), '[]') AS recusals
     FROM approvals.agenda_item a JOIN approvals.matter m ON m.id = a.matter_id WHERE a.meeting_id = ${meetingParam} ORDER BY a.seq`;

function memberStates(members: readonly MeetingMemberDto[]): MemberState[] {
  return members.map((m) => ({ subject: m.subject, isMainLeader: m.isMainLeader, present: m.present }));
}

function refuse(r: { code: string; message: string } | null, field = 'position'): void {
  if (r) throw DomainError.conflict(r.message, field, r.code);
}

/**
 * 会议 (事中): a meeting of one body on one date; its members are the leadership team on that date.
 * Attendance and quorum open it; the agenda takes filed matters awaiting this body; each member
 * states a position on each item — recused members cannot, and the main leader states last (末位
 * 表态) — and the result, computed by the policy, is sealed as the decision record.
 *
 * Every position, recusal and conclusion of one agenda item runs under that item's row lock (and,
 * first, in this process's queue for the item, so waiting statements hold no connection), so
 * concurrent statements are serialised: both of two members land, a member's second statement is
 * refused, and the main leader cannot overtake the last other member.
 */
@Injectable()
export class MeetingsService {
  private readonly items = new KeyedQueue();
  private readonly quorumRules = new Map<string, FractionRule>();

  constructor(
    private readonly tx: TenantTransactions,
    private readonly changes: ChangeLog,
    private readonly policy: PolicyService,
    private readonly powerList: PowerListClient,
    private readonly matters: MattersService,
    private readonly keys: SigningKeys,
  ) {}

  async create(caller: CallerContext, req: CreateMeetingRequest): Promise<MeetingDto> {
    requirePermission(caller, Permission.MeetingWrite);
    if (Number.isNaN(Date.parse(req.heldOn))) throw DomainError.validation('heldOn', 'date', 'heldOn must be a real date YYYY-MM-DD');
    const team = await this.powerList.leadershipOn(caller, req.heldOn);
    if (team.length === 0) throw DomainError.conflict(`${req.heldOn} 名录中没有领导班子成员，无法组织会议 / the directory has no leadership team on ${req.heldOn}`, 'heldOn', 'leadership-team');
    const members: MeetingMemberDto[] = team.map((t) => ({
      subject: t.subject ?? `person:${t.personId}`,
      personId: t.personId,
      name: t.personName,
      title: t.title,
      isMainLeader: t.position === LeadershipPosition.MainLeader,
      present: null,
      absenceReason: null,
    }));
    return this.tx.run(caller.tenantId, async (em) => {
      const policy = await this.policy.currentIn(em);
      const row = only(await em.query<MeetingRow[]>(
        `INSERT INTO approvals.meeting (tenant_id, body, title, held_on, location, policy_version_no, members, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING ${MEETING_COLUMNS}`,
        [caller.tenantId, req.body, req.title.trim(), req.heldOn, req.location ?? null, policy.version_no, JSON.stringify(members), caller.userId],
      ), 'row');
      await this.changes.record<MeetingScheduledV1>(em, caller, { type: ApprovalsEvents.meetingScheduled, version: 1, entityType: 'meeting', entityId: row.id, data: { meetingId: row.id, body: req.body, heldOn: req.heldOn, members: members.map((m) => m.subject) } });
      return this.dto(em, row);
    });
  }

  list(caller: CallerContext, req: ListMeetingsRequest): Promise<MeetingSummaryDto[]> {
    requirePermission(caller, Permission.MeetingRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const rows = await em.query<(MeetingRow & { agenda_count: number })[]>(
        `SELECT ${MEETING_COLUMNS}, (SELECT count(*)::int FROM approvals.agenda_item a WHERE a.meeting_id = g.id) AS agenda_count
           FROM approvals.meeting g WHERE ($1::text IS NULL OR status = $1) ORDER BY held_on DESC, created_at DESC LIMIT 200`,
        [req.status ?? null],
      );
      return rows.map((r) => ({ id: r.id, body: r.body, title: r.title, heldOn: r.held_on, status: r.status, memberCount: r.members.length, agendaCount: r.agenda_count }));
    });
  }

  get(caller: CallerContext, id: string): Promise<MeetingDto> {
    requirePermission(caller, Permission.MeetingRead);
    return this.tx.read(caller.tenantId, async (em) => this.dto(em, await this.load(em, id)));
  }

  attendance(caller: CallerContext, id: string, req: SetAttendanceRequest): Promise<MeetingDto> {
    requirePermission(caller, Permission.MeetingWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const g = await this.load(em, id, true);
      if (g.status !== MeetingStatus.Scheduled) throw DomainError.conflict('会议已开始，出席情况不能再改 / attendance is taken before the meeting opens', 'attendance', 'before-opening');
      const members = g.members.map((m) => ({ ...m }));
      req.attendance.forEach((a, i) => {
        const member = members.find((m) => m.subject === a.subject);
        if (!member) throw DomainError.validation(`attendance.${i}.subject`, 'member', `${a.subject} 不是本次会议的班子成员 / not a member of this meeting`);
        if (!a.present && !a.absenceReason?.trim()) throw DomainError.validation(`attendance.${i}.absenceReason`, 'required-when-absent', `请填写 ${member.name} 的缺席原因 / an absence needs a reason`);
        member.present = a.present;
        member.absenceReason = a.present ? null : (a.absenceReason ?? '').trim();
      });
      const row = only(await updateReturning<MeetingRow>(em, `UPDATE approvals.meeting SET members = $2::jsonb WHERE id = $1 RETURNING ${MEETING_COLUMNS}`, [id, JSON.stringify(members)]), 'row');
      return this.dto(em, row);
    });
  }

  open(caller: CallerContext, id: string): Promise<MeetingDto> {
    requirePermission(caller, Permission.MeetingWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const g = await this.load(em, id, true);
      if (g.status !== MeetingStatus.Scheduled) throw DomainError.conflict(`会议${g.status === MeetingStatus.Closed ? '已结束' : '已开始'} / the meeting is ${g.status}`, 'status', 'scheduled');
      const untaken = g.members.filter((m) => m.present === null);
      if (untaken.length > 0) throw DomainError.conflict(`请先登记全部成员的出席情况（未登记：${untaken.map((m) => m.name).join('、')}）/ take attendance of every member first`, 'attendance', 'complete');
      const policy = await this.policy.versionIn(em, g.policy_version_no);
      const present = g.members.filter((m) => m.present === true).length;
      const q = quorumMet(g.members.length, present, policy.quorum);
      if (!q.met) throw DomainError.conflict(`实到 ${present} 人，未达到法定人数 ${q.required} 人（应到 ${g.members.length} 人），会议不能召开 / quorum not met: ${present} of ${g.members.length} present, ${q.required} required`, 'attendance', 'quorum');
      const row = only(await updateReturning<MeetingRow>(em, `UPDATE approvals.meeting SET status = 'in-session', opened_at = now() WHERE id = $1 RETURNING ${MEETING_COLUMNS}`, [id]), 'row');
      await this.changes.record<MeetingOpenedV1>(em, caller, { type: ApprovalsEvents.meetingOpened, version: 1, entityType: 'meeting', entityId: id, data: { meetingId: id, present, members: g.members.length } });
      return this.dto(em, row);
    });
  }

  close(caller: CallerContext, id: string): Promise<MeetingDto> {
    requirePermission(caller, Permission.MeetingWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const g = await this.load(em, id, true);
      if (g.status === MeetingStatus.Closed) throw DomainError.conflict('会议已结束 / the meeting is closed already', 'status', 'open');
      const open = await em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM approvals.agenda_item WHERE meeting_id = $1 AND status = 'open'`, [id]);
      const openCount = open[0]?.n ?? 0;
      if (openCount > 0) throw DomainError.conflict(`还有 ${openCount} 个议题未形成决议 / ${openCount} agenda items are not concluded`, 'agenda', 'all-concluded');
      const row = only(await updateReturning<MeetingRow>(em, `UPDATE approvals.meeting SET status = 'closed', closed_at = now() WHERE id = $1 RETURNING ${MEETING_COLUMNS}`, [id]), 'row');
      await this.changes.record(em, caller, { type: ApprovalsEvents.meetingClosed, version: 1, entityType: 'meeting', entityId: id, data: { meetingId: id } });
      return this.dto(em, row);
    });
  }

  addAgendaItem(caller: CallerContext, id: string, req: AddAgendaItemRequest): Promise<MeetingDto> {
    requirePermission(caller, Permission.MeetingWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const g = await this.load(em, id, true);
      if (g.status === MeetingStatus.Closed) throw DomainError.conflict('会议已结束，不能增加议题 / the meeting is closed', 'status', 'open');
      const m = await loadMatter(em, req.matterId, true);
      if (m.status !== MatterStatus.AwaitingMeeting) throw DomainError.conflict(`事项 ${m.no} 不在“待上会”状态，不能列入议程 / matter ${m.no} is not awaiting a meeting (${m.status})`, 'matterId', 'awaiting-meeting');
      if (m.requires_meeting) {
        const filing = filingOf(m, await filingEntries(em, m.id));
        if (m.filed_at === null) {
          throw DomainError.conflict(
            `事项 ${m.no} 属“三重一大”事项，会前报备未完成（缺：${filing.missing.map((k) => FilingKindLabels[k].zh).join('、')}），不能列入议程 / the pre-meeting filing is incomplete`,
            'matterId',
            'filed-before-agenda',
          );
        }
        const next = bodiesStillToDecide(m, await decisionsOf(em, m.id))[0];
        if (next !== g.body) {
          throw DomainError.conflict(`事项 ${m.no} 下一步应由${next ? MeetingBodyLabels[next].zh : '（无）'}决策，不是${MeetingBodyLabels[g.body].zh} / this matter is next for ${next ?? 'no body'}`, 'matterId', 'body');
        }
      } else {
        const bodies = m.steps[(m.current_step ?? 1) - 1]?.meetingBodies ?? [];
        if (bodies.length > 0 && !bodies.includes(g.body)) throw DomainError.conflict(`事项 ${m.no} 应由${bodies.map((b) => MeetingBodyLabels[b].zh).join('或')}审议 / the step names other bodies`, 'matterId', 'body');
      }
      const seq = only(await em.query<{ n: number }[]>(`SELECT coalesce(max(seq), 0)::int + 1 AS n FROM approvals.agenda_item WHERE meeting_id = $1`, [id]), 'seq');
      const [item] = await em.query<{ id: string }[]>(
        `INSERT INTO approvals.agenda_item (tenant_id, meeting_id, matter_id, seq, terms) VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT (tenant_id, matter_id) WHERE status = 'open' DO NOTHING RETURNING id`,
        [caller.tenantId, id, m.id, seq.n, JSON.stringify(termsOf(m))],
      );
      if (!item) throw DomainError.conflict(`事项 ${m.no} 已在另一会议的议程上 / matter ${m.no} is already on an agenda`, 'matterId', 'one-agenda');
      await this.changes.record<AgendaItemAddedV1>(em, caller, { type: ApprovalsEvents.agendaItemAdded, version: 1, entityType: 'meeting', entityId: id, data: { meetingId: id, agendaItemId: item.id, matterId: m.id } });
      return this.dto(em, g);
    });
  }

  recuse(caller: CallerContext, meetingId: string, itemId: string, req: RecusalRequest): Promise<MeetingDto> {
    const required = req.subject !== undefined && req.subject !== caller.userId;
    requirePermission(caller, required ? Permission.MeetingWrite : Permission.PositionWrite);
    const subject = req.subject ?? caller.userId;
    return this.items.run(itemId, () => this.tx.run(caller.tenantId, async (em) => {
      const { g, item, recused, stated } = await this.lockItem(em, meetingId, itemId);
      const refusal = recusalRefusal({ subject, members: memberStates(g.members), recused, stated, meetingInSession: g.status === MeetingStatus.InSession, itemOpen: item.status === 'open' });
      refuse(refusal, 'subject');
      const member = must(g.members.find((m) => m.subject === subject), 'member');
      await em.query(
        `INSERT INTO approvals.recusal (tenant_id, agenda_item_id, subject, name, kind, reason, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [caller.tenantId, itemId, subject, member.name, required ? 'required' : 'declared', req.reason.trim(), caller.userId],
      );
      const answer = await this.dto(em, g);
      await this.changes.record<RecusalRecordedV1>(em, caller, {
        type: ApprovalsEvents.recusalRecorded,
        version: 1,
        entityType: 'agenda-item',
        entityId: itemId,
        data: { meetingId, agendaItemId: itemId, matterId: item.matter_id, subject, kind: required ? 'required' : 'declared', reason: req.reason.trim() },
      });
      return answer;
    }));
  }

  statePosition(caller: CallerContext, meetingId: string, itemId: string, req: StatePositionRequest): Promise<MeetingDto> {
    requirePermission(caller, Permission.PositionWrite);
    return this.items.run(itemId, () => this.tx.run(caller.tenantId, async (em) => {
      const { g, item, recused, stated } = await this.lockItem(em, meetingId, itemId);
      refuse(positionRefusal({ subject: caller.userId, members: memberStates(g.members), recused, stated, meetingInSession: g.status === MeetingStatus.InSession, itemOpen: item.status === 'open' }));
      const member = must(g.members.find((m) => m.subject === caller.userId), 'member');
      const seq = item.position_count + 1;
      const reason = req.reason?.trim() || null;
      // One statement: the position, the item's count, the agenda for the answer, and the lock of
      // the tenant's audit-chain head for the entry below (held from here to commit: only the
      // append follows). The agenda is read from the snapshot before the insert, so the new
      // position is added to it here.
      const head = this.changes.auditHeadLock('$1');
      const rows = await em.query<(AgendaRow & LockedAuditHead & { stated_at: string })[]>(
        `WITH stated AS (
           INSERT INTO approvals.position (tenant_id, agenda_item_id, subject, name, is_main_leader, position, reason, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq, stated_at),
         counted AS (
           UPDATE approvals.agenda_item SET position_count = (SELECT seq FROM stated) WHERE id = $2),
         ${head.cte}
         SELECT agenda.*, (SELECT ${iso('stated_at')} FROM stated) AS stated_at, ${head.columns}
           FROM (${agendaSql('$9')}) agenda ORDER BY agenda.seq`,
        [caller.tenantId, itemId, caller.userId, member.name, member.isMainLeader, req.position, reason, seq, meetingId],
      );
      const items = rows.map(({ stated_at: statedAt, audit_head_seq: _s, audit_head_hash: _h, audit_head_at: _a, ...row }) =>
        row.id === itemId
          ? { ...row, position_count: seq, positions: [...row.positions, { subject: caller.userId, name: member.name, isMainLeader: member.isMainLeader, position: req.position, reason, statedAt, seq }] }
          : row,
      );
      const answer = await this.buildDto(em, g, items);
      await this.changes.record<PositionStatedV1>(
        em,
        caller,
        {
          type: ApprovalsEvents.positionStated,
          version: 1,
          entityType: 'agenda-item',
          entityId: itemId,
          data: { meetingId, agendaItemId: itemId, matterId: item.matter_id, subject: caller.userId, position: req.position, reason, seq },
        },
        rows[0],
      );
      return answer;
    }));
  }

  /**
   * 形成决议: everyone present and not recused has stated; the policy computes the result; the
   * decision record is built, hashed (SM3), signed (SM2, the tenant's active key), written once, and
   * its hash entered in the audit chain. A passed decision of the last body the matter needs moves
   * the matter past its meeting step; a rejected one ends it; a deferred one leaves it awaiting.
   */
  async conclude(caller: CallerContext, meetingId: string, itemId: string, req: ConcludeRequest): Promise<DecisionRecordDto> {
    requirePermission(caller, Permission.MeetingWrite);
    // Whom the step after the meeting goes to, resolved before the transaction (power-list).
    const pre = await this.tx.read(caller.tenantId, async (em) => {
      const rows = await em.query<{ matter_id: string }[]>(`SELECT matter_id FROM approvals.agenda_item WHERE id = $1 AND meeting_id = $2`, [itemId, meetingId]);
      if (!rows[0]) throw DomainError.notFound('agenda item', itemId);
      return loadMatter(em, rows[0].matter_id);
    });
    const after = pre.current_step === null ? null : nextStep(pre.current_step, pre.steps.length);
    const assignment: StepAssignment | null = after === null ? null : await resolveAssignment(this.powerList, caller, this.matters.assignmentContext(pre), after, todayInChina());

    return this.items.run(itemId, () => this.tx.run(caller.tenantId, async (em) => {
      const { g, item, recused, stated } = await this.lockItem(em, meetingId, itemId);
      refuse(conclusionRefusal({ members: memberStates(g.members), recused, stated, meetingInSession: g.status === MeetingStatus.InSession, itemOpen: item.status === 'open' }), 'agenda');
      let m = await loadMatter(em, item.matter_id, true);
      const policy = await this.policy.versionIn(em, g.policy_version_no);
      const positions = await this.positions(em, itemId);
      const recusals = await this.recusals(em, itemId);
      const present = g.members.filter((x) => x.present === true).length;
      const outcome = decide({ members: g.members.length, present, recused: recusals.length, positions: positions.map((p) => p.position) }, policy.majority);
      const decisionId = randomUUID();
      const terms = req.terms ? toTerms(req.terms) : item.terms;
      const content: DecisionRecordContent = {
        schema: 'qinglian.decision-record/1',
        tenantId: caller.tenantId,
        decisionId,
        meeting: { id: g.id, body: g.body, title: g.title, heldOn: g.held_on, location: g.location },
        matter: { id: m.id, no: m.no, title: m.title, matterType: m.matter_type, proposedTerms: item.terms },
        policyVersionNo: g.policy_version_no,
        attendance: g.members.map((x) => ({ subject: x.subject, name: x.name, title: x.title, isMainLeader: x.isMainLeader, present: x.present === true, absenceReason: x.absenceReason })),
        recusals,
        positions,
        tally: { agree: outcome.agree, disagree: outcome.disagree, defer: outcome.defer, abstain: outcome.abstain, base: outcome.base, required: outcome.required },
        result: outcome.result,
        terms,
        summary: req.summary?.trim() || null,
        concludedBy: { subject: caller.userId, name: displayName(caller) },
        concludedAt: new Date().toISOString(),
      };
      const signer = await this.keys.activeSigner(em, caller.tenantId);
      const seal = sealDecision(content, signer);
      const data: DecisionSealedV1 = {
        decisionId,
        meetingId,
        matterId: m.id,
        body: g.body,
        result: outcome.result,
        terms,
        positions: positions.map((p) => ({ subject: p.subject, position: p.position })),
        hash: seal.hash,
        keyId: seal.keyId,
      };
      await em.query(`UPDATE approvals.agenda_item SET status = 'decided', result = $2, decision_id = $3 WHERE id = $1`, [itemId, outcome.result, decisionId]);

      const task = await openTask(em, m.id, true);
      const atMeetingStep = task !== undefined && m.current_step !== null && m.steps[m.current_step - 1]?.kind === StepKind.Meeting;
      if (atMeetingStep && outcome.result === DecisionResult.Rejected) {
        await this.matters.closeTask(em, task.id, 'decided');
        m = only(await updateReturning<MatterRow>(em, `UPDATE approvals.matter SET status = 'rejected', current_step = NULL, updated_at = now() WHERE id = $1 RETURNING *`, [m.id]), 'matter');
      } else if (atMeetingStep && outcome.result === DecisionResult.Passed && bodiesStillToDecide(m, [...(await decisionsOf(em, m.id)), { body: g.body, result: outcome.result }]).length === 0) {
        await this.matters.closeTask(em, task.id, 'decided');
        const stepPolicy = await this.policy.versionIn(em, m.policy_version_no);
        if (after === null || m.current_step !== pre.current_step) m = await this.matters.finish(em, caller, m);
        else m = await this.matters.openStep(em, caller, m, after, must(assignment, 'assignment'), stepPolicy);
      }
      // The audit entry and the record last: appending holds the tenant's chain head until commit.
      const { audit } = await this.changes.recordAudited(em, caller, { type: ApprovalsEvents.decisionSealed, version: 1, entityType: 'decision', entityId: decisionId, data });
      const record = only(await em.query<{ sealed_at: Date }[]>(
        `INSERT INTO approvals.decision_record (id, tenant_id, agenda_item_id, meeting_id, matter_id, body, result, content, hash, signature, key_id, audit_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12) RETURNING sealed_at`,
        [decisionId, caller.tenantId, itemId, meetingId, m.id, g.body, outcome.result, seal.canonical, seal.hash, seal.signature, seal.keyId, audit.seq],
      ), 'record');
      return { id: decisionId, matterId: m.id, meetingId, agendaItemId: itemId, content, hash: seal.hash, signature: seal.signature, keyId: seal.keyId, sealedAt: record.sealed_at.toISOString(), auditSeq: audit.seq };
    }));
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<MeetingRow> {
    const rows = await em.query<MeetingRow[]>(`SELECT ${MEETING_COLUMNS} FROM approvals.meeting WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!rows[0]) throw DomainError.notFound('meeting', id);
    return rows[0];
  }

  /** Locks the agenda item (serialising everything said on it) and reads what was said so far. */
  private async lockItem(em: EntityManager, meetingId: string, itemId: string) {
    // One round trip: the item (locked), its meeting, and who has stated or recused on it.
    const rows = await em.query<(ItemRow & Omit<MeetingRow, 'id' | 'status'> & { meeting_status: MeetingStatus; stated: string[]; recused: string[] })[]>(
      `SELECT i.id, i.meeting_id, i.matter_id, i.seq, i.terms, i.status, i.result, i.decision_id, i.position_count,
              g.body, g.title, to_char(g.held_on, 'YYYY-MM-DD') AS held_on, g.location, g.status AS meeting_status, g.policy_version_no, g.members,
              g.created_at, g.opened_at, g.closed_at,
              ARRAY(SELECT p.subject FROM approvals.position p WHERE p.agenda_item_id = i.id) AS stated,
              ARRAY(SELECT r.subject FROM approvals.recusal r WHERE r.agenda_item_id = i.id) AS recused
         FROM approvals.agenda_item i JOIN approvals.meeting g ON g.id = i.meeting_id
        WHERE i.id = $1 AND i.meeting_id = $2
          FOR UPDATE OF i`,
      [itemId, meetingId],
    );
    const r = rows[0];
    if (!r) throw DomainError.notFound('agenda item', itemId);
    const item: ItemRow = { id: r.id, meeting_id: r.meeting_id, matter_id: r.matter_id, seq: r.seq, terms: r.terms, status: r.status, result: r.result, decision_id: r.decision_id, position_count: r.position_count };
    const g: MeetingRow = {
      id: r.meeting_id,
      body: r.body,
      title: r.title,
      held_on: r.held_on,
      location: r.location,
      status: r.meeting_status,
      policy_version_no: r.policy_version_no,
      members: r.members,
      created_at: r.created_at,
      opened_at: r.opened_at,
      closed_at: r.closed_at,
    };
    return { g, item, stated: new Set(r.stated), recused: new Set(r.recused) };
  }

  private async positions(em: EntityManager, itemId: string): Promise<PositionDto[]> {
    const rows = await em.query<{ subject: string; name: string; is_main_leader: boolean; position: Position; reason: string | null; stated_at: Date; seq: number }[]>(
      `SELECT subject, name, is_main_leader, position, reason, stated_at, seq FROM approvals.position WHERE agenda_item_id = $1 ORDER BY seq`,
      [itemId],
    );
    return rows.map((r) => ({ subject: r.subject, name: r.name, isMainLeader: r.is_main_leader, position: r.position, reason: r.reason, statedAt: r.stated_at.toISOString(), seq: r.seq }));
  }

  private async recusals(em: EntityManager, itemId: string): Promise<RecusalDto[]> {
    const rows = await em.query<{ subject: string; name: string; kind: 'declared' | 'required'; reason: string; recorded_by: string; recorded_at: Date }[]>(
      `SELECT subject, name, kind, reason, recorded_by, recorded_at FROM approvals.recusal WHERE agenda_item_id = $1 ORDER BY recorded_at`,
      [itemId],
    );
    return rows.map((r) => ({ subject: r.subject, name: r.name, kind: r.kind, reason: r.reason, recordedBy: r.recorded_by, recordedAt: r.recorded_at.toISOString() }));
  }

  /** A meeting's policy version never changes: its quorum rule is read once per meeting and process. */
  private async quorumRule(em: EntityManager, g: MeetingRow) {
    let rule = this.quorumRules.get(g.id);
    if (!rule) {
      rule = (await this.policy.versionIn(em, g.policy_version_no)).quorum;
      if (this.quorumRules.size > 10_000) this.quorumRules.clear();
      this.quorumRules.set(g.id, rule);
    }
    return rule;
  }

  private async dto(em: EntityManager, g: MeetingRow): Promise<MeetingDto> {
    const items = await em.query<AgendaRow[]>(agendaSql('$1'), [g.id]);
    return this.buildDto(em, g, items);
  }

  private async buildDto(em: EntityManager, g: MeetingRow, items: readonly AgendaRow[]): Promise<MeetingDto> {
    const present = g.members.filter((m) => m.present === true).length;
    const q = quorumMet(g.members.length, present, await this.quorumRule(em, g));
    const agenda: AgendaItemDto[] = [];
    const states = memberStates(g.members);
    for (const it of items) {
      const { positions, recusals } = it;
      const stated = new Set(positions.map((p) => p.subject));
      const recused = new Set(recusals.map((r) => r.subject));
      agenda.push({
        id: it.id,
        seq: it.seq,
        matterId: it.matter_id,
        matterNo: it.no,
        matterTitle: it.title,
        matterType: it.matter_type,
        matterStatus: it.matter_status,
        terms: it.terms,
        status: it.status,
        recusals,
        positions,
        pending: g.members.filter((x) => x.present === true && !recused.has(x.subject) && !stated.has(x.subject)).map((x) => x.subject),
        mainLeaderBlockedReason: it.status === 'open' ? mainLeaderBlockedReason(states, recused, stated) : null,
        result: it.result,
        decisionId: it.decision_id,
      });
    }
    return {
      id: g.id,
      body: g.body,
      title: g.title,
      heldOn: g.held_on,
      location: g.location,
      status: g.status,
      policyVersionNo: g.policy_version_no,
      members: g.members,
      quorum: { members: g.members.length, present, required: q.required, met: q.met },
      agenda,
      createdAt: g.created_at.toISOString(),
      openedAt: g.opened_at?.toISOString() ?? null,
      closedAt: g.closed_at?.toISOString() ?? null,
    };
  }
}

