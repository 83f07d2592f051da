import { Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { formPath } from '../../../approvals/field-labels';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { fieldProblems, messageIn } from '../../../power-list/problems';
import { ApprovalsProblemAlert } from './ApprovalsProblemAlert';

interface Props<T> {
  readonly open: boolean;
  readonly title: string;
  /** The form's name: prefixes its fields' ids, which must be unique in the page. */
  readonly name: string;
  readonly okText?: string;
  readonly initialValues?: Partial<T>;
  readonly width?: number;
  readonly onClose: () => void;
  /** Sends the values; a rejection is shown in the dialog, wrong fields named and marked. */
  readonly onSubmit: (values: T) => Promise<void>;
  readonly failedTitle?: string;
  readonly onValuesChange?: (changed: Partial<T>, all: T) => void;
  readonly children: ReactNode | ((form: FormInstance<T>) => ReactNode);
}

/**
 * A dialog holding one form (as components/FormModal): validates, sends, closes on success. A 400
 * problem is listed above the form and each wrong field is marked at its input.
 */
export function ApprovalsFormModal<T extends object>({ open, title, name, okText, initialValues, width, onClose, onSubmit, failedTitle, onValuesChange, children }: Props<T>) {
  const { lang, m } = useLanguage();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as T;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      setError(e);
      const marks = fieldProblems(e).map((p) => ({ name: formPath(p.field), errors: [messageIn(p.message, lang)] }));
      if (marks.length > 0) form.setFields(marks as Parameters<typeof form.setFields>[0]);
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
      okButtonProps={{ 'data-testid': `${name}-ok` }}
      afterOpenChange={(isOpen) => {
        if (!isOpen) setError(null);
      }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      {error !== null && <ApprovalsProblemAlert id={`${name}-error`} error={error} title={failedTitle ?? m.approvals.meeting.failed} />}
      <Form<T> form={form} name={name} layout="vertical" initialValues={initialValues} onFinish={() => void submit()} onValuesChange={onValuesChange}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
