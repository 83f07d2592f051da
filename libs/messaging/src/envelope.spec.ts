import { assertEventEnvelope, envelopeProblems, InvalidEnvelopeError, parseEventEnvelope } from './envelope';

const valid = {
  id: '0b5c7a3e-8d2f-4c1b-9a6e-2f4d8c1b7e90',
  type: 'power-list.power-item.created',
  version: 1,
  tenantId: '5f0e4b8a-1c2d-4e3f-8a9b-0c1d2e3f4a5b',
  occurredAt: '2026-11-20T08:30:00.000Z',
  actor: { userId: 'u-1', requestId: 'r-1' },
  data: { code: 'P-001' },
};

function problemsOf(patch: Record<string, unknown>): string[] {
  return envelopeProblems({ ...valid, ...patch });
}

describe('event envelope validation', () => {
  it('accepts a complete envelope, with or without actor', () => {
    expect(envelopeProblems(valid)).toEqual([]);
    const { actor: _actor, ...system } = valid;
    expect(envelopeProblems(system)).toEqual([]);
    expect(envelopeProblems({ ...valid, data: null })).toEqual([]);
    expect(envelopeProblems({ ...valid, occurredAt: '2026-11-20T16:30:00+08:00' })).toEqual([]);
  });

  it.each([
    ['id', { id: 'not-a-uuid' }, 'id must be a UUID'],
    ['tenantId', { tenantId: 42 }, 'tenantId must be a UUID'],
    ['type with wildcard', { type: 'power-list.*' }, 'type must be'],
    ['type with empty token', { type: 'a..b' }, 'type must be'],
    ['type with space', { type: 'a b' }, 'type must be'],
    ['version zero', { version: 0 }, 'version must be a positive integer'],
    ['version fraction', { version: 1.5 }, 'version must be a positive integer'],
    ['version string', { version: '1' }, 'version must be a positive integer'],
    ['occurredAt not ISO', { occurredAt: '20 Nov 2026' }, 'occurredAt must be'],
    ['occurredAt without zone', { occurredAt: '2026-11-20T08:30:00' }, 'occurredAt must be'],
    ['occurredAt impossible', { occurredAt: '2026-13-45T08:30:00Z' }, 'occurredAt must be'],
    ['actor not object', { actor: 'alice' }, 'actor must be an object'],
    ['actor without userId', { actor: {} }, 'actor.userId'],
    ['actor requestId number', { actor: { userId: 'u', requestId: 7 } }, 'actor.requestId'],
    ['data missing', { data: undefined }, 'data is required'],
  ])('rejects %s', (_name, patch, expected) => {
    const problems = problemsOf(patch);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('lists every problem at once', () => {
    expect(envelopeProblems({ data: 1 })).toHaveLength(5);
  });

  it('rejects non-objects', () => {
    for (const v of [null, 1, 'x', [valid]]) expect(envelopeProblems(v)).toEqual(['envelope must be a JSON object']);
  });

  it('assertEventEnvelope throws with the problems attached', () => {
    expect(() => {
      assertEventEnvelope({ ...valid, id: 'x' });
    }).toThrow(InvalidEnvelopeError);
    try {
      assertEventEnvelope({ ...valid, id: 'x', version: -1 });
    } catch (err) {
      expect((err as InvalidEnvelopeError).problems).toEqual(['id must be a UUID', 'version must be a positive integer']);
    }
  });
});

describe('parseEventEnvelope', () => {
  it('decodes UTF-8 JSON bytes into the envelope', () => {
    const body = new TextEncoder().encode(JSON.stringify({ ...valid, data: { name: '清廉' } }));
    const event = parseEventEnvelope(body);
    expect(event.id).toBe(valid.id);
    expect(event.data).toEqual({ name: '清廉' });
  });

  it('accepts a string body', () => {
    expect(parseEventEnvelope(JSON.stringify(valid)).type).toBe(valid.type);
  });

  it('rejects invalid JSON, invalid UTF-8 and invalid envelopes', () => {
    expect(() => parseEventEnvelope('{not json')).toThrow(/not valid JSON/);
    expect(() => parseEventEnvelope(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toThrow(/not valid UTF-8/);
    expect(() => parseEventEnvelope(JSON.stringify({ ...valid, tenantId: '' }))).toThrow(/tenantId must be a UUID/);
  });
});
