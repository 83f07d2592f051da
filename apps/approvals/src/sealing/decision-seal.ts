import { type DecisionRecordContent } from '@qinglian/contracts';
import { canonicalJson } from './canonical-json';
import { sm2Sign, sm2Verify, sm3Hex } from './sm-crypto';

/** Seals a decision record: SM3 of its canonical JSON, and an SM2 signature over the same bytes. */
export function sealDecision(content: DecisionRecordContent, signer: { keyId: string; privateKeyPem: string }): { canonical: string; hash: string; signature: string; keyId: string } {
  const canonical = canonicalJson(content);
  return { canonical, hash: sm3Hex(canonical), signature: sm2Sign(signer.privateKeyPem, canonical), keyId: signer.keyId };
}

/**
 * Checks a stored record: the hash recomputed from the stored content, the signature over the
 * recomputed bytes (so a changed content fails both), and — for a printed copy — that the printed
 * hash and signature are the stored ones.
 */
export function verifySeal(input: { content: unknown; hash: string; signature: string; publicKeyPem: string; expectedHash?: string | undefined; expectedSignature?: string | undefined }): {
  hashMatches: boolean;
  signatureValid: boolean;
  computedHash: string;
  problems: string[];
} {
  const canonical = canonicalJson(input.content);
  const computedHash = sm3Hex(canonical);
  const hashMatches = computedHash === input.hash;
  const signatureValid = sm2Verify(input.publicKeyPem, canonical, input.signature);
  const problems: string[] = [];
  if (!hashMatches) problems.push(`记录内容的 SM3 哈希 ${computedHash} 与封存时的 ${input.hash} 不符：内容已被改动 / the content no longer hashes to the sealed value`);
  if (!signatureValid) problems.push('SM2 签名验证失败 / the SM2 signature does not verify over the stored content');
  if (input.expectedHash !== undefined && input.expectedHash !== input.hash) problems.push('打印件上的哈希值与封存记录不符 / the printed hash is not the sealed one');
  if (input.expectedSignature !== undefined && input.expectedSignature.replace(/\s+/g, '') !== input.signature) problems.push('打印件上的签名与封存记录不符 / the printed signature is not the sealed one');
  return { hashMatches, signatureValid, computedHash, problems };
}
