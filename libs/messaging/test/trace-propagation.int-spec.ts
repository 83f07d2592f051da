import { context, propagation, type SpanContext, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { TenantTransactions } from '@qinglian/persistence';
import { DurableConsumer, Outbox, OutboxRelay } from '../src';
import { createFixture, type Fixture, makeEvent, memoryLogger, readStream, TENANT_A, until } from './support';

describe('trace context from the request, through the outbox and JetStream, into the handler', () => {
  let fx: Fixture;
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

  beforeAll(async () => {
    provider.register(); // W3C propagator and async-local context, as the telemetry bootstrap does
    fx = await createFixture();
  });
  afterAll(async () => {
    await fx.dispose();
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('publishes the traceparent captured at enqueue and runs the handler in a child span of it', async () => {
    const tracer = trace.getTracer('test');
    const event = makeEvent(TENANT_A);
    const outbox = new Outbox({ schema: fx.schema, subjectPrefix: fx.prefix });
    const request = await tracer.startActiveSpan('HTTP POST /widgets', async (span) => {
      await new TenantTransactions(fx.dataSource).run(TENANT_A, (em) => outbox.enqueue(em, event));
      span.end();
      return span.spanContext();
    });

    // Published later, outside the request's context: the stored headers carry it.
    await new OutboxRelay({ dataSource: fx.dataSource, schema: fx.schema, nc: fx.nc, log: memoryLogger() }).flush();
    const [stored] = await readStream(fx.nc, fx.stream);
    expect(stored!.headers['traceparent']).toBe(`00-${request.traceId}-${request.spanId}-01`);

    let inHandler: SpanContext | undefined;
    const consumer = new DurableConsumer({
      nc: fx.nc,
      dataSource: fx.dataSource,
      schema: fx.schema,
      stream: fx.stream,
      durable: 'trace_test',
      filterSubject: `${fx.prefix}.>`,
      log: memoryLogger(),
      handler: async () => {
        inHandler = trace.getSpanContext(context.active());
        await Promise.resolve();
      },
    });
    await consumer.start();
    try {
      await until('event handled', () => consumer.stats().applied === 1);
    } finally {
      await consumer.stop();
    }
    expect(inHandler?.traceId).toBe(request.traceId);
    const processSpan = exporter.getFinishedSpans().find((s) => s.name.endsWith(' process'));
    expect(processSpan).toBeDefined();
    expect(processSpan!.spanContext().spanId).toBe(inHandler?.spanId);
    expect(processSpan!.parentSpanContext?.spanId).toBe(request.spanId);
    expect(processSpan!.attributes['messaging.message.id']).toBe(event.id);
  });
});
