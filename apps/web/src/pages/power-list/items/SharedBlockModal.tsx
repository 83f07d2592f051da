import { Form, Select } from 'antd';
import type { SharedBlock } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { LinesInput } from '../../../components/LinesInput';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';

interface BlockValues {
  readonly appliesToSteps: number[];
  readonly riskPoints?: string[];
  readonly controlMeasures?: string[];
}

interface Props {
  readonly open: boolean;
  /** The block being edited, or null for a new one. */
  readonly block: SharedBlock | null;
  readonly stepCount: number;
  readonly onClose: () => void;
  readonly onSave: (block: Omit<SharedBlock, 'id'>) => void;
}

/** 共用风险框: risk points and control measures printed once for several steps, as the seed's charts do. */
export function SharedBlockModal({ open, block, stepCount, onClose, onSave }: Props) {
  const { m } = useLanguage();
  const f = m.flow;
  const steps = Array.from({ length: stepCount }, (_, i) => ({ value: i + 1, label: format(f.stepN, { n: i + 1 }) }));
  return (
    <FormModal<BlockValues>
      open={open}
      name="shared-block"
      width={720}
      title={block ? `${f.editBlock} ${block.id}` : f.addBlock}
      okText={m.common.confirm}
      initialValues={block ? { appliesToSteps: [...block.appliesToSteps], riskPoints: [...block.riskPoints], controlMeasures: [...block.controlMeasures] } : { appliesToSteps: [] }}
      onClose={onClose}
      onSubmit={(v) => {
        onSave({ appliesToSteps: v.appliesToSteps, riskPoints: v.riskPoints ?? [], controlMeasures: v.controlMeasures ?? [] });
        return Promise.resolve();
      }}
    >
      <Form.Item name="appliesToSteps" label={f.blockSteps} rules={[{ required: true, type: 'array', min: 1, message: f.blockStepsRule }]}>
        <Select<number[]> mode="multiple" options={steps} />
      </Form.Item>
      <Form.Item name="riskPoints" label={f.riskPoints} extra={f.linesHint}>
        <LinesInput rows={4} />
      </Form.Item>
      <Form.Item name="controlMeasures" label={f.controlMeasures} extra={f.linesHint}>
        <LinesInput rows={4} />
      </Form.Item>
    </FormModal>
  );
}
