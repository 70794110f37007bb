import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { type Chamber, statusBody } from '#shared/contract/registration';
import { nextStatus, STATUS_ACTION_NAMES, type StatusAction } from '#shared/domain/chamber';
import { describeError } from '../../components/ErrorResult';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { schemaErrors, setFieldErrors } from '../../lib/validation';
import { useChangeStatus } from './api';

const DANGER: StatusAction[] = ['reject', 'suspend', 'deregister'];
const WITH_REASON: StatusAction[] = ['reject', 'suspend', 'deregister'];

/**
 * The moves the status machine allows from where the chamber is, each behind a confirmation.
 * Registering asks for the USCC, checked in the form with the contract's own schema (both check
 * characters) before anything is sent; the API's answer about it lands beside the same field.
 */
export function StatusActions({ chamber }: { chamber: Chamber }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<StatusAction>();
  const allowed = STATUS_ACTION_NAMES.filter((action) => nextStatus(chamber.status, action));
  if (allowed.length === 0)
    return <Typography.Text type="secondary">{t('actions.none')}</Typography.Text>;
  return (
    <>
      <Space wrap>
        {allowed.map((action) => (
          <Button
            key={action}
            type={DANGER.includes(action) ? 'default' : 'primary'}
            danger={DANGER.includes(action)}
            onClick={() => setOpen(action)}
          >
            {t(`actions.${action}`)}
          </Button>
        ))}
      </Space>
      {open && <ActionDialog chamber={chamber} action={open} onClose={() => setOpen(undefined)} />}
    </>
  );
}

function ActionDialog({
  chamber,
  action,
  onClose,
}: {
  chamber: Chamber;
  action: StatusAction;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ uscc?: string; reason?: string }>();
  const change = useChangeStatus(chamber.id);
  const [problem, setProblem] = useState<string>();
  const submit = async () => {
    setProblem(undefined);
    const values = form.getFieldsValue();
    const body = {
      action,
      ...(action === 'register' ? { uscc: values.uscc ?? '' } : {}),
      ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
    };
    const refused = schemaErrors(statusBody, body, i18n.apiMessage);
    if (action === 'register' && !values.uscc?.trim()) {
      refused.push({
        name: ['uscc'],
        errors: [i18n.apiMessage('is required to register a chamber')],
      });
    }
    if (refused.length > 0) {
      setFieldErrors(form, refused);
      return;
    }
    try {
      await change.mutateAsync(body);
      message.success(t(`actions.done.${action}`));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      const uscc = fields.filter((e) => e.path[0] === 'uscc');
      if (uscc.length > 0) {
        form.setFields([{ name: ['uscc'], errors: uscc.map((e) => i18n.apiMessage(e.message)) }]);
      } else {
        setProblem(describeError(error, t, i18n.apiMessage));
      }
    }
  };
  return (
    <Modal
      open
      title={t(`actions.${action}`)}
      okText={t(`actions.${action}`)}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: DANGER.includes(action), loading: change.isPending }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t(`actions.confirm.${action}`, { name: chamber.name })}
      </Typography.Paragraph>
      <Form form={form} name={`status-${action}`} layout="vertical" onFinish={() => void submit()}>
        {action === 'register' && (
          <Form.Item name="uscc" label={t('chamber.uscc')} required>
            <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        )}
        {WITH_REASON.includes(action) && (
          <Form.Item name="reason" label={t('actions.reason')}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        )}
      </Form>
      {problem && (
        <Typography.Text type="danger" role="alert">
          {problem}
        </Typography.Text>
      )}
    </Modal>
  );
}
