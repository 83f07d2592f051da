import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';

/**
 * SM3 (GB/T 32905) and SM2 signatures (GB/T 32918) with node:crypto only (Node 20, OpenSSL 3.0).
 *
 * What OpenSSL 3.0 does here (pinned by sm-crypto.spec.ts against an independent BigInt
 * implementation of GB/T 32918.2 and the GB/T 32918.5 / GM/T 0003.5 example on the recommended curve):
 *
 * 1. A key *loaded from PEM* is an SM2 key (OpenSSL EVP_PKEY_SM2; Node reports
 *    `asymmetricKeyType === undefined`), and `crypto.sign('sm3', data, pem)` makes a real SM2
 *    signature: e = SM3(Z_A ‖ M), r = (e + x1) mod n, s = (1 + d)⁻¹(k − r·d) mod n, DER SEQUENCE{r, s}.
 * 2. Z_A IS applied, but with an EMPTY distinguishing ID: Z_A = SM3(ENTL_A = 0x0000 ‖ a ‖ b ‖ x_G ‖ y_G
 *    ‖ x_A ‖ y_A). It is NOT the GM/T 0009-2012 / GB/T 35276 default ID "1234567812345678" that most
 *    SM2 tools (GmSSL, BouncyCastle's SM2Signer, the sm-crypto npm package) assume. Node 20 has no
 *    option to set the ID (no `sm2-id`/distid parameter reaches EVP_PKEY_CTX_set1_id), so:
 *    - our signatures verify elsewhere only when the verifier is told the ID is empty (ENTL = 0);
 *    - a signature made elsewhere with the default ID does not verify here.
 *    If OpenSSL ever changed this default, every sealed record would stop verifying: the spec pins it.
 * 3. A KeyObject taken straight from `generateKeyPairSync('ec', { namedCurve: 'SM2' })` is an
 *    *EC* key on the SM2 curve, and signing with it makes ECDSA-with-SM3, not SM2 (no Z_A, another
 *    equation); such signatures do not verify against the PEM-loaded key and vice versa. Hence this
 *    module only ever signs and verifies with keys parsed from PEM, and refuses non-SM2 keys
 *    (a P-256 PEM would otherwise silently give ECDSA).
 */

/** SPKI prefix of an SM2 public key: id-ecPublicKey (1.2.840.10045.2.1), curve SM2 (1.2.156.10197.1.301), uncompressed point. */
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d03420004', 'hex');
const SM2_SPKI_LENGTH = SM2_SPKI_PREFIX.length + 64;

function bytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

function isSm2Spki(der: Buffer): boolean {
  return der.length === SM2_SPKI_LENGTH && der.subarray(0, SM2_SPKI_PREFIX.length).equals(SM2_SPKI_PREFIX);
}

/** The public key as DER SPKI (from a public or private key PEM). */
function spkiDer(pem: string): Buffer {
  return createPublicKey(pem).export({ type: 'spki', format: 'der' });
}

/** SM3 (GB/T 32905) digest, hex (64 lower-case digits). Strings are hashed as UTF-8. */
export function sm3Hex(data: string | Uint8Array): string {
  return createHash('sm3').update(bytes(data)).digest('hex');
}

/** A fresh SM2 (GB/T 32918) key pair: SPKI and PKCS#8 PEM (unencrypted: see KeyEncryption). */
export function generateSm2KeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  // Only the PEM leaves this function: the in-memory EC KeyObjects would sign ECDSA (see above).
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/**
 * SM2 signature with SM3 (Z_A over an empty ID, see above) — DER SEQUENCE{r, s}, base64.
 * Randomised: two signatures of the same data differ, both verify. Throws on a key that is not SM2.
 */
export function sm2Sign(privateKeyPem: string, data: string | Uint8Array): string {
  const key: KeyObject = createPrivateKey(privateKeyPem);
  if (!isSm2Spki(createPublicKey(key).export({ type: 'spki', format: 'der' }))) throw new TypeError('sm2Sign: the private key is not an SM2 key (curve 1.2.156.10197.1.301)');
  return sign('sm3', bytes(data), key).toString('base64');
}

/** True only for a valid SM2/SM3 signature by this key over these bytes; false (never an exception) for a wrong, altered or malformed signature or key. */
export function sm2Verify(publicKeyPem: string, data: string | Uint8Array, signatureB64: string): boolean {
  try {
    if (typeof signatureB64 !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(signatureB64)) return false;
    const key = createPublicKey(publicKeyPem);
    if (!isSm2Spki(key.export({ type: 'spki', format: 'der' }))) return false;
    return verify('sm3', bytes(data), key, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

/**
 * A key id people can compare on paper: SM3 of the public key's DER SPKI, the first 16 bytes as
 * `ab12:cd34:…` (8 groups of 4 hex digits). A private key PEM gives its public key's fingerprint.
 */
export function keyFingerprint(publicKeyPem: string): string {
  return (sm3Hex(spkiDer(publicKeyPem)).slice(0, 32).match(/.{4}/g) ?? []).join(':');
}
