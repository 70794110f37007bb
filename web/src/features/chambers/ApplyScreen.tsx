import { App, Button, Card, Form } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { createChamberBody } from '#shared/contract/registration';
import { describeError } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { useDraft } from '../../lib/drafts';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { useCreateChamber } from './api';
import { ChamberFields } from './ChamberFields';
import { createBody, type FormValues, profileOf } from './form';
import { apiRefusal, draftOf, fromDraft, refusals, showFieldErrors } from './validate';

/** FIC staff apply for a chamber (status "applied"); checked in the form, then by the API. */
export default function ApplyScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  // From the coverage screen: "apply here" names the township.
  const [params] = useSearchParams();
  const township = /^\d{9}$/.test(params.get('regionCode') ?? '') ? params.get('regionCode') : null;
  const [form] = Form.useForm<FormValues>();
  const create = useCreateChamber();
  const [problems, setProblems] = useState<string[]>([]);
  // One key per filled-in form: a retry of the same application creates it once.
  const key = useRef<string>(crypto.randomUUID());
  useDraft(
    'chamber-apply',
    () => ({ values: draftOf(form.getFieldsValue(true)), key: key.current }),
    (draft: { values: unknown; key: string }) => {
      form.setFieldsValue(fromDraft(draft.values));
      key.current = draft.key;
    },
  );
  const submit = async (values: FormValues) => {
    setProblems([]);
    const body = createBody(values);
    const refused = refusals(createChamberBody, body, profileOf(values), i18n);
    if (refused.length > 0) {
      setProblems([t('apply.checkFields'), ...showFieldErrors(form, refused)]);
      return;
    }
    try {
      const chamber = await create.mutateAsync({ body, key: key.current });
      message.success(t('apply.created', { name: chamber.name }));
      navigate(`/chambers/${chamber.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return; // signing in again keeps the form
      const rest = apiRefusal(form, error, i18n);
      setProblems([describeError(error, t, i18n.apiMessage), ...rest]);
    }
  };
  return (
    <>
      <PageHeader
        title={t('apply.title')}
        subtitle={t('apply.subtitle')}
        crumbs={[{ title: t('nav.registry'), to: '/chambers' }, { title: t('apply.title') }]}
      />
      <Card>
        <ProblemsAlert problems={problems} />
        <Form<FormValues>
          form={form}
          name="apply"
          layout="vertical"
          onFinish={submit}
          initialValues={{
            relationship: 'supervised',
            partyOrganisation: 'none',
            governmentFunctions: [],
            ...(township ? { kind: 'township', regionCode: township } : {}),
          }}
          scrollToFirstError
        >
          <ChamberFields />
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('apply.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
