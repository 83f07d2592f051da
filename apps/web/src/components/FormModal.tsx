import { Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useLanguage } from '../i18n/LanguageProvider';
import { type Messages } from '../i18n/messages';
import { fieldProblems, messageIn } from '../power-list/problems';
import { ProblemAlert } from './ProblemAlert';

interface Props<T> {
  readonly open: boolean;
  readonly title: string;
  /** The form's name: prefixes its fields' ids, which must be unique in the page. */
  readonly name: string;
  readonly okText?: string;
  readonly initialValues?: Partial<T>;
  readonly width?: number;
  readonly onClose: () => void;
  /** Sends the values; a rejection is shown in the dialog (problem+json, wrong fields named). */
  readonly onSubmit: (values: T) => Promise<void>;
  /** What failed, for the alert ("未能保存"). */
  readonly failedTitle?: string;
  readonly onValuesChange?: (changed: Partial<T>, all: T) => void;
  /** How the alert names a wrong field (ProblemAlert's default otherwise). */
  readonly labelOf?: (field: string, m: Messages) => string;
  /** When given, each wrong field of a 400 is also marked at its input, at this form path. */
  readonly markAt?: (field: string) => (string | number)[];
  readonly children: ReactNode | ((form: FormInstance<T>) => ReactNode);
}

/**
 * A dialog holding one form: validates, sends, shows what the server refused, closes on success.
 * The form is rebuilt on every opening, so it starts from `initialValues`.
 */
export function FormModal<T extends object>({ open, title, name, okText, initialValues, width, onClose, onSubmit, failedTitle, onValuesChange, labelOf, markAt, children }: Props<T>) {
  const { lang, m } = useLanguage();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    // The whole store, not only the mounted fields: a form may carry values it does not show
    // (a cadence's 报告对象, which evidence a duty states) and must send them back.
    const values = form.getFieldsValue(true) as T;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      setError(e);
      if (markAt) {
        const marks = fieldProblems(e).map((p) => ({ name: markAt(p.field), errors: [messageIn(p.message, lang)] }));
        if (marks.length > 0) form.setFields(marks as Parameters<typeof form.setFields>[0]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText ?? m.common.save}
      cancelText={m.common.cancel}
      confirmLoading={busy}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (!isOpen) setError(null);
      }}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': `${name}-ok` }}
    >
      {error !== null && <ProblemAlert id={`${name}-error`} error={error} title={failedTitle ?? m.lifecycle.failed} {...(labelOf ? { labelOf } : {})} />}
      <Form<T> form={form} name={name} layout="vertical" initialValues={initialValues} onFinish={() => void submit()} onValuesChange={onValuesChange}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
