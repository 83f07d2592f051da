import {
  ActorKind,
  type AssigneesOnDto,
  type AssigneesOnRequest,
  type CallerContext,
  type ChargeDto,
  type CreateChargeRequest,
  type CreateLeadershipMemberRequest,
  type CreatePostHoldingRequest,
  type EndRequest,
  type InChargeOfDto,
  type LeadershipChangedV1,
  type LeadershipMemberDto,
  LeadershipPosition,
  type PersonDetailDto,
  type PersonDto,
  PowerListEvents,
  type PostHoldingChangedV1,
  type PostHoldingDto,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { TenantTransactions } from '@qinglian/persistence';
import { ChangeLog, DomainError, requirePermission } from '@qinglian/runtime';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { LeaderChargeEntity, LeadershipMemberEntity, OrgUnitEntity, PersonEntity, PostEntity, PostHoldingEntity } from './directory.entities';
import { findOr404, toPersonDto } from './directory.service';

/** Dates are calendar days in China; "today" is Beijing's. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whether [start, end] (end inclusive, open when null) covers the day. ISO dates compare as text. */
export function covers(start: string, end: string | null, on: string): boolean {
  return start <= on && (end === null || on <= end);
}

export function overlaps(a: { startOn: string; endOn: string | null }, b: { startOn: string; endOn: string | null }): boolean {
  return (a.endOn === null || b.startOn <= a.endOn) && (b.endOn === null || a.startOn <= b.endOn);
}

/**
 * People in time: which posts they hold (任职), the leadership team (领导班子) with its main leader,
 * and which units each leader is in charge of (分管). Other services ask these by date.
 */
@Injectable()
export class PeopleService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly changes: ChangeLog,
  ) {}

  getPerson(caller: CallerContext, id: string): Promise<PersonDetailDto> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const person = await findOr404(em, PersonEntity, 'person', id);
      return withHoldings(toPersonDto(person), await this.holdings(em, { personId: id }));
    });
  }

  bySubject(caller: CallerContext, subject: string): Promise<PersonDetailDto> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const person = await em.getRepository(PersonEntity).findOneBy({ subject });
      if (!person) throw DomainError.notFound('person with subject', subject);
      return withHoldings(toPersonDto(person), await this.holdings(em, { personId: person.id }));
    });
  }

  postsOn(caller: CallerContext, personId: string, on = todayInChina()): Promise<PostHoldingDto[]> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => {
      await findOr404(em, PersonEntity, 'person', personId);
      return (await this.holdings(em, { personId })).filter((h) => covers(h.startOn, h.endOn, on));
    });
  }

  createHolding(caller: CallerContext, req: CreatePostHoldingRequest): Promise<PostHoldingDto> {
    requirePermission(caller, Permission.DirectoryWrite);
    checkRange(req.startOn, req.endOn ?? null);
    return this.tx.run(caller.tenantId, async (em) => {
      // Row-level security hides other tenants' rows: a person or post of another tenant "does not exist" here.
      if (!(await em.getRepository(PersonEntity).existsBy({ id: req.personId }))) {
        throw DomainError.validation('personId', 'exists', `人员 ${req.personId} 不在本单位目录中 / person ${req.personId} is not in this tenant's directory`);
      }
      if (!(await em.getRepository(PostEntity).existsBy({ id: req.postId }))) {
        throw DomainError.validation('postId', 'exists', `岗位 ${req.postId} 不在本单位目录中 / post ${req.postId} is not in this tenant's directory`);
      }
      const same = await em.getRepository(PostHoldingEntity).findBy({ personId: req.personId, postId: req.postId });
      const range = { startOn: req.startOn, endOn: req.endOn ?? null };
      if (same.some((h) => overlaps(h, range))) throw DomainError.conflict('该人员在这段时间已担任此岗位 / the person already holds this post in that period', 'startOn', 'no-overlap');
      const { identifiers } = await em.getRepository(PostHoldingEntity).insert({ tenantId: caller.tenantId, personId: req.personId, postId: req.postId, ...range });
      const id = String(identifiers[0]?.['id']);
      await this.holdingChanged(em, caller, id);
      return (await this.holdings(em, { id }))[0] as PostHoldingDto;
    });
  }

  endHolding(caller: CallerContext, req: EndRequest): Promise<PostHoldingDto> {
    requirePermission(caller, Permission.DirectoryWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const h = await findOr404(em, PostHoldingEntity, 'post holding', req.id);
      checkEnd(h.startOn, h.endOn, req.endOn);
      await em.getRepository(PostHoldingEntity).update({ id: h.id }, { endOn: req.endOn });
      await this.holdingChanged(em, caller, h.id);
      return (await this.holdings(em, { id: h.id }))[0] as PostHoldingDto;
    });
  }

  membersOn(caller: CallerContext, on = todayInChina()): Promise<LeadershipMemberDto[]> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => (await this.members(em)).filter((m) => covers(m.startOn, m.endOn, on)).map((m) => ({ ...m, charges: m.charges.filter((c) => covers(c.startOn, c.endOn, on)) })));
  }

  /** Who is in charge of the unit on the day: its own leader(s), or else the nearest ancestor's. */
  inChargeOf(caller: CallerContext, orgUnitId: string, on = todayInChina()): Promise<InChargeOfDto> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const unit = await findOr404(em, OrgUnitEntity, 'org unit', orgUnitId);
      const members = (await this.members(em)).filter((m) => covers(m.startOn, m.endOn, on));
      for (const unitId of [...unit.path].reverse()) {
        const leaders = members.filter((m) => m.charges.some((c) => c.orgUnitId === unitId && covers(c.startOn, c.endOn, on)));
        if (leaders.length > 0) {
          return { orgUnitId, on, chargedUnitId: unitId, leaders: leaders.map((m) => ({ memberId: m.id, personId: m.personId, personName: m.personName, subject: m.subject, title: m.title })) };
        }
      }
      return { orgUnitId, on, chargedUnitId: null, leaders: [] };
    });
  }

  /**
   * Who acts as a flow step's actor on a day (approvals assigns steps with it): the holders of a post
   * or of any post in a unit; for roles, the main leader, the whole leadership team, or the leader in
   * charge of the handling unit (or its nearest charged ancestor). Other roles and external bodies
   * are not people in the directory: the answer is empty and says so.
   */
  assigneesOn(caller: CallerContext, req: AssigneesOnRequest): Promise<AssigneesOnDto> {
    requirePermission(caller, Permission.DirectoryRead);
    const on = req.on ?? todayInChina();
    const { kind, ref } = req.actor;
    return this.tx.read(caller.tenantId, async (em) => {
      const withSubject = (people: { personId: string; name: string; subject: string | null }[]) => {
        const seen = new Set<string>();
        return people.filter((p): p is { personId: string; name: string; subject: string } => {
          if (p.subject === null || seen.has(p.subject)) return false;
          seen.add(p.subject);
          return true;
        });
      };
      if (kind === ActorKind.Post || kind === ActorKind.Unit) {
        const rows = await em.query<{ person_id: string; name: string; subject: string | null }[]>(
          `SELECT DISTINCT pe.id AS person_id, pe.name, pe.subject
             FROM power_list.post_holding h
             JOIN power_list.person pe ON pe.id = h.person_id
             JOIN power_list.post p ON p.id = h.post_id
             JOIN power_list.org_unit u ON u.id = p.org_unit_id
            WHERE ${kind === ActorKind.Post ? 'p.code' : 'u.code'} = $1 AND h.start_on <= $2::date AND (h.end_on IS NULL OR h.end_on >= $2::date)
            ORDER BY pe.name`,
          [ref, on],
        );
        const people = withSubject(rows.map((r) => ({ personId: r.person_id, name: r.name, subject: r.subject })));
        return { on, people, note: people.length > 0 ? `${kind === ActorKind.Post ? '岗位' : '部门'} ${ref} 在 ${on} 的任职人员` : `${ref} 在 ${on} 无可登录的任职人员 / no one who can sign in holds ${ref} on ${on}` };
      }
      if (kind === ActorKind.Role) {
        const members = (await this.members(em)).filter((m) => covers(m.startOn, m.endOn, on));
        const asPeople = (ms: LeadershipMemberDto[]) => withSubject(ms.map((m) => ({ personId: m.personId, name: m.personName, subject: m.subject })));
        if (ref === 'main-leader') return { on, people: asPeople(members.filter((m) => m.position === LeadershipPosition.MainLeader)), note: `${on} 的主要领导` };
        if (ref === 'leadership-member') return { on, people: asPeople(members), note: `${on} 的领导班子成员` };
        if (ref === 'leader-in-charge') {
          const unit = await em.getRepository(OrgUnitEntity).findOneBy({ code: req.handlingUnitCode });
          for (const unitId of [...(unit?.path ?? [])].reverse()) {
            const leaders = members.filter((m) => m.charges.some((c) => c.orgUnitId === unitId && covers(c.startOn, c.endOn, on)));
            if (leaders.length > 0) return { on, people: asPeople(leaders), note: `${on} 分管 ${req.handlingUnitCode} 的领导` };
          }
          return { on, people: [], note: `${on} 无人分管 ${req.handlingUnitCode} / no leader is in charge of ${req.handlingUnitCode} on ${on}` };
        }
      }
      return { on, people: [], note: `${kind} ${ref} 不对应名录中的人员 / ${kind} ${ref} is not a person in the directory` };
    });
  }

  createMember(caller: CallerContext, req: CreateLeadershipMemberRequest): Promise<LeadershipMemberDto> {
    requirePermission(caller, Permission.DirectoryWrite);
    checkRange(req.startOn, req.endOn ?? null);
    return this.tx.run(caller.tenantId, async (em) => {
      if (!(await em.getRepository(PersonEntity).existsBy({ id: req.personId }))) {
        throw DomainError.validation('personId', 'exists', `人员 ${req.personId} 不在本单位目录中 / person ${req.personId} is not in this tenant's directory`);
      }
      const range = { startOn: req.startOn, endOn: req.endOn ?? null };
      const existing = await em.getRepository(LeadershipMemberEntity).find();
      if (existing.some((m) => m.personId === req.personId && overlaps(m, range))) {
        throw DomainError.conflict('该人员在这段时间已是班子成员 / the person is already on the leadership team in that period', 'personId', 'no-overlap');
      }
      if (req.position === LeadershipPosition.MainLeader && existing.some((m) => m.position === LeadershipPosition.MainLeader && overlaps(m, range))) {
        throw DomainError.conflict('同一时间只能有一位主要领导 / the team has one main leader at a time: end the current one first', 'position', 'one-main-leader');
      }
      const { identifiers } = await em.getRepository(LeadershipMemberEntity).insert({ tenantId: caller.tenantId, personId: req.personId, position: req.position, title: req.title, ...range });
      const id = String(identifiers[0]?.['id']);
      return this.leadershipChanged(em, caller, id);
    });
  }

  endMember(caller: CallerContext, req: EndRequest): Promise<LeadershipMemberDto> {
    requirePermission(caller, Permission.DirectoryWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const m = await findOr404(em, LeadershipMemberEntity, 'leadership member', req.id);
      checkEnd(m.startOn, m.endOn, req.endOn);
      await em.getRepository(LeadershipMemberEntity).update({ id: m.id }, { endOn: req.endOn });
      // A leader's charges end with the membership.
      await em.query(`UPDATE power_list.leader_charge SET end_on = $1 WHERE member_id = $2 AND (end_on IS NULL OR end_on > $1) AND start_on <= $1`, [req.endOn, m.id]);
      return this.leadershipChanged(em, caller, m.id);
    });
  }

  createCharge(caller: CallerContext, req: CreateChargeRequest): Promise<LeadershipMemberDto> {
    requirePermission(caller, Permission.DirectoryWrite);
    checkRange(req.startOn, req.endOn ?? null);
    return this.tx.run(caller.tenantId, async (em) => {
      const member = await em.getRepository(LeadershipMemberEntity).findOneBy({ id: req.memberId });
      if (!member) throw DomainError.validation('memberId', 'exists', `班子成员 ${req.memberId} 不存在 / leadership member ${req.memberId} does not exist`);
      if (!(await em.getRepository(OrgUnitEntity).existsBy({ id: req.orgUnitId }))) {
        throw DomainError.validation('orgUnitId', 'exists', `组织单元 ${req.orgUnitId} 不存在 / org unit ${req.orgUnitId} does not exist`);
      }
      const range = { startOn: req.startOn, endOn: req.endOn ?? null };
      if (!(member.startOn <= range.startOn && (member.endOn === null || (range.endOn !== null && range.endOn <= member.endOn)))) {
        throw DomainError.validation('startOn', 'within-membership', '分管期间须在其班子任期之内 / a charge must lie within the leader’s membership');
      }
      const same = await em.getRepository(LeaderChargeEntity).findBy({ memberId: req.memberId, orgUnitId: req.orgUnitId });
      if (same.some((c) => overlaps(c, range))) throw DomainError.conflict('这段时间已分管该单元 / already in charge of that unit in that period', 'orgUnitId', 'no-overlap');
      await em.getRepository(LeaderChargeEntity).insert({ tenantId: caller.tenantId, memberId: req.memberId, orgUnitId: req.orgUnitId, ...range });
      return this.leadershipChanged(em, caller, member.id);
    });
  }

  endCharge(caller: CallerContext, req: EndRequest): Promise<LeadershipMemberDto> {
    requirePermission(caller, Permission.DirectoryWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const c = await findOr404(em, LeaderChargeEntity, 'charge', req.id);
      checkEnd(c.startOn, c.endOn, req.endOn);
      await em.getRepository(LeaderChargeEntity).update({ id: c.id }, { endOn: req.endOn });
      return this.leadershipChanged(em, caller, c.memberId);
    });
  }

  private async holdings(em: EntityManager, where: { personId?: string; id?: string }): Promise<PostHoldingDto[]> {
    const rows = await em.query<Record<string, string | null>[]>(
      `SELECT h.id, h.person_id, pe.name AS person_name, h.post_id, p.code AS post_code, p.name AS post_name, u.id AS unit_id, u.name AS unit_name,
              to_char(h.start_on, 'YYYY-MM-DD') AS start_on, to_char(h.end_on, 'YYYY-MM-DD') AS end_on
         FROM power_list.post_holding h
         JOIN power_list.person pe ON pe.id = h.person_id
         JOIN power_list.post p ON p.id = h.post_id
         JOIN power_list.org_unit u ON u.id = p.org_unit_id
        WHERE ($1::uuid IS NULL OR h.person_id = $1) AND ($2::uuid IS NULL OR h.id = $2)
        ORDER BY h.start_on DESC, p.code`,
      [where.personId ?? null, where.id ?? null],
    );
    return rows.map((r) => ({
      id: String(r['id']),
      personId: String(r['person_id']),
      personName: String(r['person_name']),
      postId: String(r['post_id']),
      postCode: String(r['post_code']),
      postName: String(r['post_name']),
      orgUnitId: String(r['unit_id']),
      orgUnitName: String(r['unit_name']),
      startOn: String(r['start_on']),
      endOn: r['end_on'] ?? null,
    }));
  }

  private async members(em: EntityManager): Promise<LeadershipMemberDto[]> {
    const members = await em.getRepository(LeadershipMemberEntity).find({ order: { startOn: 'ASC' } });
    const people = new Map((await em.getRepository(PersonEntity).find()).map((p) => [p.id, p]));
    const units = new Map((await em.getRepository(OrgUnitEntity).find()).map((u) => [u.id, u]));
    const charges = await em.getRepository(LeaderChargeEntity).find({ order: { startOn: 'ASC' } });
    const dtos = members.map((m): LeadershipMemberDto => {
      const person = people.get(m.personId);
      return {
        id: m.id,
        personId: m.personId,
        personName: person?.name ?? '',
        subject: person?.subject ?? null,
        position: m.position,
        title: m.title,
        startOn: m.startOn,
        endOn: m.endOn,
        charges: charges
          .filter((c) => c.memberId === m.id)
          .map((c): ChargeDto => ({ id: c.id, orgUnitId: c.orgUnitId, orgUnitCode: units.get(c.orgUnitId)?.code ?? '', orgUnitName: units.get(c.orgUnitId)?.name ?? '', startOn: c.startOn, endOn: c.endOn })),
      };
    });
    // The main leader first, then members in order of appointment.
    return dtos.sort((a, b) => Number(b.position === LeadershipPosition.MainLeader) - Number(a.position === LeadershipPosition.MainLeader));
  }

  private async holdingChanged(em: EntityManager, caller: CallerContext, id: string): Promise<void> {
    const h = await em.getRepository(PostHoldingEntity).findOneByOrFail({ id });
    const data: PostHoldingChangedV1 = { id: h.id, personId: h.personId, postId: h.postId, startOn: h.startOn, endOn: h.endOn };
    await this.changes.record(em, caller, { type: PowerListEvents.postHoldingChanged, version: 1, entityType: 'post-holding', entityId: h.id, data });
  }

  private async leadershipChanged(em: EntityManager, caller: CallerContext, memberId: string): Promise<LeadershipMemberDto> {
    const m = (await this.members(em)).find((x) => x.id === memberId) as LeadershipMemberDto;
    const data: LeadershipChangedV1 = {
      memberId: m.id,
      personId: m.personId,
      position: m.position,
      title: m.title,
      startOn: m.startOn,
      endOn: m.endOn,
      charges: m.charges.map((c) => ({ id: c.id, orgUnitId: c.orgUnitId, startOn: c.startOn, endOn: c.endOn })),
    };
    await this.changes.record(em, caller, { type: PowerListEvents.leadershipChanged, version: 1, entityType: 'leadership-member', entityId: m.id, data });
    return m;
  }
}

function withHoldings(p: PersonDto, holdings: PostHoldingDto[]): PersonDetailDto {
  return { id: p.id, name: p.name, subject: p.subject, joinedOn: p.joinedOn, createdAt: p.createdAt, holdings };
}

function checkRange(startOn: string, endOn: string | null): void {
  if (endOn !== null && endOn < startOn) throw DomainError.validation('endOn', 'after-start', `结束日期 ${endOn} 早于开始日期 ${startOn} / endOn ${endOn} is before startOn ${startOn}`);
}

function checkEnd(startOn: string, currentEnd: string | null, endOn: string): void {
  checkRange(startOn, endOn);
  if (currentEnd !== null && currentEnd < endOn) throw DomainError.conflict(`已于 ${currentEnd} 结束 / already ended on ${currentEnd}`, 'endOn', 'already-ended');
}
