import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';

export interface TokenVerifierOptions {
  /** The realm's issuer, exactly as tokens carry it; pinned, never taken from the token. */
  readonly issuer: string;
  /** The audience the platform's tokens are issued for (Keycloak: an audience mapper). */
  readonly audience: string;
  /** Accepted signature algorithms; `none` and HMAC are never accepted. */
  readonly algorithms: readonly string[];
  /** The realm's key set; Keycloak's certs endpoint below the issuer by default. */
  readonly jwksUrl?: string;
  readonly clockToleranceSeconds?: number;
}

export class TokenRejected extends Error {}

/**
 * Verifies access tokens against the realm's published keys with issuer, audience and algorithms pinned
 * in configuration. Keys are fetched once and re-fetched when a token names an unknown `kid` (rotation).
 */
export class TokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.algorithms.some((a) => a === 'none' || a.startsWith('HS'))) {
      throw new Error('TokenVerifier: only asymmetric algorithms may be accepted');
    }
    this.jwks = createRemoteJWKSet(new URL(options.jwksUrl ?? `${options.issuer}/protocol/openid-connect/certs`), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
    });
  }

  async verify(token: string): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: [...this.options.algorithms],
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (e) {
      throw new TokenRejected(reasonOf(e));
    }
    // Keycloak marks access tokens `typ: Bearer`; ID and refresh tokens must not pass as access tokens.
    if (payload.typ !== undefined && payload.typ !== 'Bearer') throw new TokenRejected(`token type ${JSON.stringify(payload.typ)} is not an access token`);
    return payload;
  }
}

function reasonOf(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'the token has expired';
  if (e instanceof errors.JWTClaimValidationFailed) return `the token's ${e.claim} claim is not accepted (${e.reason})`;
  if (e instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (e instanceof errors.JWKSNoMatchingKey) return 'the token is signed with a key the realm does not publish';
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return 'the token is malformed';
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JOSEError) return `the token cannot be verified: ${e.message}`;
  return 'the token cannot be verified';
}
