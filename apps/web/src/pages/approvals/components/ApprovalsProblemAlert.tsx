import { Alert, Button } from 'antd';
import { approvalsFieldLabel } from '../../../approvals/field-labels';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { fieldProblems, messageIn } from '../../../power-list/problems';
import { problemText } from '../../problem-text';

interface Props {
  readonly error: unknown;
  /** What failed ("未能办理"); without it, a load failure. */
  readonly title?: string;
  readonly onRetry?: () => void;
  readonly id?: string;
}

/** A failed call as an alert (like ProblemAlert), naming wrong fields as the approvals area calls them. */
export function ApprovalsProblemAlert({ error, title, onRetry, id }: Props) {
  const { lang, m } = useLanguage();
  const { title: reason, detail } = problemText(error, m);
  const fields = fieldProblems(error);
  return (
    <Alert
      id={id}
      data-testid={id}
      className="ql-problem"
      role="alert"
      type="error"
      showIcon
      title={title ? format(m.common.failedWith, { what: title, reason }) : format(m.common.loadFailed, { reason })}
      description={
        <>
          {fields.length === 0 && detail && <p className="ql-problem-detail">{messageIn(detail, lang)}</p>}
          {fields.length > 0 && (
            <>
              <p className="ql-problem-detail">{m.common.fixFields}</p>
              <ul className="ql-problem-fields">
                {fields.map((f, i) => (
                  <li key={`${f.field}-${String(i)}`}>{format(m.common.fieldProblem, { field: approvalsFieldLabel(f.field, m), message: messageIn(f.message, lang) })}</li>
                ))}
              </ul>
            </>
          )}
        </>
      }
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {m.common.retry}
          </Button>
        )
      }
    />
  );
}
