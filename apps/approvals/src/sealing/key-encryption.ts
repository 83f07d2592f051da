import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Private keys at rest: AES-256-GCM under a key-encryption key (KEK) from the environment
 * (SIGNING_KEY_ENCRYPTION_KEY, a Kubernetes secret in production: 32 random bytes in base64, e.g.
 * `openssl rand -base64 32`).
 *
 * The additional authenticated data binds a ciphertext to its tenant and key id, so a row copied to
 * another tenant or key does not decrypt. Format: `v1.<iv>.<tag>.<ciphertext>`, each base64url
 * (12-byte random IV, full 16-byte tag). GCM cannot tell a wrong KEK from altered data or a wrong
 * AAD: all three fail the same way, and the error gives this KEK's id to compare with the row's.
 */
export class KeyEncryption {
  /** ES private: not shown by util.inspect / console.log, so the KEK cannot leak into a log line. */
  readonly #kek: Buffer;

  private constructor(kek: Buffer) {
    this.#kek = kek;
  }

  /** Throws (naming SIGNING_KEY_ENCRYPTION_KEY, never echoing its value) unless it is base64 of exactly 32 bytes. */
  static fromBase64(kek: string): KeyEncryption {
    const rule = 'SIGNING_KEY_ENCRYPTION_KEY must be exactly 32 bytes encoded in base64 (44 characters, e.g. `openssl rand -base64 32`)';
    const text = typeof kek === 'string' ? kek.trim() : '';
    if (text === '') throw new Error(`${rule}; it is empty`);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) throw new Error(`${rule}; it holds characters that are not base64`);
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32) throw new Error(`${rule}; it decodes to ${key.length} bytes`);
    return new KeyEncryption(key);
  }

  /** Which KEK encrypted a row, without revealing it: the first 8 hex digits of SHA-256(KEK). */
  get kekId(): string {
    return createHash('sha256').update(this.#kek).digest('hex').slice(0, 8);
  }

  encrypt(plaintext: string, aad: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#kek, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(sealed: string, aad: string): string {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    const [v, ivText, tagText, ctText] = parts;
    if (parts.length !== 4 || v !== 'v1' || ivText === undefined || tagText === undefined || ctText === undefined || ![ivText, tagText, ctText].every((p) => B64URL.test(p))) {
      throw new Error('encrypted signing key: not in the format v1.<iv>.<tag>.<ciphertext> (base64url)');
    }
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new Error(`encrypted signing key: the IV must be ${IV_BYTES} bytes and the tag ${TAG_BYTES} bytes (got ${iv.length} and ${tag.length}): altered data`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#kek, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(ctText, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(
        `encrypted signing key does not decrypt: wrong SIGNING_KEY_ENCRYPTION_KEY (this one is kek ${this.kekId}; compare the row's kek_id), ` +
          'altered data, or a row of another tenant/key id (the AAD does not match)',
      );
    }
  }
}
