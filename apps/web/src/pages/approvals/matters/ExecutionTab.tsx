import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Progress, Radio, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { approvalPaths } from '../../../api/paths';
import {
  evaluateBody,
  type EvaluateFormValues,
  executionReportBody,
  type ExecutionReportFormValues,
  issuanceBody,
  type IssuanceFormValues,
} from '../../../approvals/forms';
import { latestPassedDecision } from '../../../approvals/matter-view';
import { comparisonRows, differingFields, termsFormValues, termText } from '../../../approvals/terms';
import type { ExecutionReport, Issuance, Matter } from '../../../approvals/types';
import { DateInput } from '../../../components/DateInput';
import { EVALUATION_RATINGS } from '../../../i18n/approvals';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf } from '../../../i18n/messages';
import { dateTimeText, todayInChina } from '../../../power-list/dates';
import { ApprovalsFormModal } from '../components/ApprovalsFormModal';
import { ComparisonTable } from '../components/ComparisonTable';
import { Amount, TextOrDash } from '../components/Tags';
import { TermsFields, YuanInput } from '../components/Terms';
import { useApprovals } from '../components/useApprovals';

interface Props {
  readonly matter: Matter;
  readonly onChange: (matter: Matter) => void;
}

type Dialog = 'issuance' | 'report' | 'evaluate' | null;

/** One issued document compared with the decision: 决策 vs 印发, 擅自改变决策事项 when they differ. */
function IssuanceCard({ issuance, matter }: { readonly issuance: Issuance; readonly matter: Matter }) {
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.execution;
  const decision = latestPassedDecision(matter);
  const rows = comparisonRows(decision?.terms ?? null, issuance.terms, issuance.differences);
  const changed = differingFields(rows);
  return (
    <Card
      className="ql-ap-card"
      size="small"
      data-testid="issuance"
      data-doc-no={issuance.docNo}
      title={
        <Space wrap>
          <Typography.Text strong>{issuance.docNo}</Typography.Text>
          <span>{issuance.title}</span>
          <Typography.Text type="secondary">{issuance.issuedOn}</Typography.Text>
        </Space>
      }
    >
      {changed.length > 0 ? (
        <Alert
          className="ql-ap-card"
          type="error"
          showIcon
          data-testid="decision-changed"
          title={t.changed}
          description={format(t.changedDetail, { fields: changed.map((f) => a.termFields[f]).join(a.common.listSeparator) })}
        />
      ) : decision ? (
        <Alert className="ql-ap-card" type="success" showIcon data-testid="issuance-consistent" title={t.consistent} />
      ) : (
        <Alert className="ql-ap-card" type="info" showIcon title={t.noDecision} />
      )}
      <ComparisonTable rows={rows} caption={format(t.comparisonCaption, { docNo: issuance.docNo })} left={t.decided} right={t.issued} />
      <Typography.Text type="secondary" className="ql-small ql-ap-by">
        {format(a.common.by, { name: issuance.recordedByName, time: dateTimeText(issuance.recordedAt) })}
      </Typography.Text>
    </Card>
  );
}

/** 执行跟踪: 下达 compared with the decision, 执行情况 with its divergences, 执行后评价. */
export function ExecutionTab({ matter, onChange }: Props) {
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.execution;
  const { api, may } = useApprovals();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const decision = latestPassedDecision(matter);
  const mayExecute = may('execution:write');

  const recordIssuance = async (values: IssuanceFormValues) => {
    onChange(await api.post<Matter>(approvalPaths.issuances(matter.id), issuanceBody(values)));
    void message.success(t.recorded);
  };
  const report = async (values: ExecutionReportFormValues) => {
    onChange(await api.post<Matter>(approvalPaths.executionReports(matter.id), executionReportBody(values)));
    void message.success(t.reported);
  };
  const evaluate = async (values: EvaluateFormValues) => {
    onChange(await api.post<Matter>(approvalPaths.evaluation(matter.id), evaluateBody(values)));
    void message.success(t.evaluated);
  };

  const reportColumns: TableColumnsType<ExecutionReport> = [
    { title: t.reportedOn, dataIndex: 'reportedOn', key: 'reportedOn', width: 110 },
    { title: t.progress, dataIndex: 'progressPercent', key: 'progress', width: 150, render: (p: number) => <Progress percent={p} size="small" /> },
    { title: t.amountSpent, dataIndex: 'amountSpent', key: 'amountSpent', width: 150, align: 'right', render: (v: number | null) => <Amount value={v} /> },
    { title: t.counterparty, dataIndex: 'counterparty', key: 'counterparty', width: 180, render: (v: string | null) => <TextOrDash value={v} /> },
    { title: t.reportNote, dataIndex: 'note', key: 'note', render: (v: string) => <TextOrDash value={v} /> },
    {
      title: t.divergent,
      key: 'divergences',
      width: 260,
      render: (_, r) =>
        r.divergences.length === 0 ? (
          <Tag color="green">{t.consistentReport}</Tag>
        ) : (
          <div data-testid="execution-divergent">
            <Tag color="red">{t.divergent}</Tag>
            <ul className="ql-lines ql-small">
              {r.divergences.map((d) => (
                <li key={d.field}>
                  {format(t.divergence, {
                    field: labelOf(a.termFields, d.field),
                    decided: termText(d.field, d.decided) || m.common.empty,
                    actual: termText(d.field, d.actual) || m.common.empty,
                  })}
                </li>
              ))}
            </ul>
          </div>
        ),
    },
    { title: t.recordedBy, key: 'by', width: 100, render: (_, r) => r.recordedByName },
  ];

  const evaluation = matter.evaluation;

  return (
    <section aria-label={a.matter.tabs.execution}>
      <div className="ql-toolbar">
        <h2 className="ql-h2">{t.issuances}</h2>
        {mayExecute && matter.can.issue && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="record-issuance" id="record-issuance" onClick={() => setDialog('issuance')}>
            {t.record}
          </Button>
        )}
      </div>
      {matter.issuances.length === 0 ? (
        <Typography.Paragraph type="secondary">{t.issuancesEmpty}</Typography.Paragraph>
      ) : (
        matter.issuances.map((i) => <IssuanceCard key={i.id} issuance={i} matter={matter} />)
      )}

      <div className="ql-toolbar ql-section-title">
        <h2 className="ql-h2">{t.reports}</h2>
        {mayExecute && matter.can.report && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="report-execution" id="report-execution" onClick={() => setDialog('report')}>
            {t.report}
          </Button>
        )}
      </div>
      {matter.executionReports.some((r) => r.divergences.length > 0) && <Alert className="ql-ap-card" type="error" showIcon title={t.divergent} />}
      <Table<ExecutionReport>
        id="execution-reports"
        data-testid="execution-reports"
        rowKey="id"
        size="small"
        columns={reportColumns}
        dataSource={[...matter.executionReports].sort((x, y) => x.reportedOn.localeCompare(y.reportedOn))}
        pagination={false}
        scroll={{ x: 1100 }}
        rowClassName={(r) => (r.divergences.length > 0 ? 'ql-row-diff' : '')}
        onRow={(r) => ({ 'data-divergent': String(r.divergences.length > 0) }) as HTMLAttributes<HTMLElement>}
        caption={<span className="ql-sr-only">{t.reports}</span>}
        locale={{ emptyText: t.reportsEmpty }}
      />

      <div className="ql-toolbar ql-section-title">
        <h2 className="ql-h2">{t.evaluation}</h2>
        {!evaluation && may('evaluation:write') && matter.can.evaluate && (
          <Button type="primary" data-testid="evaluate" id="evaluate" onClick={() => setDialog('evaluate')}>
            {t.evaluate}
          </Button>
        )}
      </div>
      {evaluation ? (
        <div data-testid="evaluation">
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'on', label: t.evaluatedOn, children: evaluation.evaluatedOn },
              { key: 'rating', label: t.rating, children: <Tag color="blue">{labelOf(a.evaluationRatings, evaluation.rating)}</Tag> },
              { key: 'summary', label: t.summary, span: 'filled', children: <TextOrDash value={evaluation.summary} /> },
              { key: 'by', label: t.evaluatedBy, children: format(a.common.by, { name: evaluation.recordedByName, time: dateTimeText(evaluation.recordedAt) }) },
            ]}
          />
          {evaluation.indicators.length > 0 && (
            <Table
              className="ql-ap-steps"
              rowKey="name"
              size="small"
              pagination={false}
              dataSource={evaluation.indicators}
              caption={<span className="ql-sr-only">{t.indicators}</span>}
              columns={[
                { title: t.indicatorName, dataIndex: 'name', key: 'name' },
                { title: t.indicatorTarget, dataIndex: 'target', key: 'target' },
                { title: t.indicatorActual, dataIndex: 'actual', key: 'actual' },
              ]}
            />
          )}
        </div>
      ) : (
        <Typography.Paragraph type="secondary">{t.noEvaluation}</Typography.Paragraph>
      )}

      <ApprovalsFormModal<IssuanceFormValues>
        open={dialog === 'issuance'}
        name="issuance-form"
        title={t.recordTitle}
        width={860}
        okText={t.record}
        failedTitle={t.record}
        initialValues={{ issuedOn: todayInChina(), terms: termsFormValues(decision?.terms ?? matter.terms) }}
        onClose={() => setDialog(null)}
        onSubmit={recordIssuance}
      >
        <Space size="large" wrap className="ql-form-row">
          <Form.Item name="docNo" label={t.docNo} rules={[{ required: true, whitespace: true, max: 100, message: format(m.common.required, { field: t.docNo }) }]}>
            <Input maxLength={100} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="issuedOn" label={t.issuedOn} rules={[{ required: true, message: format(m.common.requiredChoice, { field: t.issuedOn }) }]}>
            <DateInput allowClear={false} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t.docTitle} rules={[{ required: true, whitespace: true, min: 2, max: 200, message: format(m.common.required, { field: t.docTitle }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <fieldset className="ql-fieldset">
          <legend>{t.issuedTerms}</legend>
          <TermsFields />
        </fieldset>
        <Form.Item name="note" label={t.note}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </ApprovalsFormModal>

      <ApprovalsFormModal<ExecutionReportFormValues>
        open={dialog === 'report'}
        name="report-form"
        title={t.reportTitle}
        width={760}
        okText={t.report}
        failedTitle={t.report}
        initialValues={{ reportedOn: todayInChina(), progressPercent: 0 }}
        onClose={() => setDialog(null)}
        onSubmit={report}
      >
        <Space size="large" wrap className="ql-form-row">
          <Form.Item name="reportedOn" label={t.reportedOn} rules={[{ required: true }]}>
            <DateInput allowClear={false} />
          </Form.Item>
          <Form.Item name="progressPercent" label={t.progress} rules={[{ required: true }]}>
            <InputNumber<number> min={0} max={100} precision={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="amountSpent" label={t.amountSpent}>
            <YuanInput />
          </Form.Item>
        </Space>
        <Form.Item name="counterparty" label={t.counterparty} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t.reportNote} rules={[{ required: true, whitespace: true, min: 2, max: 4000, message: format(m.common.required, { field: t.reportNote }) }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
      </ApprovalsFormModal>

      <ApprovalsFormModal<EvaluateFormValues>
        open={dialog === 'evaluate'}
        name="evaluate-form"
        title={t.evaluateTitle}
        width={820}
        okText={t.evaluate}
        failedTitle={t.evaluate}
        initialValues={{ evaluatedOn: todayInChina(), rating: 'good', indicators: [] }}
        onClose={() => setDialog(null)}
        onSubmit={evaluate}
      >
        <Space size="large" wrap className="ql-form-row">
          <Form.Item name="evaluatedOn" label={t.evaluatedOn} rules={[{ required: true }]}>
            <DateInput allowClear={false} />
          </Form.Item>
          <Form.Item name="rating" label={t.rating} rules={[{ required: true }]}>
            <Radio.Group options={EVALUATION_RATINGS.map((r) => ({ value: r, label: a.evaluationRatings[r] }))} />
          </Form.Item>
        </Space>
        <Form.Item name="summary" label={t.summary} rules={[{ required: true, whitespace: true, min: 2, max: 4000, message: format(m.common.required, { field: t.summary }) }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <fieldset className="ql-fieldset">
          <legend>{t.indicators}</legend>
          <Form.List name="indicators">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => {
                  const row = format(t.indicatorN, { n: i + 1 });
                  return (
                    <Space key={field.key} align="start" wrap className="ql-list-row">
                      <Form.Item name={[field.name, 'name']} label={`${row} · ${t.indicatorName}`} rules={[{ required: true, whitespace: true, max: 100 }]}>
                        <Input maxLength={100} style={{ width: 200 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'target']} label={t.indicatorTarget} rules={[{ required: true, whitespace: true, max: 200 }]}>
                        <Input maxLength={200} style={{ width: 180 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'actual']} label={t.indicatorActual} rules={[{ required: true, whitespace: true, max: 200 }]}>
                        <Input maxLength={200} style={{ width: 180 }} />
                      </Form.Item>
                      <Button className="ql-list-remove" aria-label={`${m.common.delete} ${row}`} onClick={() => remove(field.name)}>
                        {m.common.delete}
                      </Button>
                    </Space>
                  );
                })}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', target: '', actual: '' })}>
                  {t.addIndicator}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
      </ApprovalsFormModal>
    </section>
  );
}
