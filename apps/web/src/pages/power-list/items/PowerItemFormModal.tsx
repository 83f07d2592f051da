import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, Input, InputNumber, Space, Typography } from 'antd';
import type { OrgUnit } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import type { PowerItemFormValues } from '../../../power-list/forms';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

interface Props {
  readonly open: boolean;
  /** 'create' asks for the code; 'edit' shows it fixed. */
  readonly mode: 'create' | 'edit';
  readonly title: string;
  readonly initialValues?: Partial<PowerItemFormValues>;
  readonly units: readonly OrgUnit[];
  readonly categories: readonly string[];
  readonly onClose: () => void;
  readonly onSubmit: (values: PowerItemFormValues) => Promise<void>;
}

/** The fields of a power item (CreatePowerItemRequest / UpdatePowerItemDraftRequest), 制度依据 as a list. */
export function PowerItemFormModal({ open, mode, title, initialValues, units, categories, onClose, onSubmit }: Props) {
  const { m } = useLanguage();
  const p = m.powerItem;
  const required = (field: string) => ({ required: true, whitespace: true, message: format(m.common.required, { field }) });
  return (
    <FormModal<PowerItemFormValues>
      open={open}
      name={`power-item-${mode}`}
      title={title}
      width={820}
      okText={mode === 'create' ? m.common.create : m.common.save}
      failedTitle={mode === 'create' ? p.createTitle : m.lifecycle.failed}
      initialValues={{ legalBasis: [], ...initialValues }}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <Form.Item
        name="code"
        label={p.code}
        extra={mode === 'create' ? m.common.codeRule : undefined}
        rules={mode === 'create' ? [required(p.code), { pattern: CODE, message: m.common.codeRule }] : []}
      >
        <Input maxLength={40} disabled={mode === 'edit'} />
      </Form.Item>
      <Form.Item name="name" label={p.name} rules={[required(p.name), { max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Space size="large" wrap className="ql-form-row">
        <Form.Item name="category" label={p.category} extra={p.categoryHint} rules={[required(p.category), { max: 20 }]}>
          <AutoComplete style={{ width: 240 }} options={categories.map((c) => ({ value: c }))} showSearch={{ filterOption: true }} />
        </Form.Item>
        <Form.Item name="handlingUnitCode" label={p.handlingUnit} rules={[{ required: true, message: format(m.common.requiredChoice, { field: p.handlingUnit }) }]}>
          <UnitTreeSelect units={units} by="code" style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="timeLimitDays" label={p.timeLimitDays}>
          <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <fieldset className="ql-fieldset">
        <legend>{p.legalBasis}</legend>
        <Form.List name="legalBasis">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => {
                const row = format(p.legalBasisN, { n: i + 1 });
                return (
                  <Space key={field.key} align="start" wrap className="ql-list-row">
                    <Form.Item name={[field.name, 'title']} label={`${row} · ${p.legalBasisTitle}`} rules={[required(p.legalBasisTitle)]}>
                      <Input style={{ width: 400 }} maxLength={300} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'docNo']} label={`${row} · ${p.legalBasisDocNo}`}>
                      <Input style={{ width: 220 }} maxLength={100} />
                    </Form.Item>
                    <Button className="ql-list-remove" icon={<MinusCircleOutlined />} aria-label={`${m.common.delete} ${row}`} onClick={() => remove(field.name)}>
                      {m.common.delete}
                    </Button>
                  </Space>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', docNo: null })}>
                {p.addLegalBasis}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>
      <Form.Item name="subject" label={p.subject}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="conditions" label={p.conditions}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name="procedure" label={p.procedure}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name="responsibility" label={p.responsibility}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="supervisionMode" label={p.supervisionMode}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {mode === 'create' && <Typography.Paragraph type="secondary">{p.flowAfterCreate}</Typography.Paragraph>}
    </FormModal>
  );
}
