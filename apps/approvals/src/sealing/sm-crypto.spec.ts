import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { generateSm2KeyPair, keyFingerprint, sm2Sign, sm2Verify, sm3Hex } from './sm-crypto';

/**
 * An independent, test-only GB/T 32918.2 SM2 verifier in BigInt (public data only, no secrets), used
 * to find out what node:crypto actually signs: which equation, and which distinguishing ID goes into
 * Z_A. It is itself checked against the GB/T 32918.5 / GM/T 0003.5 example on the recommended curve.
 */
const hex = (s: string): bigint => BigInt(`0x${s}`);
const P = hex('FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
const A = hex('FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC');
const B = hex('28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93');
const N = hex('FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
type Point = readonly [bigint, bigint] | null;
const G: Point = [hex('32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7'), hex('BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0')];
const mod = (x: bigint, m: bigint): bigint => ((x % m) + m) % m;
function inv(x: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(x, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}
function add(p: Point, q: Point): Point {
  if (!p) return q;
  if (!q) return p;
  if (p[0] === q[0] && mod(p[1] + q[1], P) === 0n) return null;
  const l = p[0] === q[0] ? mod((3n * p[0] * p[0] + A) * inv(2n * p[1], P), P) : mod((q[1] - p[1]) * inv(q[0] - p[0], P), P);
  const x = mod(l * l - p[0] - q[0], P);
  return [x, mod(l * (p[0] - x) - p[1], P)];
}
function mul(k: bigint, p: Point): Point {
  let r: Point = null;
  for (let q = p; k > 0n; k >>= 1n, q = add(q, q)) if (k & 1n) r = add(r, q);
  return r;
}
const be32 = (x: bigint): Buffer => Buffer.from(x.toString(16).padStart(64, '0'), 'hex');
const sm3 = (...parts: Buffer[]): Buffer => createHash('sm3').update(Buffer.concat(parts)).digest();
/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) */
function za(id: string, q: Point): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(idBytes.length * 8);
  return sm3(entl, idBytes, be32(A), be32(B), be32(G![0]), be32(G![1]), be32(q![0]), be32(q![1]));
}
const SM2_SPKI_PREFIX = '3059301306072a8648ce3d020106082a811ccf5501822d03420004';
function pointOf(publicKeyPem: string): Point {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return [hex(der.subarray(-64, -32).toString('hex')), hex(der.subarray(-32).toString('hex'))];
}
function pemOf(q: Point): string {
  const der = Buffer.concat([Buffer.from(SM2_SPKI_PREFIX, 'hex'), be32(q![0]), be32(q![1])]);
  return createPublicKey({ key: der, format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString();
}
/** DER SEQUENCE { INTEGER r, INTEGER s } (short lengths: 256-bit values) */
function rsOf(sigB64: string): [bigint, bigint] {
  const d = Buffer.from(sigB64, 'base64');
  expect(d[0]).toBe(0x30);
  const rLen = d[3]!;
  const r = hex(d.subarray(4, 4 + rLen).toString('hex'));
  const sLen = d[5 + rLen]!;
  return [r, hex(d.subarray(6 + rLen, 6 + rLen + sLen).toString('hex'))];
}
function derOf(r: bigint, s: bigint): string {
  const int = (x: bigint): Buffer => {
    let b = be32(x);
    while (b.length > 1 && b[0] === 0 && b[1]! < 0x80) b = b.subarray(1);
    if (b[0]! >= 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return Buffer.concat([Buffer.from([0x02, b.length]), b]);
  };
  const body = Buffer.concat([int(r), int(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]).toString('base64');
}
/** GB/T 32918.2 §7: t = (r + s) mod n, (x1, y1) = [s]G + [t]P_A, valid iff (e + x1) mod n = r */
function sm2VerifyE(e: Buffer, q: Point, [r, s]: [bigint, bigint]): boolean {
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const x1 = add(mul(s, G), mul(t, q));
  return x1 !== null && mod(hex(e.toString('hex')) + x1[0], N) === r;
}
/** ECDSA (X9.62) on the same curve, for contrast. */
function ecdsaVerifyE(e: Buffer, q: Point, [r, s]: [bigint, bigint]): boolean {
  const w = inv(s, N);
  const x1 = add(mul(mod(hex(e.toString('hex')) * w, N), G), mul(mod(r * w, N), q));
  return x1 !== null && mod(x1[0], N) === r;
}

const DEFAULT_ID = '1234567812345678'; // GM/T 0009-2012 / GB/T 35276

describe('sm3Hex (GB/T 32905)', () => {
  it('gives the standard example values', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('hashes strings as UTF-8 and bytes as given', () => {
    expect(sm3Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(sm3Hex('abc'));
    expect(sm3Hex('决策')).toBe(sm3Hex(Buffer.from('决策', 'utf8')));
    expect(sm3Hex('')).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });
});

describe('generateSm2KeyPair', () => {
  it('gives SPKI and PKCS#8 PEM of a key on the SM2 curve', () => {
    const k = generateSm2KeyPair();
    expect(k.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    // PKCS#8 PEM: parsed and written again as PKCS#8 PEM, it is the same text.
    expect(createPrivateKey(k.privateKeyPem).export({ type: 'pkcs8', format: 'pem' })).toBe(k.privateKeyPem);
    const der = createPublicKey(k.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(der.subarray(0, 27).toString('hex')).toBe(SM2_SPKI_PREFIX);
    expect(createPublicKey(k.privateKeyPem).export({ type: 'spki', format: 'pem' })).toBe(k.publicKeyPem);
    expect(generateSm2KeyPair().publicKeyPem).not.toBe(k.publicKeyPem);
  });
});

describe('sm2Sign / sm2Verify', () => {
  const a = generateSm2KeyPair();
  const b = generateSm2KeyPair();
  const msg = '决策记录 {"a":1}';
  const sig = sm2Sign(a.privateKeyPem, msg);

  it('round-trips; the signature is base64 DER and randomised', () => {
    expect(sig).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(sig, 'base64')[0]).toBe(0x30);
    expect(sm2Verify(a.publicKeyPem, msg, sig)).toBe(true);
    expect(sm2Verify(a.publicKeyPem, Buffer.from(msg, 'utf8'), sig)).toBe(true);
    const again = sm2Sign(a.privateKeyPem, msg);
    expect(again).not.toBe(sig);
    expect(sm2Verify(a.publicKeyPem, msg, again)).toBe(true);
  });

  it('fails for another key and for altered data', () => {
    expect(sm2Verify(b.publicKeyPem, msg, sig)).toBe(false);
    expect(sm2Verify(a.publicKeyPem, `${msg} `, sig)).toBe(false);
    expect(sm2Verify(a.publicKeyPem, msg.replace('1', '2'), sig)).toBe(false);
    expect(sm2Verify(a.publicKeyPem, '', sig)).toBe(false);
  });

  it('returns false, never throws, for a malformed or altered signature', () => {
    const der = Buffer.from(sig, 'base64');
    const flipped = Buffer.from(der);
    flipped[flipped.length - 1]! ^= 0x01;
    for (const bad of ['', 'AAAA', 'not base64!!', `${sig} `, sig.slice(0, -8), flipped.toString('base64'), Buffer.concat([der, Buffer.from([0])]).toString('base64'), sign('sha256', Buffer.from(msg), generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey).toString('base64')]) {
      expect(sm2Verify(a.publicKeyPem, msg, bad)).toBe(false);
    }
  });

  it('returns false, never throws, for a malformed or non-SM2 public key', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    expect(sm2Verify('not a key', msg, sig)).toBe(false);
    expect(sm2Verify('', msg, sig)).toBe(false);
    const offCurve = createPublicKey(a.publicKeyPem).export({ type: 'spki', format: 'der' });
    offCurve[offCurve.length - 1]! ^= 0x01;
    expect(sm2Verify(`-----BEGIN PUBLIC KEY-----\n${offCurve.toString('base64')}\n-----END PUBLIC KEY-----\n`, msg, sig)).toBe(false);
    expect(sm2Verify(b.privateKeyPem, msg, sig)).toBe(false);
    expect(sm2Verify(p256.publicKey.export({ type: 'spki', format: 'pem' }).toString(), msg, sig)).toBe(false);
  });

  it('refuses to sign with a key that is not SM2 (a P-256 key would give ECDSA) or is not a key', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => sm2Sign(p256, msg)).toThrow(/not an SM2 key/);
    expect(() => sm2Sign('not a key', msg)).toThrow();
  });
});

describe('what OpenSSL 3.0 in this Node signs: the SM2 distinguishing ID', () => {
  // GB/T 32918.5-2017 / GM/T 0003.5-2012 example on the recommended curve (ID "1234567812345678").
  const d = hex('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8');
  const exampleKey = mul(d, G);
  const exampleMsg = Buffer.from('message digest');
  const exampleZ = 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3';
  const exampleE = 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640';
  const exampleR = hex('F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3');
  const exampleS = hex('B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA');

  it('the reference implementation reproduces the standard example (key, Z_A, e, r, s)', () => {
    expect(exampleKey![0].toString(16)).toBe('9f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020');
    expect(exampleKey![1].toString(16)).toBe('ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13');
    expect(za(DEFAULT_ID, exampleKey).toString('hex')).toBe(exampleZ);
    const e = sm3(za(DEFAULT_ID, exampleKey), exampleMsg);
    expect(e.toString('hex')).toBe(exampleE);
    const k = hex('59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21');
    const r = mod(hex(exampleE) + mul(k, G)![0], N);
    expect(r).toBe(exampleR);
    expect(mod(inv(1n + d, N) * (k - r * d), N)).toBe(exampleS);
    expect(sm2VerifyE(e, exampleKey, [exampleR, exampleS])).toBe(true);
  });

  it('signs real SM2 with Z_A over an EMPTY ID — not the default ID "1234567812345678", not ECDSA', () => {
    const k = generateSm2KeyPair();
    const q = pointOf(k.publicKeyPem);
    const m = Buffer.from('{"schema":"qinglian.decision-record/1"}');
    const rs = rsOf(sm2Sign(k.privateKeyPem, m));
    expect(sm2VerifyE(sm3(za('', q), m), q, rs)).toBe(true);
    expect(sm2VerifyE(sm3(za(DEFAULT_ID, q), m), q, rs)).toBe(false);
    expect(sm2VerifyE(sm3(m), q, rs)).toBe(false);
    expect(ecdsaVerifyE(sm3(m), q, rs)).toBe(false);
  });

  it('verifies a signature made per the standard with an empty ID, and not the standard example (default ID)', () => {
    const pem = pemOf(exampleKey);
    expect(sm2Verify(pem, exampleMsg, derOf(exampleR, exampleS))).toBe(false);
    // The same key, message and k, with Z_A over the empty ID: what sm2Verify expects.
    const k = hex('59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21');
    const e = hex(sm3(za('', exampleKey), exampleMsg).toString('hex'));
    const r = mod(e + mul(k, G)![0], N);
    const s = mod(inv(1n + d, N) * (k - r * d), N);
    expect(sm2Verify(pem, exampleMsg, derOf(r, s))).toBe(true);
  });

  it('a KeyObject straight from generateKeyPairSync signs ECDSA, which is why only PEM is used', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const m = Buffer.from('abc');
    const ecdsa = sign('sm3', m, privateKey).toString('base64');
    const q = pointOf(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(ecdsaVerifyE(sm3(m), q, rsOf(ecdsa))).toBe(true);
    expect(sm2Verify(publicKey.export({ type: 'spki', format: 'pem' }).toString(), m, ecdsa)).toBe(false);
  });
});

describe('keyFingerprint', () => {
  it('is SM3 of the DER SPKI, first 16 bytes in groups of 4 hex digits', () => {
    const k = generateSm2KeyPair();
    const fp = keyFingerprint(k.publicKeyPem);
    expect(fp).toMatch(/^([0-9a-f]{4}:){7}[0-9a-f]{4}$/);
    const der = Buffer.from(k.publicKeyPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    expect(fp.replace(/:/g, '')).toBe(sm3(der).subarray(0, 16).toString('hex'));
    expect(keyFingerprint(k.publicKeyPem)).toBe(fp);
    expect(keyFingerprint(k.privateKeyPem)).toBe(fp);
    expect(keyFingerprint(generateSm2KeyPair().publicKeyPem)).not.toBe(fp);
  });

  it('of the standard example key', () => {
    const pem = pemOf(mul(hex('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8'), G));
    const der = Buffer.concat([Buffer.from(SM2_SPKI_PREFIX, 'hex'), Buffer.from('09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13', 'hex')]);
    expect(createPublicKey(pem).export({ type: 'spki', format: 'der' })).toEqual(der);
    expect(keyFingerprint(pem)).toBe('d94a:2fcb:88a6:3e82:4c32:120f:09f8:4377');
  });
});
