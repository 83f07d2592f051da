import { type EventEnvelope, isUuid } from '@qinglian/contracts';

/** Thrown for an event that cannot be an {@link EventEnvelope}; `problems` lists every rule it broke. */
export class InvalidEnvelopeError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid event envelope: ${problems.join('; ')}`);
    this.name = 'InvalidEnvelopeError';
  }
}

/**
 * `type` becomes the tail of a NATS subject, so each dot-separated token must be non-empty and free
 * of wildcards and whitespace; we allow the characters our own names use.
 */
const EVENT_TYPE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
/** ISO-8601 instant with a time zone, as `Date.prototype.toISOString()` writes it (offsets allowed). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Lists what is wrong with a value that should be an event envelope (empty when nothing is). Both
 * ends use it: the outbox refuses to store a bad event, the consumer terminates one instead of
 * retrying it forever.
 */
export function envelopeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['envelope must be a JSON object'];
  const v = value as Record<string, unknown>;
  const problems: string[] = [];
  if (!isUuid(v['id'])) problems.push('id must be a UUID');
  if (typeof v['type'] !== 'string' || !EVENT_TYPE.test(v['type'])) {
    problems.push('type must be dot-separated tokens of letters, digits, "-" or "_"');
  }
  const version = v['version'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    problems.push('version must be a positive integer');
  }
  if (!isUuid(v['tenantId'])) problems.push('tenantId must be a UUID');
  const occurredAt = v['occurredAt'];
  if (typeof occurredAt !== 'string' || !ISO_INSTANT.test(occurredAt) || Number.isNaN(Date.parse(occurredAt))) {
    problems.push('occurredAt must be an ISO-8601 instant');
  }
  const actor = v['actor'];
  if (actor !== undefined) {
    if (typeof actor !== 'object' || actor === null || Array.isArray(actor)) {
      problems.push('actor must be an object when present');
    } else {
      const a = actor as Record<string, unknown>;
      if (typeof a['userId'] !== 'string' || a['userId'] === '') problems.push('actor.userId must be a non-empty string');
      if (a['requestId'] !== undefined && typeof a['requestId'] !== 'string') {
        problems.push('actor.requestId must be a string when present');
      }
    }
  }
  if (!('data' in v) || v['data'] === undefined) problems.push('data is required');
  return problems;
}

/** Narrows `value` to an envelope or throws {@link InvalidEnvelopeError} naming every problem. */
export function assertEventEnvelope(value: unknown): asserts value is EventEnvelope {
  const problems = envelopeProblems(value);
  if (problems.length > 0) throw new InvalidEnvelopeError(problems);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a message body (UTF-8 JSON) into a checked envelope. Anything else — bad UTF-8, bad JSON,
 * missing or ill-typed fields — is an {@link InvalidEnvelopeError}: the message can never succeed.
 */
export function parseEventEnvelope(body: Uint8Array | string): EventEnvelope {
  let text: string;
  try {
    text = typeof body === 'string' ? body : utf8.decode(body);
  } catch {
    throw new InvalidEnvelopeError(['body is not valid UTF-8']);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidEnvelopeError(['body is not valid JSON']);
  }
  assertEventEnvelope(value);
  return value;
}
