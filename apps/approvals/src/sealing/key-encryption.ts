import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Private keys at rest: AES-256-GCM under a key-encryption key (KEK) from the environment
 * (SIGNING_KEY_ENCRYPTION_KEY, a Kubernetes secret in production). The additional data binds a
 * ciphertext to its tenant and key id, so a row copied elsewhere does not decrypt.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export class KeyEncryption {
  private constructor(private readonly kek: Buffer) {}

  static fromBase64(kek: string): KeyEncryption {
    const key = Buffer.from(kek, 'base64');
    if (key.length !== 32) throw new Error(`SIGNING_KEY_ENCRYPTION_KEY must be 32 bytes in base64, got ${key.length} bytes`);
    return new KeyEncryption(key);
  }

  /** Which KEK encrypted a row, without revealing it. */
  get kekId(): string {
    return createHash('sha256').update(this.kek).digest('hex').slice(0, 8);
  }

  encrypt(plaintext: string, aad: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.kek, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(sealed: string, aad: string): string {
    const [v, iv, tag, ct] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('encrypted key: unknown format');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.kek, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('encrypted key does not decrypt: wrong SIGNING_KEY_ENCRYPTION_KEY, altered data, or another tenant/key id');
    }
  }
}
