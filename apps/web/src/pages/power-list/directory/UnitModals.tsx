import { Form, Input } from 'antd';
import type { OrgUnit } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export interface NewUnitValues {
  readonly code: string;
  readonly name: string;
  readonly parentId?: string;
}

export interface UnitChangeValues {
  readonly name: string;
  readonly parentId?: string;
}

interface CreateProps {
  readonly open: boolean;
  readonly units: readonly OrgUnit[];
  /** The unit selected in the tree: the new unit goes below it unless the reader says otherwise. */
  readonly parentId: string | null;
  readonly onClose: () => void;
  readonly onSubmit: (values: NewUnitValues) => Promise<void>;
}

/** 新建单元: code, name and (optionally) the parent. */
export function NewUnitModal({ open, units, parentId, onClose, onSubmit }: CreateProps) {
  const { m } = useLanguage();
  const d = m.directory;
  return (
    <FormModal<NewUnitValues>
      open={open}
      name="new-unit"
      title={d.newUnit}
      okText={m.common.create}
      failedTitle={d.newUnit}
      initialValues={parentId ? { parentId } : {}}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <Form.Item name="code" label={d.unitCode} extra={m.common.codeRule} rules={[{ required: true, message: format(m.common.required, { field: d.unitCode }) }, { pattern: CODE, message: m.common.codeRule }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="name" label={d.unitName} rules={[{ required: true, whitespace: true, message: format(m.common.required, { field: d.unitName }) }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="parentId" label={d.parent}>
        <UnitTreeSelect units={units} by="id" allowClear placeholder={d.noParent} />
      </Form.Item>
    </FormModal>
  );
}

interface EditProps {
  readonly open: boolean;
  readonly units: readonly OrgUnit[];
  readonly unit: OrgUnit | null;
  readonly onClose: () => void;
  readonly onSubmit: (values: UnitChangeValues) => Promise<void>;
}

/**
 * 移动/重命名. Every unit is offered as the new parent, its own descendants too: the server refuses a
 * cycle and the dialog shows why (field parentId).
 */
export function UnitChangeModal({ open, units, unit, onClose, onSubmit }: EditProps) {
  const { m } = useLanguage();
  const d = m.directory;
  return (
    <FormModal<UnitChangeValues>
      open={open}
      name="change-unit"
      title={format(d.moveRenameTitle, { name: unit?.name ?? '' })}
      failedTitle={d.moveRename}
      initialValues={unit ? { name: unit.name, ...(unit.parentId ? { parentId: unit.parentId } : {}) } : {}}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <Form.Item name="name" label={d.unitName} rules={[{ required: true, whitespace: true, message: format(m.common.required, { field: d.unitName }) }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="parentId" label={d.parent}>
        <UnitTreeSelect units={units} by="id" allowClear placeholder={d.noParent} />
      </Form.Item>
    </FormModal>
  );
}
