import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { KeyEncryption } from './key-encryption';
import { generateSm2KeyPair } from './sm-crypto';

const kekBytes = randomBytes(32);
const kek = kekBytes.toString('base64');
const aad = 'qinglian/approvals/signing-key/tenant-1/sm2-20261205-0a1b2c3d';
const { privateKeyPem } = generateSm2KeyPair();

function withPart(sealed: string, index: number, change: (b: Buffer) => Buffer): string {
  const parts = sealed.split('.');
  parts[index] = change(Buffer.from(parts[index]!, 'base64url')).toString('base64url');
  return parts.join('.');
}
const flipFirst = (b: Buffer): Buffer => {
  const c = Buffer.from(b);
  c[0]! ^= 0x01;
  return c;
};

describe('KeyEncryption', () => {
  const k = KeyEncryption.fromBase64(kek);
  const sealed = k.encrypt(privateKeyPem, aad);

  it('round-trips a private key PEM, in the format v1.<iv 12 B>.<tag 16 B>.<ciphertext>', () => {
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('PRIVATE');
    expect(Buffer.from(sealed.split('.')[3]!, 'base64url')).toHaveLength(Buffer.byteLength(privateKeyPem));
    expect(k.decrypt(sealed, aad)).toBe(privateKeyPem);
    expect(k.decrypt(k.encrypt('', aad), aad)).toBe('');
    expect(k.decrypt(k.encrypt('密钥 ✓', aad), aad)).toBe('密钥 ✓');
  });

  it('uses a fresh random IV each time', () => {
    const a = k.encrypt(privateKeyPem, aad);
    const b = k.encrypt(privateKeyPem, aad);
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(k.decrypt(a, aad)).toBe(k.decrypt(b, aad));
  });

  it('decrypts with another instance of the same KEK (e.g. after a restart)', () => {
    expect(KeyEncryption.fromBase64(kek).decrypt(sealed, aad)).toBe(privateKeyPem);
    expect(KeyEncryption.fromBase64(`  ${kek}\n`).decrypt(sealed, aad)).toBe(privateKeyPem);
  });

  it('refuses a wrong KEK, naming the setting and this KEK’s id', () => {
    const other = KeyEncryption.fromBase64(randomBytes(32).toString('base64'));
    expect(() => other.decrypt(sealed, aad)).toThrow(/does not decrypt: wrong SIGNING_KEY_ENCRYPTION_KEY/);
    expect(() => other.decrypt(sealed, aad)).toThrow(new RegExp(`kek ${other.kekId}`));
  });

  it('refuses a wrong AAD: a row copied to another tenant or key id', () => {
    expect(() => k.decrypt(sealed, aad.replace('tenant-1', 'tenant-2'))).toThrow(/does not decrypt.*another tenant\/key id/);
    expect(() => k.decrypt(sealed, aad.replace('0a1b2c3d', '0a1b2c3e'))).toThrow(/does not decrypt/);
    expect(() => k.decrypt(sealed, '')).toThrow(/does not decrypt/);
  });

  it('refuses tampered ciphertext, tag or IV', () => {
    expect(() => k.decrypt(withPart(sealed, 3, flipFirst), aad)).toThrow(/does not decrypt/);
    expect(() => k.decrypt(withPart(sealed, 2, flipFirst), aad)).toThrow(/does not decrypt/);
    expect(() => k.decrypt(withPart(sealed, 1, flipFirst), aad)).toThrow(/does not decrypt/);
    expect(() => k.decrypt(withPart(sealed, 3, (b) => b.subarray(0, b.length - 1)), aad)).toThrow(/does not decrypt/);
    expect(() => k.decrypt(withPart(sealed, 3, () => Buffer.from('tampered')), aad)).toThrow(/does not decrypt/);
  });

  it('refuses a truncated tag or IV rather than checking fewer bytes', () => {
    expect(() => k.decrypt(withPart(sealed, 2, (b) => b.subarray(0, 4)), aad)).toThrow(/tag 16 bytes/);
    expect(() => k.decrypt(withPart(sealed, 2, (b) => b.subarray(0, 12)), aad)).toThrow(/tag 16 bytes/);
    expect(() => k.decrypt(withPart(sealed, 1, (b) => b.subarray(0, 8)), aad)).toThrow(/IV must be 12 bytes/);
  });

  it('refuses what is not in its format', () => {
    for (const bad of ['', 'v1', 'v1.a.b', `v2.${sealed.slice(3)}`, `${sealed}.extra`, sealed.replace(/\.([^.]+)$/, '.not+base64url/'), privateKeyPem]) {
      expect(() => k.decrypt(bad, aad)).toThrow(/not in the format v1\.<iv>\.<tag>\.<ciphertext>/);
    }
  });

  it('tells which KEK it is: the first 8 hex digits of SHA-256 of the KEK', () => {
    expect(k.kekId).toBe(createHash('sha256').update(kekBytes).digest('hex').slice(0, 8));
    expect(k.kekId).toMatch(/^[0-9a-f]{8}$/);
    expect(KeyEncryption.fromBase64(kek).kekId).toBe(k.kekId);
    expect(KeyEncryption.fromBase64(randomBytes(32).toString('base64')).kekId).not.toBe(k.kekId);
  });

  it('does not show the KEK when logged', () => {
    const shown = inspect(k, { showHidden: true, depth: 5 });
    expect(shown).not.toContain(kekBytes.toString('hex').slice(0, 16));
    expect(shown).not.toMatch(/<Buffer/);
    expect(JSON.stringify(k)).toBe('{}');
  });
});

describe('KeyEncryption.fromBase64', () => {
  it.each([
    ['16 bytes', randomBytes(16).toString('base64'), /decodes to 16 bytes/],
    ['31 bytes', randomBytes(31).toString('base64'), /decodes to 31 bytes/],
    ['33 bytes', randomBytes(33).toString('base64'), /decodes to 33 bytes/],
    ['64 hex digits (32 bytes, but hex)', randomBytes(32).toString('hex'), /decodes to 48 bytes/],
    ['empty', '', /it is empty/],
    ['blank', '  \n', /it is empty/],
    ['not base64', `${'*'.repeat(43)}=`, /not base64/],
  ])('refuses a KEK of %s, naming SIGNING_KEY_ENCRYPTION_KEY and the rule', (_what, value, why) => {
    expect(() => KeyEncryption.fromBase64(value)).toThrow(/SIGNING_KEY_ENCRYPTION_KEY must be exactly 32 bytes encoded in base64/);
    expect(() => KeyEncryption.fromBase64(value)).toThrow(why);
  });

  it('never echoes the value it refuses', () => {
    const wrong = randomBytes(24).toString('base64');
    let message = '';
    try {
      KeyEncryption.fromBase64(wrong);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/decodes to 24 bytes/);
    expect(message).not.toContain(wrong);
  });

  it('accepts 32 bytes in base64 or base64url', () => {
    const bytes = Buffer.from('fb'.repeat(32), 'hex'); // encodes with + and / in base64
    const a = KeyEncryption.fromBase64(bytes.toString('base64'));
    const b = KeyEncryption.fromBase64(bytes.toString('base64url'));
    expect(a.kekId).toBe(b.kekId);
    expect(b.decrypt(a.encrypt('x', 'y'), 'y')).toBe('x');
  });
});
