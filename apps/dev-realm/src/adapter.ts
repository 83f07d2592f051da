import { type Adapter, type AdapterPayload } from 'oidc-provider';

interface Entry {
  readonly payload: AdapterPayload;
  /** Epoch milliseconds; Infinity when the model has no lifetime. */
  readonly expiresAt: number;
}

/** Models whose entries belong to a grant and go when the grant is revoked (logout, token reuse). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/**
 * oidc-provider's storage, in memory: sessions, grants, codes and refresh tokens end with the process,
 * as the dev realm's sessions may (JWT access tokens are not stored at all). Our own instead of
 * oidc-provider's quick-start adapter, which announces itself as unfit on every start, and because
 * refresh tokens behave as in Keycloak here (see `consume`).
 */
export class MemoryStore {
  private readonly entries = new Map<string, Entry>();
  private readonly grants = new Map<string, Set<string>>();
  private readonly sessionsByUid = new Map<string, string>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** The factory oidc-provider's `adapter` option takes. */
  readonly adapterFor = (model: string): Adapter => new ModelAdapter(this, model);

  close(): void {
    clearInterval(this.sweeper);
    this.entries.clear();
    this.grants.clear();
    this.sessionsByUid.clear();
  }

  get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(model: string, key: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    this.delete(key);
    this.entries.set(key, { payload, expiresAt: expiresIn === undefined ? Infinity : Date.now() + expiresIn * 1000 });
    if (GRANTABLE.has(model) && payload.grantId) {
      let members = this.grants.get(payload.grantId);
      if (!members) this.grants.set(payload.grantId, (members = new Set()));
      members.add(key);
    }
    if (model === 'Session' && payload.uid) this.sessionsByUid.set(payload.uid, key);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    if (!entry) return;
    const { grantId, uid } = entry.payload;
    if (grantId) this.grants.get(grantId)?.delete(key);
    if (uid && this.sessionsByUid.get(uid) === key) this.sessionsByUid.delete(uid);
  }

  sessionKeyByUid(uid: string): string | undefined {
    return this.sessionsByUid.get(uid);
  }

  revokeGrant(grantId: string): void {
    for (const key of this.grants.get(grantId) ?? []) this.delete(key);
    this.grants.delete(grantId);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.delete(key);
  }
}

class ModelAdapter implements Adapter {
  constructor(
    private readonly store: MemoryStore,
    private readonly model: string,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.store.set(this.model, this.key(id), payload, expiresIn);
    return Promise.resolve();
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.store.get(this.key(id)));
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const key = this.store.sessionKeyByUid(uid);
    return Promise.resolve(key === undefined ? undefined : this.store.get(key));
  }

  findByUserCode(): Promise<undefined> {
    return Promise.resolve(undefined); // no device flow
  }

  /**
   * Marks a code as used. A refresh token is not marked: Keycloak's default ("Revoke Refresh Token"
   * off) keeps the previous refresh token usable after a refresh, and a relying party that refreshes
   * twice at once must keep working against either realm.
   */
  consume(id: string): Promise<void> {
    const payload = this.model === 'RefreshToken' ? undefined : this.store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    this.store.delete(this.key(id));
    return Promise.resolve();
  }

  revokeByGrantId(grantId: string): Promise<void> {
    this.store.revokeGrant(grantId);
    return Promise.resolve();
  }
}
