import { App, Button, Card, Form, Input, List, Radio, Select, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { approvalPaths } from '../../../api/paths';
import { actBody, type ActFormValues } from '../../../approvals/forms';
import { currentStepIndex, openTask, returnTargets, stepState, tasksOfStep } from '../../../approvals/matter-view';
import { wasLate } from '../../../approvals/time';
import type { Matter, StepTask } from '../../../approvals/types';
import { STEP_ACTIONS } from '../../../i18n/approvals';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf, roleLabel } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { ApprovalsFormModal } from '../components/ApprovalsFormModal';
import { ApprovalsProblemAlert } from '../components/ApprovalsProblemAlert';
import { DueText, MeetingBodyTag } from '../components/Tags';
import { useApprovals } from '../components/useApprovals';

interface Props {
  readonly matter: Matter;
  readonly now: Date;
  readonly onChange: (matter: Matter) => void;
}

const ACTION_COLORS: Readonly<Record<string, string>> = { approve: 'green', reject: 'red', return: 'orange' };

/** One pass through a step: who may act, when it started and is due, and what was done with which opinion. */
function TaskEntry({ task, now }: { readonly task: StepTask; readonly now: Date }) {
  const { m } = useLanguage();
  const a = m.approvals;
  const f = a.flow;
  const late = wasLate(task, now);
  const who =
    task.assignees.length > 0
      ? task.assignees.map((x) => x.name).join(a.common.listSeparator)
      : task.assigneeRole
        ? format(f.byRole, { role: roleLabel(m, task.assigneeRole) })
        : f.noAssignee;
  return (
    <div className="ql-ap-step-block" data-testid="task" data-task-status={task.status} data-step-order={task.stepOrder}>
      <Space wrap size={[12, 4]}>
        <span>
          {f.assignees}{a.common.colon}{who}
        </span>
        <span>
          {f.startedAt}{a.common.colon}{dateTimeText(task.startedAt)}
        </span>
        <span>
          {f.dueAt}{a.common.colon}{task.status === 'open' ? <DueText dueAt={task.dueAt} now={now} /> : dateTimeText(task.dueAt)}
        </span>
        {late && task.status !== 'open' && (
          <Tag color="red" data-testid="task-late">
            {a.common.lateActed}
          </Tag>
        )}
      </Space>
      {task.assignmentNote && <Typography.Paragraph type="secondary" className="ql-small">{task.assignmentNote}</Typography.Paragraph>}
      {task.status === 'open' ? (
        <div>
          <Tag color="processing">{f.waiting}</Tag>
        </div>
      ) : (
        <div>
          <Space wrap size={[12, 4]}>
            {task.action && (
              <Tag color={ACTION_COLORS[task.action] ?? 'default'} data-action={task.action}>
                {labelOf(a.stepActions, task.action)}
                {task.action === 'return' && task.returnedTo !== null ? `${a.common.arrow}${format(f.returnedTo, { n: task.returnedTo })}` : ''}
              </Tag>
            )}
            {!task.action && <Tag>{labelOf(a.taskStatuses, task.status)}</Tag>}
            {task.actorName && (
              <span>
                {f.actor}{a.common.colon}{task.actorName}
              </span>
            )}
            {task.actedAt && (
              <span>
                {f.actedAt}{a.common.colon}{dateTimeText(task.actedAt)}
              </span>
            )}
          </Space>
          {task.opinion && (
            <blockquote className="ql-ap-opinion" data-testid="task-opinion">
              <span className="ql-sr-only">{f.opinion}{a.common.colon}</span>
              <span className="ql-pre">{task.opinion}</span>
            </blockquote>
          )}
        </div>
      )}
    </div>
  );
}

/** 办理: the open step's assignee approves, rejects or returns it, always with a written opinion. */
function ActPanel({ matter, onChange }: { readonly matter: Matter; readonly onChange: (matter: Matter) => void }) {
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.act;
  const { api } = useApprovals();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<ActFormValues>();
  const action = Form.useWatch('action', form);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const task = openTask(matter);
  const targets = returnTargets(matter);
  const stepName = task ? format(a.flow.stepTitle, { n: task.stepOrder, name: task.stepName }) : (matter.currentStepName ?? '');

  const submit = (values: ActFormValues) => {
    modal.confirm({
      title: format(t.title, { step: stepName }),
      content: t.confirm,
      okText: t.submit,
      cancelText: m.common.cancel,
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          onChange(await api.post<Matter>(approvalPaths.act(matter.id), actBody(values, matter.currentStep)));
          form.resetFields();
          void message.success(t.done);
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      },
    });
  };

  return (
    <Card className="ql-ap-card" data-testid="act-panel" id="act-panel" title={<h2 className="ql-h2">{format(t.title, { step: stepName })}</h2>}>
      {error !== null && <ApprovalsProblemAlert id="act-error" error={error} title={t.failed} />}
      <Form<ActFormValues> form={form} name="act" layout="vertical" className="ql-ap-inline-form" initialValues={{ action: 'approve' }} onFinish={submit}>
        <Form.Item name="action" label={t.action} rules={[{ required: true }]}>
          <Radio.Group
            options={STEP_ACTIONS.filter((x) => x !== 'return' || targets.length > 0).map((x) => ({ value: x, label: a.stepActions[x] }))}
            optionType="button"
            buttonStyle="solid"
          />
        </Form.Item>
        {action === 'return' && (
          <Form.Item name="toStep" label={t.toStep} rules={[{ required: true, message: t.toStepRule }]}>
            <Select<number> style={{ maxWidth: 360 }} options={targets.map((s) => ({ value: s.order, label: format(t.toStepOption, { n: s.order, name: s.name }) }))} />
          </Form.Item>
        )}
        <Form.Item name="opinion" label={t.opinion} rules={[{ required: true, whitespace: true, min: 2, max: 2000, message: t.opinionRule }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="act-submit" id="act-submit">
          {t.submit}
        </Button>
      </Form>
    </Card>
  );
}

/** 办理流程: every step of the published flow with its passes, the acting panel and 撤回. */
export function FlowTab({ matter, now, onChange }: Props) {
  const { m } = useLanguage();
  const a = m.approvals;
  const f = a.flow;
  const { api, may } = useApprovals();
  const { message } = App.useApp();
  const [withdrawing, setWithdrawing] = useState(false);
  const steps = [...matter.steps].sort((x, y) => x.order - y.order);

  const withdraw = async ({ reason }: { reason: string }) => {
    onChange(await api.post<Matter>(approvalPaths.withdraw(matter.id), { reason: reason.trim() }));
    void message.success(a.withdraw.done);
  };

  return (
    <section aria-label={f.caption}>
      {matter.can.act && may('task:write') && <ActPanel matter={matter} onChange={onChange} />}
      {matter.can.withdraw && (
        <div className="ql-ap-actions">
          <Button danger data-testid="withdraw" id="withdraw" onClick={() => setWithdrawing(true)}>
            {a.withdraw.button}
          </Button>
        </div>
      )}
      <Steps
        className="ql-ap-steps"
        orientation="vertical"
        data-testid="matter-steps"
        current={currentStepIndex(matter)}
        items={steps.map((s) => {
          const tasks = tasksOfStep(matter, s.order);
          return {
            key: s.order,
            status: stepState(matter, s.order, now),
            title: format(f.stepTitle, { n: s.order, name: s.name }),
            subTitle: (
              <Space size={4} wrap>
                <Tag>{labelOf(m.stepKinds, s.kind)}</Tag>
                <span className="ql-small">{format(f.timeLimit, { n: s.timeLimitDays })}</span>
                {s.meetingBodies.map((b) => (
                  <MeetingBodyTag key={b} body={b} />
                ))}
              </Space>
            ),
            content: (
              <div aria-label={format(f.passesCaption, { n: s.order })} role="group">
                {tasks.length === 0 ? <Typography.Text type="secondary">{f.notStarted}</Typography.Text> : tasks.map((t) => <TaskEntry key={t.id} task={t} now={now} />)}
                {(s.riskPoints.length > 0 || s.controlMeasures.length > 0) && (
                  <List
                    size="small"
                    split={false}
                    className="ql-small"
                    dataSource={[
                      ...s.riskPoints.map((r) => `${f.riskPoints}${a.common.colon}${r}`),
                      ...s.controlMeasures.map((c) => `${f.controlMeasures}${a.common.colon}${c}`),
                    ]}
                    renderItem={(line) => <List.Item className="ql-muted">{line}</List.Item>}
                  />
                )}
              </div>
            ),
          };
        })}
      />
      <ApprovalsFormModal<{ reason: string }>
        open={withdrawing}
        name="withdraw-form"
        title={a.withdraw.title}
        okText={a.withdraw.button}
        failedTitle={a.withdraw.failed}
        onClose={() => setWithdrawing(false)}
        onSubmit={withdraw}
      >
        <Form.Item name="reason" label={a.withdraw.reason} rules={[{ required: true, whitespace: true, min: 2, max: 2000, message: a.withdraw.reasonRule }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </ApprovalsFormModal>
    </section>
  );
}
