import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type Alliance, allianceBody } from '#shared/contract/alliances';
import { CursorPager } from '../../components/CursorPager';
import { describeError, ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { useDraft } from '../../lib/drafts';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { countiesWithin, JURISDICTION, regionLabel } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { schemaErrors, setFieldErrors } from '../../lib/validation';
import { useAlliances, useCreateAlliance } from './api';
import { fieldRefusals } from './refusals';

/**
 * Party-building alliances of the jurisdiction (public): name, region, founding day, how many
 * chamber Party organisations belong. FIC staff also found one here.
 */
export default function AlliancesScreen() {
  const { t, locale } = useI18n();
  const { principal } = useSession();
  const [cursors, setCursors] = useState<string[]>([]);
  const alliances = useAlliances(JURISDICTION, cursors.at(-1));
  const columns: Column<Alliance>[] = [
    {
      key: 'name',
      title: t('alliance.name'),
      primary: true,
      render: (a) => <Link to={`/alliances/${encodeURIComponent(a.id)}`}>{a.name}</Link>,
    },
    { key: 'region', title: t('common.region'), render: (a) => regionLabel(a.regionCode) },
    {
      key: 'foundedOn',
      title: t('alliance.foundedOn'),
      render: (a) => formatDate(a.foundedOn, locale),
    },
    {
      key: 'members',
      title: t('alliance.memberCount'),
      align: 'right',
      render: (a) => t('alliance.branches', { count: a.memberCount }),
    },
  ];
  return (
    <>
      <PageHeader title={t('alliance.title')} subtitle={t('alliance.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={principal?.role === 'fic-admin' ? 16 : 24}>
          <Card size="small">
            {alliances.isError ? (
              <ErrorResult error={alliances.error} retry={() => void alliances.refetch()} />
            ) : (
              <ResponsiveTable
                caption={t('alliance.title')}
                rows={alliances.data?.items ?? []}
                columns={columns}
                rowKey={(a) => a.id}
                loading={alliances.isPending}
                emptyText={t('alliance.none')}
              />
            )}
            <CursorPager
              hasPrevious={cursors.length > 0}
              next={alliances.data?.nextCursor}
              onPrevious={() => setCursors((list) => list.slice(0, -1))}
              onNext={(cursor) => setCursors((list) => [...list, cursor])}
            />
          </Card>
        </Col>
        {principal?.role === 'fic-admin' && (
          <Col xs={24} xl={8}>
            <FoundAlliance scope={principal.regionCode ?? JURISDICTION} />
          </Col>
        )}
      </Row>
    </>
  );
}

interface FoundValues {
  name?: string;
  regionCode?: string;
  foundedOn?: Dayjs | null;
}

/** FIC staff found an alliance in their region: checked with the API's schema, then sent once. */
function FoundAlliance({ scope }: { scope: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FoundValues>();
  const create = useCreateAlliance();
  const [problem, setProblem] = useState<string>();
  // One key per filled-in form: a retry after a lost answer founds the alliance once.
  const key = useRef<string>(crypto.randomUUID());
  useDraft(
    'alliance-found',
    () => {
      const v = form.getFieldsValue();
      return { ...v, foundedOn: v.foundedOn?.format('YYYY-MM-DD') ?? null, key: key.current };
    },
    (draft: Omit<FoundValues, 'foundedOn'> & { foundedOn: string | null; key: string }) => {
      form.setFieldsValue({ ...draft, foundedOn: draft.foundedOn ? dayjs(draft.foundedOn) : null });
      key.current = draft.key;
    },
  );
  const regions = [
    ...(scope.length === 6 && scope.endsWith('00')
      ? [{ code: scope, name: regionLabel(scope) }]
      : []),
    ...countiesWithin(scope),
  ];
  const submit = async (values: FoundValues) => {
    setProblem(undefined);
    const body = {
      name: values.name?.trim() ?? '',
      regionCode: values.regionCode ?? '',
      foundedOn: values.foundedOn?.format('YYYY-MM-DD') ?? '',
    };
    const refused = schemaErrors(allianceBody, body, i18n.apiMessage);
    if (refused.length > 0) {
      setFieldErrors(form, refused);
      return;
    }
    try {
      const alliance = await create.mutateAsync({ body, key: key.current });
      message.success(t('alliance.founded', { name: alliance.name }));
      navigate(`/alliances/${encodeURIComponent(alliance.id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      const fields = fieldRefusals(error, i18n);
      if (fields.length > 0) setFieldErrors(form, fields);
      else setProblem(describeError(error, t, i18n.apiMessage));
    }
  };
  return (
    <Card size="small" title={<h2 className="card-title">{t('alliance.found')}</h2>}>
      <ProblemsAlert problems={problem ? [problem] : []} />
      <Form<FoundValues>
        form={form}
        name="alliance-found"
        layout="vertical"
        onFinish={submit}
        initialValues={{ regionCode: regions[0]?.code }}
      >
        <Form.Item name="name" label={t('alliance.name')} required>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('common.region')} required>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={regions.map((r) => ({ value: r.code, label: r.name }))}
          />
        </Form.Item>
        <Form.Item name="foundedOn" label={t('alliance.foundedOn')} required>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('alliance.foundSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
