/** A dialog around one mutation: it opens with its initial values only, one request
 *  per opening (the confirm button waits while it is in flight, a second click is the
 *  same request), the form keeps its values when the main process refuses and the
 *  refusal shows on its field or above the form; closing it with changes asks first. */
import { useState, type ReactNode } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import type { Api, ApiError, Method } from '../api/client';
import { useApiMutation } from '../api/hooks';
import { useI18n } from '../i18n/i18n';
import { applyApiError } from './forms';
import { useFormSession } from './formSession';

export function ActionDialog<M extends Method, V extends object>({
  open,
  onClose,
  title,
  method,
  toInput,
  done,
  children,
  okText,
  danger,
  testId,
  initialValues,
  width = 520,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  method: M;
  toInput: (values: V) => Api[M]['input'];
  done: (values: V, result: Api[M]['output']) => string;
  children: ReactNode;
  okText?: string;
  danger?: boolean;
  testId: string;
  initialValues?: Partial<V>;
  width?: number;
  /** Called with the main process's answer after success. */
  onDone?: (result: Api[M]['output']) => void;
}) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const mutation = useApiMutation(method, { perOpening: true });
  const session = useFormSession({ form, open, mutation });
  const [refusal, setRefusal] = useState<string | null>(null);
  const close = () => {
    session.finish();
    setRefusal(null);
    onClose();
  };
  const leave = () => void session.confirmLeave().then((ok) => ok && close());
  const submit = async (values: V) => {
    setRefusal(null);
    try {
      const result = await mutation.mutateAsync(toInput(values));
      void message.success(done(values, result));
      close();
      onDone?.(result);
    } catch (e) {
      applyApiError(e as ApiError, form, error, setRefusal);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={leave}
      onOk={() => form.submit()}
      okText={okText ?? t('common.confirm')}
      okButtonProps={{ danger, loading: mutation.isPending, 'data-testid': `${testId}-confirm` }}
      destroyOnHidden
      width={width}
    >
      {refusal && (
        <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid={`${testId}-error`} />
      )}
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        validateTrigger="onBlur"
        onValuesChange={session.onValuesChange}
        onFinish={(v) => void submit(v)}
        data-testid={testId}
      >
        {children}
      </Form>
    </Modal>
  );
}
