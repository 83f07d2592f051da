import type { CSSProperties } from 'react';
import { Descriptions, Form, Input, InputNumber, Space } from 'antd';
import { groupDigits, ungroupDigits } from '../../../approvals/money';
import type { Terms } from '../../../approvals/types';
import { TERM_FIELD_NAMES } from '../../../i18n/approvals';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { Amount, TextOrDash } from './Tags';

/** 关键要素 as a description list. */
export function TermsView({ terms, id }: { readonly terms: Terms; readonly id?: string }) {
  const { m } = useLanguage();
  const labels = m.approvals.termFields;
  return (
    <Descriptions
      id={id}
      data-testid={id}
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      items={TERM_FIELD_NAMES.map((field) => ({
        key: field,
        label: labels[field],
        span: field === 'scope' || field === 'conditions' ? 'filled' : 1,
        children: field === 'amount' ? <Amount value={terms.amount} /> : <TextOrDash value={terms[field]} />,
      }))}
    />
  );
}

/** A yuan input: digits grouped, two decimals at most, never negative. */
export function YuanInput(props: { readonly id?: string; readonly value?: number | null; readonly onChange?: (v: number | null) => void; readonly 'aria-label'?: string; readonly style?: CSSProperties }) {
  const { m } = useLanguage();
  return (
    <InputNumber<number>
      {...props}
      min={0}
      max={1e13}
      precision={2}
      style={{ width: 240, ...props.style }}
      formatter={(v) => groupDigits(v)}
      // As Ant Design's own example: the cleaned text, which the input reads as a number.
      parser={(t) => ungroupDigits(t) as unknown as number}
      suffix={m.approvals.common.yuanUnit}
    />
  );
}

/** The five term inputs under `terms` (or another name) of the surrounding form. */
export function TermsFields({ name = 'terms', amountLabel }: { readonly name?: string; readonly amountLabel?: string }) {
  const { m } = useLanguage();
  const c = m.approvals.createMatter;
  return (
    <>
      <Space size="large" wrap className="ql-form-row">
        <Form.Item name={[name, 'amount']} label={amountLabel ?? c.amount}>
          <YuanInput />
        </Form.Item>
        <Form.Item name={[name, 'counterparty']} label={c.counterparty} rules={[{ max: 200 }]}>
          <Input maxLength={200} style={{ width: 300 }} />
        </Form.Item>
        <Form.Item name={[name, 'project']} label={c.project} rules={[{ max: 200 }]}>
          <Input maxLength={200} style={{ width: 240 }} />
        </Form.Item>
      </Space>
      <Form.Item name={[name, 'scope']} label={c.scope} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name={[name, 'conditions']} label={c.conditions} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}
