/**
 * The logging surface the messaging classes need. The signatures are pino's (`fields` first, message
 * second), so a pino logger — or the telemetry library's — can be passed as is.
 */
export interface MessagingLogger {
  debug(fields: Record<string, unknown>, msg: string): void;
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

/**
 * Used when no logger is given: warnings and errors go to stderr as JSON lines (a relay that cannot
 * reach NATS must not fail silently); debug and info are dropped.
 */
export const stderrLogger: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (fields, msg) => {
    writeLine('warn', fields, msg);
  },
  error: (fields, msg) => {
    writeLine('error', fields, msg);
  },
};

function writeLine(level: string, fields: Record<string, unknown>, msg: string): void {
  const line: Record<string, unknown> = { level, time: new Date().toISOString(), msg };
  for (const [k, v] of Object.entries(fields)) line[k] = v instanceof Error ? errorText(v) : v;
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

/** A one-line description of anything thrown, for logs and error messages. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
