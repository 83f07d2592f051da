import { DecisionResultLabels, type DecisionRecordDto, MatterTypeLabels, MeetingBodyLabels, PositionLabels, TermFieldLabels, TERM_FIELDS } from '@qinglian/contracts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const e = (v: string | number | null | undefined): string => escapeHtml(v === null || v === undefined ? '' : String(v));

function yuan(n: number | null): string {
  return n === null ? '—' : `¥${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function beijing(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(iso));
}

/**
 * 决策记录（会议纪要）, print-ready: A4, self-contained (no scripts, no external resources). The
 * verification block carries the SM3 hash, the SM2 signature, the key id and public key, so a
 * printed copy can be checked against the verify endpoint.
 */
export function renderDecisionRecordHtml(record: DecisionRecordDto, ctx: { tenantName: string; publicKeyPem: string; fingerprint: string; verifyPath: string; printedAt: string }): string {
  const c = record.content;
  const terms = TERM_FIELDS.map((f) => `<tr><th>${e(TermFieldLabels[f].zh)}</th><td>${f === 'amount' ? e(yuan(c.terms.amount)) : e(c.terms[f] ?? '—')}</td></tr>`).join('');
  const attendance = c.attendance
    .map((a) => `<tr><td>${e(a.name)}</td><td>${e(a.title)}</td><td>${a.isMainLeader ? '主要领导' : ''}</td><td>${a.present ? '出席' : `缺席（${e(a.absenceReason)}）`}</td></tr>`)
    .join('');
  const recusals = c.recusals.length === 0 ? '<p>无</p>' : `<table><tr><th>成员</th><th>方式</th><th>事由</th></tr>${c.recusals.map((r) => `<tr><td>${e(r.name)}</td><td>${r.kind === 'declared' ? '主动申请' : '主持人要求'}</td><td>${e(r.reason)}</td></tr>`).join('')}</table>`;
  const positions = c.positions
    .map((p) => `<tr><td>${p.seq}</td><td>${e(p.name)}${p.isMainLeader ? '（主要领导）' : ''}</td><td>${e(PositionLabels[p.position].zh)}</td><td>${e(p.reason ?? '')}</td><td>${e(beijing(p.statedAt))}</td></tr>`)
    .join('');
  const hashGroups = (record.hash.match(/.{1,8}/g) ?? []).join(' ');
  const signature = (record.signature.match(/.{1,64}/g) ?? []).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>决策记录（会议纪要）${e(c.matter.no)}</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; color: #000; }
h1 { text-align: center; font-size: 18pt; margin: 0 0 4mm; }
h2 { font-size: 12pt; border-bottom: 1px solid #000; margin: 6mm 0 2mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; }
th, td { border: 1px solid #444; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #f0f0f0; width: 22%; }
.mono { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; word-break: break-all; white-space: pre-wrap; }
.result { font-size: 14pt; font-weight: bold; }
.verify { border: 2px solid #000; padding: 3mm; margin-top: 6mm; page-break-inside: avoid; }
</style></head><body>
<h1>决策记录（会议纪要）</h1>
<p style="text-align:center">${e(ctx.tenantName)}</p>
<h2>会议</h2>
<table><tr><th>会议机构</th><td>${e(MeetingBodyLabels[c.meeting.body].zh)}</td></tr><tr><th>会议名称</th><td>${e(c.meeting.title)}</td></tr><tr><th>日期</th><td>${e(c.meeting.heldOn)}</td></tr><tr><th>地点</th><td>${e(c.meeting.location ?? '—')}</td></tr></table>
<h2>议题</h2>
<table><tr><th>事项编号</th><td>${e(c.matter.no)}</td></tr><tr><th>事项</th><td>${e(c.matter.title)}</td></tr><tr><th>类型</th><td>${e(c.matter.matterType ? MatterTypeLabels[c.matter.matterType].zh : '一般事项')}</td></tr></table>
<h2>决策事项要素</h2><table>${terms}</table>
<h2>出席情况</h2><table><tr><th>姓名</th><th>职务</th><th></th><th>出席</th></tr>${attendance}</table>
<h2>回避</h2>${recusals}
<h2>表态（按表态顺序）</h2><table><tr><th>序</th><th>成员</th><th>表态</th><th>理由</th><th>时间</th></tr>${positions}</table>
<h2>表决结果</h2>
<p>同意 ${c.tally.agree}，不同意 ${c.tally.disagree}，缓议 ${c.tally.defer}，弃权 ${c.tally.abstain}；计票基数 ${c.tally.base}，通过须同意 ${c.tally.required}。</p>
<p class="result">${e(DecisionResultLabels[c.result].zh)}</p>
${c.summary ? `<p>会议意见：${e(c.summary)}</p>` : ''}
<p>形成决议：${e(c.concludedBy.name)}，${e(beijing(c.concludedAt))}</p>
<div class="verify">
<h2 style="margin-top:0">封存与验证</h2>
<table>
<tr><th>SM3 哈希</th><td class="mono">${e(hashGroups)}</td></tr>
<tr><th>SM2 签名</th><td class="mono">${e(signature)}</td></tr>
<tr><th>签名密钥</th><td class="mono">${e(record.keyId)}</td></tr>
<tr><th>公钥指纹</th><td class="mono">${e(ctx.fingerprint)}</td></tr>
<tr><th>公钥</th><td class="mono">${e(ctx.publicKeyPem.trim())}</td></tr>
<tr><th>审计链序号</th><td>${record.auditSeq}</td></tr>
<tr><th>封存时间</th><td>${e(beijing(record.sealedAt))}</td></tr>
</table>
<p>核验打印件：将打印件上的哈希值与签名提交至验证接口 <span class="mono">${e(ctx.verifyPath)}?hash=…&amp;signature=…</span>，系统重新计算存档记录的 SM3 哈希并以上述公钥验证 SM2 签名。打印时间 ${e(beijing(ctx.printedAt))}。</p>
</div>
</body></html>
`;
}
