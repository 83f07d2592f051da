import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

/** SM3 (GB/T 32905) digest, hex. */
export function sm3Hex(data: string | Uint8Array): string {
  return createHash('sm3').update(data).digest('hex');
}

/** A fresh SM2 (GB/T 32918) key pair: SPKI and PKCS#8 PEM. */
export function generateSm2KeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  return { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** SM2 signature with the SM3 digest, DER, base64. */
export function sm2Sign(privateKeyPem: string, data: string | Uint8Array): string {
  return sign('sm3', typeof data === 'string' ? Buffer.from(data, 'utf8') : data, privateKeyPem).toString('base64');
}

/** False (never an exception) for a wrong, altered or malformed signature or key. */
export function sm2Verify(publicKeyPem: string, data: string | Uint8Array, signatureB64: string): boolean {
  try {
    return verify('sm3', typeof data === 'string' ? Buffer.from(data, 'utf8') : data, publicKeyPem, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

/** SM3 of the public key's DER SPKI, first 16 bytes as `ab12:cd34:…` — a key id people can compare on paper. */
export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return (sm3Hex(der).slice(0, 32).match(/.{4}/g) ?? []).join(':');
}
