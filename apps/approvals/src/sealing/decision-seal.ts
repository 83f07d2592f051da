import { type DecisionRecordContent } from '@qinglian/contracts';
import { canonicalJson } from './canonical-json';
import { sm2Sign, sm2Verify, sm3Hex } from './sm-crypto';

export interface DecisionSeal {
  /** The exact bytes (UTF-8) that were hashed and signed. */
  readonly canonical: string;
  /** SM3 of `canonical`, 64 lower-case hex digits. */
  readonly hash: string;
  /** SM2/SM3 signature over `canonical` (not over the hash), DER, base64. */
  readonly signature: string;
  readonly keyId: string;
}

export interface SealVerification {
  readonly hashMatches: boolean;
  readonly signatureValid: boolean;
  /** SM3 of the stored content as it canonicalises now ('' when it cannot be canonicalised). */
  readonly computedHash: string;
  /** Each problem in zh-CN, then ` / ` and English. Empty when all is well. */
  readonly problems: string[];
}

/**
 * Seals a decision record: its canonical JSON, the SM3 hash of it, and an SM2 signature over the
 * same canonical bytes. Throws (TypeError from canonicalJson) if the content is not plain JSON data.
 */
export function sealDecision(content: DecisionRecordContent, signer: { keyId: string; privateKeyPem: string }): DecisionSeal {
  const canonical = canonicalJson(content);
  return { canonical, hash: sm3Hex(canonical), signature: sm2Sign(signer.privateKeyPem, canonical), keyId: signer.keyId };
}

/** A hash as people copy it from paper: groups of 8 separated by spaces, any case. */
function normaliseHash(h: string): string {
  return h.replace(/\s+/g, '').toLowerCase();
}

/** A signature as printed: wrapped over several lines. */
function normaliseSignature(s: string): string {
  return s.replace(/\s+/g, '');
}

/**
 * Checks a stored record: the hash recomputed from the stored content against the stored hash, and
 * the signature against the recomputed canonical bytes — so a changed content field fails both.
 * For a printed copy (`expectedHash` / `expectedSignature`), what was printed must be what is stored.
 * Never throws for bad data: every failure is a problem (zh-CN first, then English).
 */
export function verifySeal(input: {
  content: unknown;
  hash: string;
  signature: string;
  publicKeyPem: string;
  expectedHash?: string | undefined;
  expectedSignature?: string | undefined;
}): SealVerification {
  const problems: string[] = [];
  let canonical: string | null = null;
  try {
    canonical = canonicalJson(input.content);
  } catch (e) {
    problems.push(`存档的记录内容无法规范化，无法计算哈希（${(e as Error).message}） / the stored content cannot be canonicalised, so it cannot be hashed (${(e as Error).message})`);
  }
  const computedHash = canonical === null ? '' : sm3Hex(canonical);
  const storedHash = normaliseHash(input.hash);
  const hashMatches = canonical !== null && computedHash === storedHash;
  const signatureValid = canonical !== null && sm2Verify(input.publicKeyPem, canonical, input.signature);
  if (canonical !== null && !hashMatches) {
    problems.push(`记录内容的 SM3 哈希（${computedHash}）与封存时的哈希（${input.hash}）不符：内容已被改动 / the content hashes to ${computedHash}, not to the sealed ${input.hash}: it was changed`);
  }
  if (canonical !== null && !signatureValid) {
    problems.push('SM2 签名验证失败：签名不是该密钥对当前记录内容所作 / the SM2 signature does not verify over the stored content with this key');
  }
  if (input.expectedHash !== undefined && normaliseHash(input.expectedHash) !== storedHash) {
    problems.push(`打印件上的哈希值与封存记录的哈希值不符（打印件 ${normaliseHash(input.expectedHash)}，存档 ${storedHash}） / the printed hash is not the sealed one`);
  }
  if (input.expectedSignature !== undefined && normaliseSignature(input.expectedSignature) !== normaliseSignature(input.signature)) {
    problems.push('打印件上的签名与封存记录的签名不符 / the printed signature is not the sealed one');
  }
  return { hashMatches, signatureValid, computedHash, problems };
}
