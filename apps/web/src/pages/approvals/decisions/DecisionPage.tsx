import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled, PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { approvalPaths, approvalRoutes } from '../../../api/paths';
import { useLoad } from '../../../api/useLoad';
import { groupedHash } from '../../../approvals/hash';
import { positionsInOrder } from '../../../approvals/meeting-view';
import { comparisonRows } from '../../../approvals/terms';
import type { DecisionRecord, DecisionVerification, PositionEntry } from '../../../approvals/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { messageIn } from '../../../power-list/problems';
import { problemText } from '../../problem-text';
import { PageHeading } from '../../PageHeading';
import { ApprovalsProblemAlert } from '../components/ApprovalsProblemAlert';
import { ComparisonTable } from '../components/ComparisonTable';
import { MatterTypeTag, MeetingBodyTag, Muted, PositionTag, ResultTag, TextOrDash } from '../components/Tags';
import { TermsView } from '../components/Terms';
import { useApprovals } from '../components/useApprovals';

type Attendee = DecisionRecord['content']['attendance'][number];

/** One check of a verification, green or red. */
function Check({ ok, label, testId }: { readonly ok: boolean; readonly label: string; readonly testId: string }) {
  const { m } = useLanguage();
  const d = m.approvals.decision;
  return (
    <li data-testid={testId} data-ok={String(ok)} className={ok ? 'ql-ap-verify-ok' : 'ql-ap-verify-fail'}>
      {ok ? <CheckCircleFilled aria-hidden="true" /> : <CloseCircleFilled aria-hidden="true" />} {label}
      {m.approvals.common.colon}
      {ok ? d.pass : d.fail}
    </li>
  );
}

function VerificationResult({ result }: { readonly result: DecisionVerification }) {
  const { lang, m } = useLanguage();
  const d = m.approvals.decision;
  return (
    <Alert
      className="ql-ap-card"
      type={result.ok ? 'success' : 'error'}
      showIcon
      data-testid="verify-result"
      data-ok={String(result.ok)}
      title={result.ok ? d.verifyOk : d.verifyFailed}
      description={
        <>
          <ul className="ql-lines ql-ap-checks">
            <Check ok={result.hashMatches} label={d.checks.hash} testId="verify-hash" />
            <Check ok={result.signatureValid} label={d.checks.signature} testId="verify-signature" />
            <Check ok={result.auditEntryMatches} label={d.checks.audit} testId="verify-audit" />
          </ul>
          {!result.hashMatches && (
            <p className="ql-small">
              {d.computedHash}
              {m.approvals.common.colon}
              <code className="ql-mono ql-break">{result.computedHash}</code>
            </p>
          )}
          {result.problems.length > 0 && (
            <>
              <p className="ql-small">
                {d.problems}
                {m.approvals.common.colon}
              </p>
              <ul className="ql-lines ql-small">
                {result.problems.map((p, i) => (
                  <li key={i}>{messageIn(p, lang)}</li>
                ))}
              </ul>
            </>
          )}
        </>
      }
    />
  );
}

/** 决策记录: what was sealed (attendance, recusals, positions, tally, result, terms), its SM3 hash and SM2 signature; 验证 and 打印. */
export default function DecisionPage() {
  const { id = '' } = useParams();
  const { m } = useLanguage();
  const a = m.approvals;
  const d = a.decision;
  const { api, readOnly } = useApprovals();
  const { message } = App.useApp();
  const loaded = useLoad((signal) => api.get<DecisionRecord>(approvalPaths.decision(id), { signal }), [api, id]);
  const [verification, setVerification] = useState<DecisionVerification | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);
  const [printedForm] = Form.useForm<{ hash?: string; signature?: string }>();

  const record = loaded.data;
  if (!record || record.id !== id) {
    return (
      <>
        <PageHeading title={d.title} />
        {loaded.error !== null ? <ApprovalsProblemAlert id="decision-error" error={loaded.error} onRetry={loaded.reload} /> : <Spin description={m.app.loading} />}
      </>
    );
  }
  const c = record.content;

  const verify = async (printed?: { hash?: string; signature?: string }) => {
    setVerifying(true);
    setVerifyError(null);
    try {
      const query = { hash: printed?.hash?.trim().toLowerCase() || undefined, signature: printed?.signature?.trim() || undefined };
      setVerification(await api.get<DecisionVerification>(approvalPaths.verifyDecision(record.id), { query }));
    } catch (e) {
      setVerification(null);
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  };

  // The print view is a page of its own; a supervisor viewing below needs the tenant header, which a
  // new tab cannot send: the page is fetched and opened from memory instead.
  const print = async () => {
    if (!readOnly) {
      window.open(approvalPaths.printDecision(record.id), '_blank', 'noopener');
      return;
    }
    try {
      const url = URL.createObjectURL(await api.getBlob(approvalPaths.printDecision(record.id)));
      window.open(url, '_blank', 'noopener');
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      void message.error(problemText(e, m).title);
    }
  };

  const attendanceColumns: TableColumnsType<Attendee> = [
    {
      title: a.meeting.memberName,
      key: 'name',
      render: (_, x) => (
        <Space size={4}>
          <span>{x.name}</span>
          {x.isMainLeader && <Tag color="red">{a.meeting.mainLeader}</Tag>}
        </Space>
      ),
    },
    { title: a.meeting.memberTitle, dataIndex: 'title', key: 'title' },
    { title: a.meeting.attendance, key: 'present', width: 90, render: (_, x) => (x.present ? <Tag color="green">{a.meeting.present}</Tag> : <Tag>{a.meeting.absent}</Tag>) },
    { title: a.meeting.absenceReason, dataIndex: 'absenceReason', key: 'reason', render: (r: string | null) => <TextOrDash value={r} /> },
  ];
  const positionColumns: TableColumnsType<PositionEntry> = [
    { title: a.meeting.seq, dataIndex: 'seq', key: 'seq', width: 60, align: 'right' },
    {
      title: a.meeting.name,
      key: 'name',
      width: 160,
      render: (_, p) => (
        <Space size={4}>
          <span>{p.name}</span>
          {p.isMainLeader && <Tag color="red">{a.meeting.mainLeader}</Tag>}
        </Space>
      ),
    },
    { title: a.meeting.position, dataIndex: 'position', key: 'position', width: 90, render: (p: string) => <PositionTag position={p} /> },
    { title: a.meeting.reason, dataIndex: 'reason', key: 'reason', render: (r: string | null) => <TextOrDash value={r} /> },
    { title: a.meeting.statedAt, dataIndex: 'statedAt', key: 'statedAt', width: 150, render: (v: string) => dateTimeText(v) },
  ];
  const tally = c.tally;

  return (
    <>
      <header className="ql-ap-header">
        <Space wrap size="large">
          <Link to={approvalRoutes.meeting(record.meetingId)} className="ql-back-link">
            <ArrowLeftOutlined aria-hidden="true" /> {d.backToMeeting}
          </Link>
          <Link to={approvalRoutes.matter(record.matterId, 'decisions')} className="ql-back-link">
            <ArrowLeftOutlined aria-hidden="true" /> {d.backToMatter}
          </Link>
        </Space>
        <PageHeading title={`${d.title} · ${c.matter.title}`} />
        <Space wrap size="middle" className="ql-ap-meta">
          <Typography.Text code>{c.matter.no}</Typography.Text>
          <MatterTypeTag type={c.matter.matterType} />
          <MeetingBodyTag body={c.meeting.body} />
          <span>
            {d.result}
            {a.common.colon}
            <ResultTag result={c.result} testId="decision-result" />
          </span>
        </Space>
        <Space wrap className="ql-ap-actions">
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} data-testid="verify" id="verify" onClick={() => void verify()}>
            {d.verify}
          </Button>
          <Button icon={<PrinterOutlined />} data-testid="print" id="print" onClick={() => void print()}>
            {d.print}
          </Button>
        </Space>
        {verifyError !== null && <ApprovalsProblemAlert id="verify-error" error={verifyError} title={d.verify} />}
        {verification && <VerificationResult result={verification} />}
      </header>

      <Card size="small" className="ql-ap-card ql-ap-seal" title={<h2 className="ql-h2">{d.seal}</h2>}>
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            {
              key: 'hash',
              label: d.hash,
              children: (
                <Typography.Text copyable={{ text: record.hash }}>
                  <code className="ql-mono ql-break" data-testid="decision-hash" data-value={record.hash}>
                    {groupedHash(record.hash)}
                  </code>
                </Typography.Text>
              ),
            },
            {
              key: 'signature',
              label: d.signature,
              children: (
                <Typography.Text copyable={{ text: record.signature }}>
                  <code className="ql-mono ql-break" data-testid="decision-signature">
                    {record.signature}
                  </code>
                </Typography.Text>
              ),
            },
            { key: 'key', label: d.keyId, children: <code className="ql-mono" data-testid="decision-key-id">{record.keyId}</code> },
            { key: 'sealedAt', label: d.sealedAt, children: dateTimeText(record.sealedAt) },
            { key: 'audit', label: d.auditSeq, children: <span data-testid="decision-audit-seq">{record.auditSeq}</span> },
          ]}
        />
      </Card>

      <Card size="small" className="ql-ap-card" title={<h2 className="ql-h2">{a.meeting.info}</h2>}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'meeting', label: d.meeting, children: <Link to={approvalRoutes.meeting(c.meeting.id)}>{c.meeting.title}</Link> },
            { key: 'body', label: d.body, children: labelOf(m.meetingBodies, c.meeting.body) },
            { key: 'heldOn', label: d.heldOn, children: c.meeting.heldOn },
            { key: 'location', label: d.location, children: <TextOrDash value={c.meeting.location} /> },
            { key: 'matter', label: d.matter, children: <Link to={approvalRoutes.matter(c.matter.id)}>{`${c.matter.no} ${c.matter.title}`}</Link> },
            { key: 'policy', label: d.policyVersion, children: format(a.common.policyVersion, { no: c.policyVersionNo }) },
            { key: 'concluded', label: d.concludedBy, children: format(a.common.by, { name: c.concludedBy.name, time: dateTimeText(c.concludedAt) }) },
            { key: 'summary', label: d.summary, span: 'filled', children: <TextOrDash value={c.summary} /> },
          ]}
        />
      </Card>

      <h2 className="ql-h2 ql-ap-subtitle">{d.attendance}</h2>
      <Table<Attendee>
        data-testid="decision-attendance"
        rowKey="subject"
        size="small"
        columns={attendanceColumns}
        dataSource={c.attendance}
        pagination={false}
        caption={<span className="ql-sr-only">{d.attendanceCaption}</span>}
      />

      <h2 className="ql-h2 ql-ap-subtitle">{d.recusals}</h2>
      {c.recusals.length === 0 ? (
        <Muted>{a.meeting.noRecusals}</Muted>
      ) : (
        <ul className="ql-lines" data-testid="decision-recusals">
          {c.recusals.map((r) => (
            <li key={r.subject}>{format(a.meeting.recusalOf, { name: r.name, kind: a.meeting.recusalKinds[r.kind], reason: r.reason })}</li>
          ))}
        </ul>
      )}

      <h2 className="ql-h2 ql-ap-subtitle">{d.positions}</h2>
      <Table<PositionEntry>
        data-testid="decision-positions"
        rowKey="subject"
        size="small"
        columns={positionColumns}
        dataSource={positionsInOrder(c.positions)}
        pagination={false}
        onRow={(p) => ({ 'data-subject': p.subject, 'data-position': p.position }) as HTMLAttributes<HTMLElement>}
        caption={<span className="ql-sr-only">{d.positionsCaption}</span>}
      />

      <h2 className="ql-h2 ql-ap-subtitle">{d.tally}</h2>
      <Descriptions
        data-testid="decision-tally"
        size="small"
        bordered
        column={{ xs: 2, md: 3 }}
        items={[
          { key: 'agree', label: a.positions.agree, children: <span data-testid="tally-agree">{tally.agree}</span> },
          { key: 'disagree', label: a.positions.disagree, children: <span data-testid="tally-disagree">{tally.disagree}</span> },
          { key: 'defer', label: a.positions.defer, children: <span data-testid="tally-defer">{tally.defer}</span> },
          { key: 'abstain', label: a.positions.abstain, children: <span data-testid="tally-abstain">{tally.abstain}</span> },
          { key: 'base', label: d.base, children: tally.base },
          { key: 'required', label: d.requiredVotes, children: tally.required },
          { key: 'result', label: d.result, children: <ResultTag result={c.result} /> },
        ]}
      />

      <h2 className="ql-h2 ql-ap-subtitle">{d.terms}</h2>
      <TermsView id="decision-terms" terms={c.terms} />
      <h3 className="ql-ap-subtitle">{d.termsCaption}</h3>
      <ComparisonTable rows={comparisonRows(c.matter.proposedTerms, c.terms, null)} caption={d.termsCaption} left={d.proposed} right={d.decided} testId="decision-terms-comparison" />

      <Card size="small" className="ql-ap-card ql-section-title" title={<h2 className="ql-h2">{d.printedCopy}</h2>}>
        <Typography.Paragraph type="secondary">{d.printedHint}</Typography.Paragraph>
        <Form form={printedForm} name="verify-printed" layout="vertical" className="ql-ap-inline-form" onFinish={(v) => void verify(v)}>
          <Form.Item name="hash" label={d.printedHash} rules={[{ pattern: /^\s*[0-9a-fA-F]{64}\s*$/, message: d.hashRule }]}>
            <Input className="ql-mono" maxLength={80} />
          </Form.Item>
          <Form.Item name="signature" label={d.printedSignature}>
            <Input.TextArea className="ql-mono" rows={2} maxLength={400} />
          </Form.Item>
          <Button htmlType="submit" loading={verifying} data-testid="verify-printed">
            {d.verifyPrinted}
          </Button>
        </Form>
      </Card>
    </>
  );
}
