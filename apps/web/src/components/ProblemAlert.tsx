import { Alert, Button } from 'antd';
import { useLanguage } from '../i18n/LanguageProvider';
import { format, type Messages } from '../i18n/messages';
import { problemText } from '../pages/problem-text';
import { fieldLabel } from '../power-list/field-labels';
import { fieldProblems, messageIn } from '../power-list/problems';

interface Props {
  readonly error: unknown;
  /** What failed ("流程未能保存"); the problem's title follows it. Without it, a load failure. */
  readonly title?: string;
  readonly onRetry?: () => void;
  readonly id?: string;
  /** How a wrong field is named; the power list's words by default (an area may have its own). */
  readonly labelOf?: (field: string, m: Messages) => string;
}

/** A failed call as an alert: what failed, the problem+json title and detail, and every wrong field. */
export function ProblemAlert({ error, title, onRetry, id, labelOf = fieldLabel }: Props) {
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
                  <li key={`${f.field}-${String(i)}`}>
                    {format(m.common.fieldProblem, { field: labelOf(f.field, m), message: messageIn(f.message, lang) })}
                  </li>
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
