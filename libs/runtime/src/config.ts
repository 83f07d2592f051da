import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, type ValidationError, validateSync } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads one app's configuration from the environment into a validated class instance. Every
 * variable is declared on the class with its rule and (where sensible) a default; a missing or bad
 * value throws a ConfigError naming the variable, the rule and the value (secrets masked).
 */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env, secrets: readonly string[] = []): T {
  const defaults = new cls() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of declaredVariables(cls)) {
    const value = env[key];
    raw[key] = value === undefined || value === '' ? defaults[key] : value;
  }
  const config = plainToInstance(cls, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(describe(errors, raw, secrets));
  return config;
}

/** The variables a config class declares: every property that carries a class-validator rule. */
export function declaredVariables(cls: new () => object): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))];
}

function describe(errors: ValidationError[], raw: Record<string, unknown>, secrets: readonly string[]): string[] {
  return errors.map((e) => {
    const value = raw[e.property];
    const shown = value === undefined ? 'missing' : secrets.includes(e.property) ? 'got ***' : `got ${JSON.stringify(value)}`;
    const rules = Object.values(e.constraints ?? {}).join('; ');
    return `${e.property}: ${rules} (${shown})`;
  });
}
