import { type ComponentProps } from 'react';
import { approvalsFieldLabel, formPath } from '../../../approvals/field-labels';
import { FormModal } from '../../../components/FormModal';
import { useLanguage } from '../../../i18n/LanguageProvider';

type Props<T extends object> = Omit<ComponentProps<typeof FormModal<T>>, 'labelOf' | 'markAt'>;

/**
 * The shared form dialog with the approvals area's words for wrong fields (关键要素 · 金额, not the
 * power list's), each wrong field also marked at its input.
 */
export function ApprovalsFormModal<T extends object>(props: Props<T>) {
  const { m } = useLanguage();
  return <FormModal<T> failedTitle={m.approvals.meeting.failed} {...props} labelOf={approvalsFieldLabel} markAt={formPath} />;
}
