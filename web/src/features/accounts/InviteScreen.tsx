import { App, Button, Card, Flex, Form } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { JURISDICTION } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { setFieldErrors } from '../../lib/validation';
import { AccountFields } from './AccountFields';
import { useInviteAccount } from './api';
import { type AccountValues, accountRefusals, inviteBody, refusalFields } from './form';

/**
 * Invites a person into the caller's region: checked in the form with the contract's schema,
 * sent once (an Idempotency-Key per filled-in form), the API's refusals beside their fields.
 */
export default function InviteScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { principal } = useSession();
  const scope = principal?.regionCode ?? JURISDICTION;
  const [form] = Form.useForm<AccountValues>();
  const invite = useInviteAccount();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [problems, setProblems] = useState<string[]>([]);
  const submit = async (values: AccountValues) => {
    setProblems([]);
    const body = inviteBody(values);
    const refused = accountRefusals(values, body, 'invite', i18n);
    if (refused.length > 0) {
      setFieldErrors(form, refused);
      setProblems([t('apply.checkFields')]);
      return;
    }
    try {
      const account = await invite.mutateAsync({ body, key });
      message.success(t('accounts.invited', { name: account.name }));
      navigate(`/accounts/${encodeURIComponent(account.id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      // The request was refused: what is sent next is another request.
      if (error instanceof ApiError && error.status < 500) setKey(crypto.randomUUID());
      const { fields, rest } =
        error instanceof ApiError ? refusalFields(error.problem, i18n) : { fields: [], rest: [] };
      setFieldErrors(form, fields);
      setProblems([describeError(error, t, i18n.apiMessage), ...rest]);
    }
  };
  return (
    <>
      <PageHeader
        title={t('accounts.inviteTitle')}
        subtitle={t('accounts.inviteSubtitle')}
        crumbs={[{ title: t('accounts.title'), to: '/accounts' }, { title: t('accounts.invite') }]}
      />
      <Card>
        <ProblemsAlert problems={problems} />
        <Form<AccountValues>
          form={form}
          name="invite"
          layout="vertical"
          onFinish={submit}
          initialValues={{ role: 'chamber-officer', regionCode: scope }}
          style={{ maxWidth: 560 }}
        >
          <AccountFields scope={scope} />
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={invite.isPending}>
              {t('accounts.inviteSubmit')}
            </Button>
            <Button onClick={() => navigate('/accounts')}>{t('common.cancel')}</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
