import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, InputNumber, Select, Space } from 'antd';
import type { PolicyFormValues } from '../../../approvals/policy-form';
import { MAJORITY_BASES } from '../../../i18n/approvals';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, MEETING_BODIES, STEP_KINDS } from '../../../i18n/messages';
import { ApprovalsFormModal } from '../components/ApprovalsFormModal';
import { YuanInput } from '../components/Terms';

interface Props {
  readonly open: boolean;
  readonly initialValues: PolicyFormValues | undefined;
  readonly onClose: () => void;
  readonly onSubmit: (values: PolicyFormValues) => Promise<void>;
}

/** 修改决策规则: every rule of the policy; saving makes a new version. */
export function PolicyFormModal({ open, initialValues, onClose, onSubmit }: Props) {
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.policy;
  return (
    <ApprovalsFormModal<PolicyFormValues>
      open={open}
      name="policy-form"
      title={t.editTitle}
      width={900}
      failedTitle={t.edit}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <fieldset className="ql-fieldset">
        <legend>{t.matterTypes}</legend>
        <Form.List name="matterTypes">
          {(fields) =>
            fields.map((field) => {
              const type = initialValues?.matterTypes[field.name]?.type;
              const label = type ? a.matterTypes[type] : '';
              return (
                <Space key={field.key} align="start" wrap className="ql-list-row">
                  <Form.Item name={[field.name, 'thresholdAmount']} label={`${label} · ${t.threshold}`} extra={t.thresholdHint}>
                    <YuanInput />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'bodies']}
                    label={`${label} · ${t.bodies}`}
                    rules={[{ required: true, type: 'array', min: 1, max: 4, message: format(m.common.requiredChoice, { field: t.bodies }) }]}
                  >
                    <Select mode="multiple" style={{ minWidth: 360 }} options={MEETING_BODIES.map((b) => ({ value: b, label: m.meetingBodies[b] }))} />
                  </Form.Item>
                </Space>
              );
            })
          }
        </Form.List>
      </fieldset>
      <fieldset className="ql-fieldset">
        <legend>{t.quorum}</legend>
        <Space size="large" wrap className="ql-form-row">
          <Form.Item name="quorumPercent" label={`${t.quorum} · ${t.percent}`} rules={[{ required: true }]}>
            <InputNumber<number> min={0} max={100} precision={2} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="quorumStrict" valuePropName="checked" label={t.strict} extra={t.strictHint}>
            <Checkbox aria-label={`${t.quorum} · ${t.strict}`} />
          </Form.Item>
        </Space>
      </fieldset>
      <fieldset className="ql-fieldset">
        <legend>{t.majority}</legend>
        <Space size="large" wrap className="ql-form-row">
          <Form.Item name="majorityBase" label={t.base} rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={MAJORITY_BASES.map((b) => ({ value: b, label: t.bases[b] }))} />
          </Form.Item>
          <Form.Item name="majorityPercent" label={`${t.majority} · ${t.percent}`} rules={[{ required: true }]}>
            <InputNumber<number> min={0} max={100} precision={2} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="majorityStrict" valuePropName="checked" label={t.strict} extra={t.strictHint}>
            <Checkbox aria-label={`${t.majority} · ${t.strict}`} />
          </Form.Item>
        </Space>
      </fieldset>
      <fieldset className="ql-fieldset">
        <legend>{t.timeLimits}</legend>
        <Form.List name="stepTimeLimits">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => {
                const row = format(t.limitN, { n: i + 1 });
                return (
                  <Space key={field.key} align="start" wrap className="ql-list-row">
                    <Form.Item name={[field.name, 'kind']} label={`${row} · ${t.stepKind}`} rules={[{ required: true }]}>
                      <Select style={{ width: 180 }} options={STEP_KINDS.map((k) => ({ value: k, label: m.stepKinds[k] }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'days']} label={`${row} · ${t.days}`} rules={[{ required: true }]}>
                      <InputNumber<number> min={1} max={365} precision={0} style={{ width: 120 }} />
                    </Form.Item>
                    <Button className="ql-list-remove" icon={<MinusCircleOutlined />} aria-label={`${m.common.delete} ${row}`} onClick={() => remove(field.name)}>
                      {m.common.delete}
                    </Button>
                  </Space>
                );
              })}
              {fields.length < 5 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'review', days: 3 })}>
                  {t.addLimit}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </fieldset>
      <Space size="large" wrap className="ql-form-row">
        <Form.Item name="reminderHours" label={t.reminderHours} rules={[{ required: true }]}>
          <InputNumber<number> min={1} max={168} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="splittingWindowDays" label={t.splittingWindowDays} rules={[{ required: true }]}>
          <InputNumber<number> min={1} max={366} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Space>
    </ApprovalsFormModal>
  );
}
