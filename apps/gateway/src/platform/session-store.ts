import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type KV, Kvm } from '@nats-io/kv';
import { type NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@qinglian/messaging';
import { createHash, randomBytes } from 'node:crypto';
import { type GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from './tokens';

/** A signed-in console session (backend-for-frontend: the browser only ever holds the opaque id). */
export interface Session {
  readonly v: 1;
  readonly userId: string;
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly idToken: string | undefined;
  /** Epoch seconds at which the access token expires. */
  readonly accessExpiresAt: number;
  /** Synchroniser token for cookie-authenticated writes. */
  readonly csrfToken: string;
  /** Epoch seconds; the session ends SESSION_MAX_SECONDS after this, however active. */
  readonly createdAt: number;
}

/** A sign-in in progress, between the redirect to the realm and the callback. */
export interface PendingLogin {
  readonly v: 1;
  readonly codeVerifier: string;
  readonly nonce: string;
  readonly returnTo: string;
  readonly createdAt: number;
}

const PENDING_LOGIN_SECONDS = 600;

export function newOpaqueId(): string {
  return randomBytes(32).toString('base64url');
}

/** Keys are hashes of the ids, so reading the bucket does not hand out usable cookies. */
function key(prefix: string, id: string): string {
  return `${prefix}.${createHash('sha256').update(id).digest('base64url')}`;
}

/**
 * Sessions and pending sign-ins in a NATS KV bucket (JetStream), shared by every gateway replica and
 * expired by the bucket's TTL. No database of its own for the gateway, no sticky sessions.
 */
@Injectable()
export class SessionStore implements OnModuleInit, OnApplicationShutdown {
  private nc: NatsConnection | undefined;
  private kv: KV | undefined;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.OIDC_ISSUER) return;
    this.nc = await connectNats({ servers: this.config.NATS_URL.split(','), name: 'gateway-sessions' });
    this.kv = await new Kvm(this.nc).create(this.config.SESSION_BUCKET, { ttl: this.config.SESSION_MAX_SECONDS * 1000, history: 1 });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.nc && !this.nc.isClosed()) await this.nc.drain();
  }

  async getSession(id: string): Promise<Session | undefined> {
    const s = await this.read<Session>(key('s', id));
    if (!s) return undefined;
    if (nowSeconds() - s.createdAt >= this.config.SESSION_MAX_SECONDS) {
      await this.deleteSession(id);
      return undefined;
    }
    return s;
  }

  async putSession(id: string, session: Session): Promise<void> {
    await this.bucket().put(key('s', id), JSON.stringify(session));
  }

  async deleteSession(id: string): Promise<void> {
    await this.bucket().purge(key('s', id));
  }

  async putPendingLogin(state: string, login: PendingLogin): Promise<void> {
    await this.bucket().put(key('l', state), JSON.stringify(login));
  }

  /** Reads and removes a pending sign-in: a state is good for one callback only. */
  async takePendingLogin(state: string): Promise<PendingLogin | undefined> {
    const k = key('l', state);
    const login = await this.read<PendingLogin>(k);
    if (!login) return undefined;
    await this.bucket().purge(k);
    return nowSeconds() - login.createdAt < PENDING_LOGIN_SECONDS ? login : undefined;
  }

  private async read<T>(k: string): Promise<T | undefined> {
    const entry = await this.bucket().get(k);
    if (!entry || entry.operation !== 'PUT') return undefined;
    return entry.json<T>();
  }

  private bucket(): KV {
    if (!this.kv) throw new Error('sessions are unavailable: OIDC_ISSUER is not configured');
    return this.kv;
  }
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
