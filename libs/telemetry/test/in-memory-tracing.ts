import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';

/**
 * An in-process tracer provider for unit tests: registered globally (with the AsyncLocalStorage
 * context manager and W3C propagators), spans kept in memory. One per test file (Jest gives each
 * file its own globals).
 */
export function useInMemoryTracing(): { exporter: InMemorySpanExporter; provider: NodeTracerProvider } {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  return { exporter, provider };
}
