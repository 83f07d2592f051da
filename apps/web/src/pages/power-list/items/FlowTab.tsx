import type { PowerItem } from '../../../api/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { resolvedStepView } from '../../../power-list/step-view';
import type { Directory } from '../useDirectory';
import { FlowEditor } from './FlowEditor';
import { StepsTable } from './StepsTable';

interface Props {
  readonly item: PowerItem;
  readonly directory: Directory;
  /** A draft the caller may write: the flow is edited in place. */
  readonly editable: boolean;
  readonly onSaved: (item: PowerItem) => void;
}

/** 行权流程: the steps as a table; for a draft the caller may write, the flow editor. */
export function FlowTab({ item, directory, editable, onSaved }: Props) {
  const { m } = useLanguage();
  if (editable) return <FlowEditor key={`${item.version.versionId}:${item.version.updatedAt}`} item={item} directory={directory} onSaved={onSaved} />;
  return <StepsTable id="flow-steps" steps={item.flow.steps.map((s) => resolvedStepView(s, m))} sharedBlocks={item.flow.sharedBlocks} />;
}
