import {
  type DecisionRecordDto,
  type DecisionTermsDto,
  DecisionResultLabels,
  MatterTypeLabels,
  MeetingBodyLabels,
  PositionLabels,
  TERM_FIELDS,
  type TermField,
  TermFieldLabels,
} from '@qinglian/contracts';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Every interpolated value goes through here. */
const e = (v: string | number | null | undefined): string => escapeHtml(v === null || v === undefined ? '' : String(v));

/** zh label of an enum value; the raw value when a stored record holds one this build does not know. */
function zh<K extends string>(labels: Readonly<Record<K, { readonly zh: string }>>, key: K | null | undefined, none = '—'): string {
  if (key === null || key === undefined) return none;
  return (labels as Readonly<Record<string, { readonly zh: string } | undefined>>)[key]?.zh ?? key;
}

/** ¥3,200,000.00 */
export function formatYuan(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return `¥${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** `2026-12-05 10:00:00` in Beijing time (Asia/Shanghai); the text as given if it is not a timestamp. */
export function formatShanghai(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(SHANGHAI.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

function term(field: TermField, terms: DecisionTermsDto | null | undefined): string {
  if (!terms) return '—';
  return field === 'amount' ? formatYuan(terms.amount) : (terms[field] ?? '—');
}

/** Hash in groups of 8 hex digits, for reading aloud and comparing. */
function groupHash(hash: string): string {
  return (hash.match(/.{1,8}/g) ?? []).join(' ');
}

/** Base64 wrapped at 64 characters, as in PEM. */
function wrap64(b64: string): string {
  return (b64.match(/.{1,64}/g) ?? []).join('\n');
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm 20mm; }
@media screen { body { max-width: 178mm; margin: 10mm auto; } }
* { box-sizing: border-box; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 10.5pt; line-height: 1.5; color: #000; background: #fff; }
h1 { text-align: center; font-size: 18pt; letter-spacing: 0.2em; margin: 0 0 2mm; }
.tenant { text-align: center; margin: 0 0 5mm; }
h2 { font-size: 12pt; border-bottom: 1px solid #000; margin: 5mm 0 2mm; padding-bottom: 0.5mm; }
table { width: 100%; border-collapse: collapse; margin: 1.5mm 0; }
th, td { border: 1px solid #444; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
thead th { background: #eee; }
table.kv th { width: 24%; background: #f4f4f4; font-weight: normal; }
tr { page-break-inside: avoid; break-inside: avoid; }
thead { display: table-header-group; }
.mono { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8.5pt; word-break: break-all; white-space: pre-wrap; }
.result { font-size: 14pt; font-weight: bold; }
.verify { border: 2px solid #000; padding: 3mm; margin-top: 6mm; page-break-inside: avoid; break-inside: avoid; }
.verify h2 { margin-top: 0; }
.note { font-size: 9.5pt; }
`;

/**
 * 决策记录（会议纪要）as a complete, print-ready zh-CN page: A4 (`@page`), self-contained — no
 * scripts, no external resources (and a CSP that forbids them). The verification block carries the
 * SM3 hash, the SM2 signature, the key id, fingerprint and public key, so anyone holding a printed
 * copy can check it against the verify endpoint. Every interpolated string is escaped.
 */
export function renderDecisionRecordHtml(record: DecisionRecordDto, ctx: { tenantName: string; publicKeyPem: string; fingerprint: string; verifyPath: string; printedAt: string }): string {
  const c = record.content;

  const amended = TERM_FIELDS.some((f) => term(f, c.terms) !== term(f, c.matter.proposedTerms));
  const termsTable = amended
    ? `<table><thead><tr><th>要素</th><th>决定</th><th>原提议</th></tr></thead><tbody>${TERM_FIELDS.map(
        (f) => `<tr><th>${e(TermFieldLabels[f].zh)}</th><td>${e(term(f, c.terms))}</td><td>${e(term(f, c.matter.proposedTerms))}</td></tr>`,
      ).join('')}</tbody></table><p class="note">会议对提议的决策事项要素作了修改，以“决定”一栏为准。</p>`
    : `<table class="kv"><tbody>${TERM_FIELDS.map((f) => `<tr><th>${e(TermFieldLabels[f].zh)}</th><td>${e(term(f, c.terms))}</td></tr>`).join('')}</tbody></table>`;

  const attendance = c.attendance
    .map(
      (a) =>
        `<tr><td>${e(a.name)}</td><td>${e(a.title)}</td><td>${a.isMainLeader ? '主要领导' : ''}</td><td>${a.present ? '出席' : `缺席${a.absenceReason ? `（${e(a.absenceReason)}）` : ''}`}</td></tr>`,
    )
    .join('');
  const present = c.attendance.filter((a) => a.present).length;

  const recusals =
    c.recusals.length === 0
      ? '<p>无</p>'
      : `<table><thead><tr><th>成员</th><th>方式</th><th>事由</th><th>时间</th></tr></thead><tbody>${c.recusals
          .map((r) => `<tr><td>${e(r.name)}</td><td>${r.kind === 'declared' ? '主动申请' : '主持人要求'}</td><td>${e(r.reason)}</td><td>${e(formatShanghai(r.recordedAt))}</td></tr>`)
          .join('')}</tbody></table>`;

  const positions =
    c.positions.length === 0
      ? '<p>无</p>'
      : `<table><thead><tr><th>序号</th><th>成员</th><th>表态</th><th>理由</th><th>表态时间</th></tr></thead><tbody>${[...c.positions]
          .sort((a, b) => a.seq - b.seq)
          .map(
            (p) =>
              `<tr><td>${e(p.seq)}</td><td>${e(p.name)}${p.isMainLeader ? '（主要领导）' : ''}</td><td>${e(zh(PositionLabels, p.position))}</td><td>${e(p.reason ?? '')}</td><td>${e(formatShanghai(p.statedAt))}</td></tr>`,
          )
          .join('')}</tbody></table>`;

  const t = c.tally;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>决策记录（会议纪要）${e(c.matter.no)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>决策记录（会议纪要）</h1>
<p class="tenant">${e(ctx.tenantName)}</p>

<h2>会议</h2>
<table class="kv"><tbody>
<tr><th>会议机构</th><td>${e(zh(MeetingBodyLabels, c.meeting.body))}</td></tr>
<tr><th>会议名称</th><td>${e(c.meeting.title)}</td></tr>
<tr><th>会议日期</th><td>${e(c.meeting.heldOn)}</td></tr>
<tr><th>会议地点</th><td>${e(c.meeting.location ?? '—')}</td></tr>
</tbody></table>

<h2>议题</h2>
<table class="kv"><tbody>
<tr><th>事项编号</th><td>${e(c.matter.no)}</td></tr>
<tr><th>事项名称</th><td>${e(c.matter.title)}</td></tr>
<tr><th>事项类型</th><td>${e(zh(MatterTypeLabels, c.matter.matterType, '一般事项'))}</td></tr>
<tr><th>决策规则版本</th><td>第 ${e(c.policyVersionNo)} 版</td></tr>
</tbody></table>

<h2>决策事项要素</h2>
${termsTable}

<h2>出席情况（应到 ${e(c.attendance.length)} 人，实到 ${e(present)} 人）</h2>
<table><thead><tr><th>姓名</th><th>职务</th><th>主要领导</th><th>出席情况</th></tr></thead><tbody>${attendance}</tbody></table>

<h2>回避</h2>
${recusals}

<h2>表态（按表态先后顺序）</h2>
${positions}

<h2>表决结果</h2>
<p>同意 ${e(t.agree)} 票，不同意 ${e(t.disagree)} 票，缓议 ${e(t.defer)} 票，弃权 ${e(t.abstain)} 票；计票基数 ${e(t.base)} 人，通过须同意 ${e(t.required)} 票。</p>
<p class="result">决议结果：${e(zh(DecisionResultLabels, c.result))}</p>

<h2>会议意见</h2>
<p>${c.summary ? e(c.summary) : '无'}</p>
<p>形成决议：${e(c.concludedBy.name)}，${e(formatShanghai(c.concludedAt))}（北京时间）</p>

<div class="verify">
<h2>封存与验证</h2>
<table class="kv"><tbody>
<tr><th>决策记录编号</th><td class="mono">${e(record.id)}</td></tr>
<tr><th>SM3 哈希</th><td class="mono">${e(groupHash(record.hash))}</td></tr>
<tr><th>SM2 签名</th><td class="mono">${e(wrap64(record.signature))}</td></tr>
<tr><th>签名密钥</th><td class="mono">${e(record.keyId)}</td></tr>
<tr><th>公钥指纹</th><td class="mono">${e(ctx.fingerprint)}</td></tr>
<tr><th>公钥</th><td class="mono">${e(ctx.publicKeyPem.trim())}</td></tr>
<tr><th>审计链序号</th><td>${e(record.auditSeq)}</td></tr>
<tr><th>封存时间</th><td>${e(formatShanghai(record.sealedAt))}（北京时间）</td></tr>
<tr><th>验证接口</th><td class="mono">${e(ctx.verifyPath)}</td></tr>
</tbody></table>
<p class="note">核验方法：提交打印件上的哈希值与签名至验证接口（<span class="mono">${e(ctx.verifyPath)}?hash=…&amp;signature=…</span>）。系统按存档记录重新计算 SM3 哈希（GB/T 32905），与打印件上的哈希值比对，并以上列公钥验证 SM2 签名（GB/T 32918）；公钥指纹可与“签名密钥”清单逐位比对。任何一项不符，即说明打印件或存档记录已被改动。</p>
<p class="note">打印时间：${e(formatShanghai(ctx.printedAt))}（北京时间）</p>
</div>
</body>
</html>
`;
}
