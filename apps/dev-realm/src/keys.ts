import { createHash, createPrivateKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The realm's RS256 signing key as a private JWK (with `kid`, `alg`, `use`). */
export interface SigningJwk extends JsonWebKey {
  kty: 'RSA';
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

export interface SigningKey {
  readonly jwk: SigningJwk;
  readonly privateKey: KeyObject;
  /** Where it came from: a new key (`generated`), a new file (`created`) or an existing file (`loaded`). */
  readonly origin: 'generated' | 'created' | 'loaded';
}

/**
 * The signing key: from `file` when it exists (so tokens stay valid across restarts, and two realms can
 * share one key), else a new RSA-2048 key, written to `file` when one is given.
 */
export function signingKey(file: string | undefined): SigningKey {
  if (file === undefined) return { ...fromJwk(generate()), origin: 'generated' };
  const existing = readKeyFile(file);
  if (existing) return { ...fromJwk(existing, file), origin: 'loaded' };
  const jwk = generate();
  mkdirSync(dirname(file), { recursive: true });
  try {
    // `wx`: when another realm process created the file first, use its key instead of overwriting it.
    writeFileSync(file, `${JSON.stringify(jwk, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`DEV_REALM_KEY_FILE: cannot write ${file}: ${(e as Error).message}`);
    const raced = readKeyFile(file);
    if (raced) return { ...fromJwk(raced, file), origin: 'loaded' };
  }
  return { ...fromJwk(jwk, file), origin: 'created' };
}

function readKeyFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`DEV_REALM_KEY_FILE: cannot read ${file}: ${(e as Error).message}`);
  }
  // An empty file is what a concurrent writer leaves for a moment; treat it like a missing one.
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`DEV_REALM_KEY_FILE: ${file} is not JSON (expected an RSA private JWK)`);
  }
}

function generate(): SigningJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kty: 'RSA', kid: thumbprint(jwk), alg: 'RS256', use: 'sig' };
}

/** Accepts a private RSA JWK or a JWKS holding one; fills in `kid`, `alg` and `use`. */
function fromJwk(value: unknown, file?: string): { jwk: SigningJwk; privateKey: KeyObject } {
  const where = file ? `DEV_REALM_KEY_FILE: ${file}` : 'signing key';
  const candidate = (value as { keys?: unknown } | null)?.keys;
  const raw = (Array.isArray(candidate) ? candidate[0] : value) as JsonWebKey | undefined;
  if (!raw || typeof raw !== 'object' || raw.kty !== 'RSA' || typeof raw.d !== 'string') {
    throw new Error(`${where} must hold an RSA private key as a JWK (kty "RSA" with "d")`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: raw, format: 'jwk' });
  } catch (e) {
    throw new Error(`${where} is not a usable RSA private key: ${(e as Error).message}`);
  }
  const kid = (raw as { kid?: unknown }).kid;
  const jwk: SigningJwk = { ...raw, kty: 'RSA', kid: typeof kid === 'string' && kid !== '' ? kid : thumbprint(raw), alg: 'RS256', use: 'sig' };
  return { jwk, privateKey };
}

/** RFC 7638 JWK thumbprint (what Keycloak-like key ids look like: stable for a key). */
function thumbprint(jwk: JsonWebKey): string {
  return createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n }))
    .digest('base64url');
}
