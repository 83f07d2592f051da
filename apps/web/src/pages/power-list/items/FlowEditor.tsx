import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space } from 'antd';
import { useMemo, useState } from 'react';
import { paths } from '../../../api/paths';
import type { PowerItem } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { stepIndexOf } from '../../../power-list/field-labels';
import { addStep, type EditFlow, emptyStep, moveStep, removeBlock, removeStep, replaceStep, toEditFlow, toFlowBody, upsertBlock } from '../../../power-list/flow-edit';
import { fieldProblems } from '../../../power-list/problems';
import { editStepView } from '../../../power-list/step-view';
import { useSession } from '../../../session/SessionProvider';
import type { Directory } from '../useDirectory';
import { SharedBlockModal } from './SharedBlockModal';
import { StepFormModal } from './StepFormModal';
import { StepsTable } from './StepsTable';

interface Props {
  readonly item: PowerItem;
  readonly directory: Directory;
  /** The saved version, as PUT …/flow answered it. */
  readonly onSaved: (item: PowerItem) => void;
}

/** The draft's flow, editable: add, edit, move and delete steps and shared boxes, then save the whole flow (PUT …/flow). */
export function FlowEditor({ item, directory, onSaved }: Props) {
  const { m } = useLanguage();
  const f = m.flow;
  const { api } = useSession();
  const { message, modal } = App.useApp();
  const saved = useMemo(() => toEditFlow(item.flow), [item.flow]);
  const [flow, setFlow] = useState<EditFlow>(saved);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<{ index: number | null } | null>(null);
  const [editingBlock, setEditingBlock] = useState<{ index: number | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const change = (next: EditFlow) => {
    setFlow(next);
    setDirty(true);
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const answer = await api.put<PowerItem>(paths.flow(item.id, item.version.versionNo), toFlowBody(flow));
      setDirty(false);
      void message.success(f.saved);
      onSaved(answer);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const flagged = new Set(fieldProblems(error).flatMap((p) => {
    const i = stepIndexOf(p.field);
    return i === null ? [] : [i];
  }));
  const views = flow.steps.map((s, i) => editStepView(s, i, m, directory.names));
  const last = flow.steps.length - 1;
  const editedStep = editing?.index === null || editing === null ? emptyStep() : (flow.steps[editing.index] ?? emptyStep());

  return (
    <div className="ql-flow-editor">
      <Space wrap className="ql-flow-toolbar">
        <Button icon={<PlusOutlined />} onClick={() => setEditing({ index: null })}>
          {f.addStep}
        </Button>
        <Button id="add-shared-block" disabled={flow.steps.length === 0} onClick={() => setEditingBlock({ index: null })}>
          {f.addBlock}
        </Button>
        <Button id="save-flow" type="primary" disabled={!dirty} loading={saving} onClick={() => void save()}>
          {f.save}
        </Button>
        <Button
          disabled={!dirty}
          onClick={() => {
            setFlow(saved);
            setDirty(false);
            setError(null);
          }}
        >
          {f.discard}
        </Button>
      </Space>
      {dirty && <Alert className="ql-flow-notice" type="warning" showIcon title={f.unsaved} />}
      {error !== null && <ProblemAlert id="flow-error" error={error} title={f.saveFailed} />}
      <StepsTable
        id="flow-steps"
        steps={views}
        sharedBlocks={flow.sharedBlocks}
        flagged={flagged}
        blockActions={(block, i) => (
          <Space size={4} wrap>
            <Button size="small" aria-label={`${f.editBlock} ${block.id}`} onClick={() => setEditingBlock({ index: i })}>
              {f.editStep}
            </Button>
            <Button
              size="small"
              danger
              aria-label={`${f.deleteBlock} ${block.id}`}
              onClick={() =>
                void modal.confirm({
                  title: format(f.deleteBlockConfirm, { id: block.id }),
                  okText: f.deleteStep,
                  okButtonProps: { danger: true },
                  cancelText: m.common.cancel,
                  onOk: () => change(removeBlock(flow, i)),
                })
              }
            >
              {f.deleteStep}
            </Button>
          </Space>
        )}
        actions={(_, i) => {
          const n = i + 1;
          return (
            <Space size={4} wrap role="group" aria-label={format(f.rowActions, { n })}>
              <Button size="small" aria-label={`${f.editStep} ${format(f.stepN, { n })}`} onClick={() => setEditing({ index: i })}>
                {f.editStep}
              </Button>
              <Button size="small" aria-label={`${f.moveUp} ${format(f.stepN, { n })}`} disabled={i === 0} onClick={() => change(moveStep(flow, i, -1))}>
                {f.moveUp}
              </Button>
              <Button size="small" aria-label={`${f.moveDown} ${format(f.stepN, { n })}`} disabled={i === last} onClick={() => change(moveStep(flow, i, 1))}>
                {f.moveDown}
              </Button>
              <Button
                size="small"
                danger
                aria-label={`${f.deleteStep} ${format(f.stepN, { n })}`}
                onClick={() =>
                  void modal.confirm({
                    title: format(f.deleteConfirm, { n }),
                    okText: f.deleteStep,
                    okButtonProps: { danger: true },
                    cancelText: m.common.cancel,
                    onOk: () => change(removeStep(flow, i)),
                  })
                }
              >
                {f.deleteStep}
              </Button>
            </Space>
          );
        }}
      />
      <StepFormModal
        open={editing !== null}
        index={editing?.index ?? null}
        step={editedStep}
        units={directory.units}
        posts={directory.posts}
        onClose={() => setEditing(null)}
        onSave={(step) => change(editing?.index === null || editing === null ? addStep(flow, step) : replaceStep(flow, editing.index, step))}
      />
      <SharedBlockModal
        open={editingBlock !== null}
        block={editingBlock?.index == null ? null : (flow.sharedBlocks[editingBlock.index] ?? null)}
        stepCount={flow.steps.length}
        onClose={() => setEditingBlock(null)}
        onSave={(block) => change(upsertBlock(flow, editingBlock?.index ?? null, block))}
      />
    </div>
  );
}
