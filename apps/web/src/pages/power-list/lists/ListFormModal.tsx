import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space } from 'antd';
import { FormModal } from '../../../components/FormModal';
import { LinesInput } from '../../../components/LinesInput';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, RESPONSIBILITY_ROLES } from '../../../i18n/messages';
import type { ListFormValues } from '../../../power-list/forms';
import { CadenceEditor } from './CadenceEditor';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

interface Props {
  readonly open: boolean;
  readonly mode: 'create' | 'edit';
  readonly title: string;
  readonly initialValues?: Partial<ListFormValues>;
  readonly onClose: () => void;
  readonly onSubmit: (values: ListFormValues) => Promise<void>;
}

/** A responsibility list: code (new lists), title, role, organisation, and its duties with cadences. */
export function ListFormModal({ open, mode, title, initialValues, onClose, onSubmit }: Props) {
  const { m } = useLanguage();
  const l = m.lists;
  const required = (field: string) => ({ required: true, whitespace: true, message: format(m.common.required, { field }) });
  return (
    <FormModal<ListFormValues>
      open={open}
      name={`list-${mode}`}
      title={title}
      width={980}
      okText={mode === 'create' ? m.common.create : m.common.save}
      failedTitle={mode === 'create' ? l.createTitle : m.lifecycle.failed}
      initialValues={{ duties: [{ text: '', cadence: [], evidence: [] }], ...initialValues }}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <Space size="large" wrap className="ql-form-row">
        <Form.Item name="code" label={l.code} rules={mode === 'create' ? [required(l.code), { pattern: CODE, message: m.common.codeRule }] : []}>
          <Input style={{ width: 220 }} maxLength={40} disabled={mode === 'edit'} />
        </Form.Item>
        <Form.Item name="role" label={l.role} rules={[{ required: true, message: format(m.common.requiredChoice, { field: l.role }) }]}>
          <Select style={{ width: 240 }} options={RESPONSIBILITY_ROLES.map((r) => ({ value: r, label: m.responsibilityRoles[r] }))} />
        </Form.Item>
      </Space>
      <Form.Item name="title" label={l.name} rules={[required(l.name)]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="organisation" label={l.organisation}>
        <Input maxLength={200} />
      </Form.Item>
      <fieldset className="ql-fieldset">
        <legend>{l.duties}</legend>
        <Form.List
          name="duties"
          rules={[
            {
              validator: async (_, duties?: unknown[]) => {
                if (!duties || duties.length === 0) throw new Error(format(m.common.required, { field: l.duties }));
                return Promise.resolve();
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => {
                const dutyLabel = format(l.dutyN, { n: i + 1 });
                return (
                  <Card
                    key={field.key}
                    size="small"
                    className="ql-duty-card"
                    title={dutyLabel}
                    extra={
                      <Button size="small" icon={<MinusCircleOutlined />} aria-label={`${l.removeDuty} · ${dutyLabel}`} onClick={() => remove(field.name)}>
                        {l.removeDuty}
                      </Button>
                    }
                  >
                    <Form.Item name={[field.name, 'title']} label={`${dutyLabel} · ${l.dutyTitle}`}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'text']} label={`${dutyLabel} · ${l.dutyText}`} rules={[required(l.dutyText)]}>
                      <Input.TextArea rows={3} maxLength={4000} />
                    </Form.Item>
                    <CadenceEditor duty={field.name} dutyLabel={dutyLabel} />
                    <Form.Item name={[field.name, 'evidence']} label={`${dutyLabel} · ${l.evidence}`} extra={l.evidenceHint}>
                      <LinesInput rows={2} />
                    </Form.Item>
                  </Card>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '', cadence: [], evidence: [] })}>
                {l.addDuty}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </fieldset>
    </FormModal>
  );
}
