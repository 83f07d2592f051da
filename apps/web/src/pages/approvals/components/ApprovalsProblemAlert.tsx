import { type ComponentProps } from 'react';
import { approvalsFieldLabel } from '../../../approvals/field-labels';
import { ProblemAlert } from '../../../components/ProblemAlert';

/** The shared problem alert, naming wrong fields as the approvals area calls them. */
export function ApprovalsProblemAlert(props: Omit<ComponentProps<typeof ProblemAlert>, 'labelOf'>) {
  return <ProblemAlert {...props} labelOf={approvalsFieldLabel} />;
}
