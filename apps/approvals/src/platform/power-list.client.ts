import {
  type ActorRef,
  type AssigneesOnDto,
  type CallerContext,
  callerToHeaders,
  ErrorCode,
  isServiceError,
  type LeadershipMemberDto,
  type PowerItemDto,
  PowerListSubjects,
  type TenantDto,
} from '@qinglian/contracts';
import { DomainError, NATS_CONNECTION } from '@qinglian/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { errors as natsErrors, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

const TIMEOUT_MS = 5_000;

/**
 * approvals asks power-list (request-reply over NATS, the services' wire format) for what the
 * directory and the power list say on a date: the published power item, who acts as a step's actor,
 * the leadership team. The caller's context travels along, so power-list checks the same person.
 */
@Injectable()
export class PowerListClient {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  publishedPowerItem(caller: CallerContext, id: string): Promise<PowerItemDto> {
    return this.call(PowerListSubjects.powerItemPublishedGet, { id }, caller);
  }

  assigneesOn(caller: CallerContext, actor: ActorRef, handlingUnitCode: string, on: string): Promise<AssigneesOnDto> {
    return this.call(PowerListSubjects.directoryAssigneesOn, { actor: { kind: actor.kind, ref: actor.ref }, handlingUnitCode, on }, caller);
  }

  leadershipOn(caller: CallerContext, on: string): Promise<LeadershipMemberDto[]> {
    return this.call(PowerListSubjects.leadershipMembersOn, { on }, caller);
  }

  tenants(): Promise<TenantDto[]> {
    return this.call(PowerListSubjects.tenantList, {}, undefined);
  }

  private async call<T>(subject: string, data: object, caller: CallerContext | undefined): Promise<T> {
    const h = natsHeaders();
    if (caller) for (const [k, v] of Object.entries(callerToHeaders(caller))) h.set(k, v);
    let reply: { response?: unknown; err?: unknown };
    try {
      const msg = await this.nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: TIMEOUT_MS, headers: h });
      reply = msg.json();
    } catch (e: unknown) {
      const why = e instanceof natsErrors.TimeoutError || (e instanceof Error && e.cause instanceof natsErrors.TimeoutError) ? `did not answer within ${TIMEOUT_MS} ms` : 'is not available';
      throw new DomainError(ErrorCode.Unavailable, `power-list ${why} (${subject})`);
    }
    if (reply.err !== undefined && reply.err !== null) {
      if (isServiceError(reply.err)) throw new DomainError(reply.err.code, reply.err.message, reply.err.field, reply.err.rule);
      throw new DomainError(ErrorCode.Unavailable, `power-list failed (${subject})`);
    }
    return reply.response as T;
  }
}
