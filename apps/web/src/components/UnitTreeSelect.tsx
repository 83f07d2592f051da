import { TreeSelect } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import type { OrgUnit } from '../api/types';
import { unitTree } from '../power-list/org-tree';

interface Props {
  readonly id?: string;
  readonly value?: string | null;
  readonly onChange?: (value: string | undefined) => void;
  readonly units: readonly OrgUnit[];
  /** What the select answers: the unit's id (directory writes) or its code (power items, actor refs). */
  readonly by: 'id' | 'code';
  readonly placeholder?: string;
  readonly allowClear?: boolean;
  readonly 'aria-label'?: string;
  readonly style?: CSSProperties;
}

/** Picks an org unit from the tree. */
export function UnitTreeSelect({ id, value, onChange, units, by, placeholder, allowClear, 'aria-label': ariaLabel, style }: Props) {
  const treeData = useMemo(() => unitTree(units, by === 'code' ? (u) => u.code : (u) => u.id), [units, by]);
  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      style={style ?? { width: '100%' }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder}
      popupMatchSelectWidth={false}
    />
  );
}
