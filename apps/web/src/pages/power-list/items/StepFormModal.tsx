import { Checkbox, Form, Input, InputNumber, Radio } from 'antd';
import type { ActorRef, OrgUnit, Post } from '../../../api/types';
import { ActorListInput } from '../../../components/ActorListInput';
import { ActorRefInput } from '../../../components/ActorRefInput';
import { FormModal } from '../../../components/FormModal';
import { LinesInput } from '../../../components/LinesInput';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, MEETING_BODIES, type MeetingBodyName, STEP_KINDS, type StepKindName } from '../../../i18n/messages';
import type { EditStep } from '../../../power-list/flow-edit';

interface StepFormValues {
  readonly name?: string | null;
  readonly kind: StepKindName;
  readonly actor?: ActorRef | null;
  readonly meetingBodies?: MeetingBodyName[];
  readonly timeLimitDays?: number | null;
  readonly riskPoints?: string[];
  readonly controlMeasures?: string[];
  readonly internalSupervisors?: ActorRef[];
  readonly externalSupervisors?: ActorRef[];
}

interface Props {
  readonly open: boolean;
  /** The step being edited (its 0-based index), or null for a new step. */
  readonly index: number | null;
  readonly step: EditStep;
  readonly units: readonly OrgUnit[];
  readonly posts: readonly Post[];
  readonly onClose: () => void;
  readonly onSave: (step: EditStep) => void;
}

/** One step of a flow: name, kind, actor, meeting bodies (meetings only), time limit, risks, supervisors. */
export function StepFormModal({ open, index, step, units, posts, onClose, onSave }: Props) {
  const { m } = useLanguage();
  const f = m.flow;
  return (
    <FormModal<StepFormValues>
      open={open}
      name="flow-step"
      width={860}
      title={index === null ? f.newStepTitle : format(f.editStepTitle, { n: index + 1 })}
      okText={m.common.confirm}
      initialValues={{ ...step, meetingBodies: [...step.meetingBodies] } as StepFormValues}
      onClose={onClose}
      onSubmit={(v) => {
        onSave({
          name: v.name?.trim() ? v.name.trim() : null,
          kind: v.kind,
          actor: v.actor ?? null,
          meetingBodies: v.kind === 'meeting' ? (v.meetingBodies ?? []) : [],
          timeLimitDays: typeof v.timeLimitDays === 'number' ? v.timeLimitDays : null,
          riskPoints: v.riskPoints ?? [],
          controlMeasures: v.controlMeasures ?? [],
          internalSupervisors: v.internalSupervisors ?? [],
          externalSupervisors: v.externalSupervisors ?? [],
        });
        return Promise.resolve();
      }}
    >
      {(form) => (
        <>
          <Form.Item name="name" label={f.name}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="kind" label={f.kind} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={STEP_KINDS.map((k) => ({ value: k, label: m.stepKinds[k] }))} />
          </Form.Item>
          <Form.Item name="actor" label={f.actor}>
            <ActorRefInput label={f.actor} allowNone units={units} posts={posts} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a: StepFormValues, b: StepFormValues) => a.kind !== b.kind}>
            {() =>
              form.getFieldValue('kind') === 'meeting' && (
                <Form.Item name="meetingBodies" label={f.meetingBodies} extra={f.meetingHint}>
                  <Checkbox.Group options={MEETING_BODIES.map((b) => ({ value: b, label: m.meetingBodies[b] }))} />
                </Form.Item>
              )
            }
          </Form.Item>
          <Form.Item name="timeLimitDays" label={m.powerItem.timeLimitDays}>
            <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="riskPoints" label={f.riskPoints} extra={f.linesHint}>
            <LinesInput rows={3} />
          </Form.Item>
          <Form.Item name="controlMeasures" label={f.controlMeasures} extra={f.linesHint}>
            <LinesInput rows={3} />
          </Form.Item>
          <Form.Item name="internalSupervisors" label={f.internalSupervisors}>
            <ActorListInput label={f.internalSupervisors} units={units} posts={posts} />
          </Form.Item>
          <Form.Item name="externalSupervisors" label={f.externalSupervisors}>
            <ActorListInput label={f.externalSupervisors} units={units} posts={posts} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
