import { type CallerContext, type EventEnvelope } from '@qinglian/contracts';
import { Outbox, outboxTablesSql } from '@qinglian/messaging';
import { AuditChain, type AuditAppendResult, auditTablesSql, currentTenantFunctionSql, type LockedAuditHead } from '@qinglian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { SERVICE_CONFIG, SERVICE_DEFINITION, type ServiceDefinition } from './tokens';
import { type ServiceConfig } from './service-config';

/** A state change worth recording: it goes to the audit chain and, as an event, to the outbox. */
export interface Change<T extends object> {
  /** Event type `<service>.<entity>.<event>`; also the audit action. */
  readonly type: string;
  /** Payload schema version. */
  readonly version: number;
  readonly entityType: string;
  readonly entityId: string;
  readonly data: T;
}

/**
 * Records a change inside the transaction that makes it: one audit-chain entry and one outbox event,
 * committed together with the change or not at all.
 */
@Injectable()
export class ChangeLog {
  private readonly audit: AuditChain;
  private readonly outbox: Outbox;

  constructor(@Inject(SERVICE_DEFINITION) def: ServiceDefinition, @Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.audit = new AuditChain(def.schema);
    this.outbox = new Outbox({ schema: def.schema, subjectPrefix: config.EVENTS_SUBJECT_PREFIX });
  }

  /** `lockedHead`: the chain head as the caller's own statement locked it (see {@link auditHeadLock}). */
  async record<T extends object>(em: EntityManager, caller: CallerContext, change: Change<T>, lockedHead?: LockedAuditHead): Promise<EventEnvelope<T>> {
    return (await this.recordAudited(em, caller, change, lockedHead)).event;
  }

  /** SQL that locks the caller's tenant's audit-chain head inside another statement (AuditChain.headLock). */
  auditHeadLock(tenantParam: string): { cte: string; columns: string } {
    return this.audit.headLock(tenantParam);
  }

  /** Like {@link record}, also answering where the change landed in the audit chain (sealed records keep it). */
  async recordAudited<T extends object>(
    em: EntityManager,
    caller: CallerContext,
    change: Change<T>,
    lockedHead?: LockedAuditHead,
  ): Promise<{ event: EventEnvelope<T>; audit: AuditAppendResult }> {
    const event: EventEnvelope<T> = {
      id: randomUUID(),
      type: change.type,
      version: change.version,
      tenantId: caller.tenantId,
      occurredAt: new Date().toISOString(),
      actor: { userId: caller.userId, requestId: caller.requestId },
      data: change.data,
    };
    // The outbox insert rides in the audit append's statement: one round trip for both.
    const { audit, alongsideRows } = await this.audit.appendWith(
      em,
      { tenantId: caller.tenantId, actor: caller.userId, action: change.type, entityType: change.entityType, entityId: change.entityId, data: change.data as Record<string, unknown> },
      this.outbox.insertStatement(event),
      lockedHead,
    );
    this.outbox.assertInserted(event, alongsideRows);
    return { event, audit };
  }

  /** Verifies this service's audit chain for one tenant (inside that tenant's transaction). */
  verifyAudit(em: EntityManager, tenantId: string) {
    return this.audit.verify(em, tenantId);
  }
}

/** Every service's first migration: the tenant function, the audit chain, the outbox and inbox. */
export function platformTablesSql(schema: string): string[] {
  return [currentTenantFunctionSql(schema), ...auditTablesSql(schema), ...outboxTablesSql(schema)];
}
