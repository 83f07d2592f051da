import { loadConfig } from '@qinglian/runtime';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** approvals' own settings, beside the ServiceConfig every service has. */
export class ApprovalsConfig {
  /**
   * Key-encryption key of the tenants' SM2 private keys: 32 bytes, base64 (a Kubernetes secret in
   * production; `openssl rand -base64 32`). Without it the service does not start.
   */
  @IsString({ message: 'SIGNING_KEY_ENCRYPTION_KEY is required: 32 random bytes, base64 (openssl rand -base64 32)' })
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'SIGNING_KEY_ENCRYPTION_KEY must be 32 bytes in base64 (44 characters ending in "=")' })
  SIGNING_KEY_ENCRYPTION_KEY!: string;

  /** How often open steps are checked against their time limits (reminders, overdue alerts). */
  @Type(() => Number)
  @IsInt()
  @Min(200)
  @Max(3_600_000)
  DEADLINE_SWEEP_MS = 60_000;
}

export const APPROVALS_CONFIG = Symbol('APPROVALS_CONFIG');

export function loadApprovalsConfig(env: NodeJS.ProcessEnv = process.env): ApprovalsConfig {
  return loadConfig(ApprovalsConfig, env, ['SIGNING_KEY_ENCRYPTION_KEY']);
}
