import { DeleteOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useDeferredValue, useState } from 'react';
import { useParams } from 'react-router';
import type { Alliance } from '#shared/contract/alliances';
import { covers } from '#shared/regions/codes';
import { describeError, ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { regionLabel } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { setFieldErrors } from '../../lib/validation';
import { useAddMember, useAlliance, useCandidates, useRemoveMember } from './api';
import { JointActivitiesCard } from './JointActivitiesCard';
import { fieldRefusals, refusalMessage } from './refusals';

type Member = Alliance['members'][number];

/**
 * One alliance's public page: its member chambers' Party organisations, each with the day it
 * joined, the chamber's feature and its branch's highlight. FIC staff over its region also add
 * and remove members and record the activities the members hold together.
 */
export default function AllianceScreen() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { principal } = useSession();
  const alliance = useAlliance(id);
  if (alliance.isError)
    return <ErrorResult error={alliance.error} retry={() => void alliance.refetch()} />;
  if (alliance.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  const a = alliance.data;
  // FIC staff over the alliance's region keep it; anyone else reads the public page.
  const manages =
    principal?.role === 'fic-admin' &&
    !!principal.regionCode &&
    covers(principal.regionCode, a.regionCode);
  return (
    <>
      <PageHeader
        title={a.name}
        crumbs={[{ title: t('alliance.title'), to: '/alliances' }, { title: a.name }]}
        subtitle={t('alliance.about', {
          region: regionLabel(a.regionCode),
          date: formatDate(a.foundedOn, locale),
        })}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={manages ? 16 : 24}>
          <Card
            size="small"
            title={<h2 className="card-title">{t('alliance.members')}</h2>}
            extra={
              <Typography.Text strong className="alliance-count">
                {t('alliance.branches', { count: a.memberCount })}
              </Typography.Text>
            }
          >
            {a.members.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alliance.noMembers')} />
            ) : (
              <Row gutter={[12, 12]} role="list" aria-label={t('alliance.members')}>
                {a.members.map((m) => (
                  <Col key={m.chamberId} xs={24} md={12} xxl={8} role="listitem">
                    <MemberCard allianceId={a.id} member={m} manages={manages} />
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
        {manages && (
          <Col xs={24} xl={8}>
            <Flex vertical gap={16}>
              <AddMemberCard alliance={a} />
            </Flex>
          </Col>
        )}
        {manages && (
          <Col xs={24}>
            <JointActivitiesCard alliance={a} />
          </Col>
        )}
      </Row>
    </>
  );
}

/** A member chamber as the public reads it; FIC staff can take it out (after a confirmation). */
function MemberCard({
  allianceId,
  member,
  manages,
}: {
  allianceId: string;
  member: Member;
  manages: boolean;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { message } = App.useApp();
  const remove = useRemoveMember(allianceId);
  const programme = (label: string, text: string | null | undefined) =>
    text ? (
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Typography.Text strong>{t('common.labelled', { label, value: '' })}</Typography.Text>
        {text}
      </Typography.Paragraph>
    ) : null;
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      title={<h3 className="card-title">{member.name}</h3>}
      extra={
        manages && (
          <Popconfirm
            title={t('alliance.removeConfirm', { name: member.name })}
            okText={t('alliance.remove')}
            cancelText={t('common.cancel')}
            onConfirm={async () => {
              try {
                await remove.mutateAsync(member.chamberId);
                message.success(t('alliance.removed', { name: member.name }));
              } catch (error) {
                if (error instanceof ApiError && error.status === 401) return;
                message.error(describeError(error, t, i18n.apiMessage));
              }
            }}
          >
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('alliance.removeNamed', { name: member.name })}
            >
              {t('alliance.remove')}
            </Button>
          </Popconfirm>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('alliance.joinedOn', { date: formatDate(member.joinedOn, locale) })}
      </Typography.Paragraph>
      {programme(t('chamber.feature'), member.feature)}
      {programme(t('chamber.branchHighlight'), member.branchHighlight)}
    </Card>
  );
}

interface AddValues {
  chamberId?: string;
  joinedOn?: Dayjs | null;
}

/**
 * Adds a chamber's Party organisation to the alliance. The list offers only chambers of its
 * region with a Party organisation that are not members yet; whatever the API still refuses
 * (a chamber changed meanwhile) is shown beside the field.
 */
function AddMemberCard({ alliance }: { alliance: Alliance }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const [search, setSearch] = useState('');
  const name = useDeferredValue(search.trim());
  const candidates = useCandidates(alliance.regionCode, name, true);
  const add = useAddMember(alliance.id);
  const members = new Set(alliance.members.map((m) => m.chamberId));
  // The one picked stays an option (and keeps its name) whatever is searched next.
  const [picked, setPicked] = useState<{ value: string; label: string }>();
  const found = (candidates.data ?? [])
    .filter((c) => !members.has(c.id))
    .map((c) => ({ value: c.id, label: c.name }));
  const options =
    picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;
  const submit = async (values: AddValues) => {
    if (!values.chamberId) {
      form.setFields([{ name: 'chamberId', errors: [t('alliance.pickChamber')] }]);
      return;
    }
    const chosen = options.find((o) => o.value === values.chamberId)?.label ?? '';
    try {
      await add.mutateAsync({
        chamberId: values.chamberId,
        joinedOn: values.joinedOn?.format('YYYY-MM-DD'),
      });
      message.success(t('alliance.added', { name: chosen }));
      form.resetFields();
      setSearch('');
      setPicked(undefined);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      // A wrong day is said beside the day; any other refusal beside the chamber.
      const fields = fieldRefusals(error, i18n);
      if (fields.length > 0) setFieldErrors(form, fields);
      else form.setFields([{ name: 'chamberId', errors: [refusalMessage(error, i18n)] }]);
    }
  };
  return (
    <Card size="small" title={<h2 className="card-title">{t('alliance.addMember')}</h2>}>
      <Form<AddValues> form={form} name="alliance-member" layout="vertical" onFinish={submit}>
        <Form.Item
          name="chamberId"
          label={t('alliance.chamber')}
          extra={t('alliance.chamberHint')}
          required
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
            loading={candidates.isFetching}
            options={options}
            notFoundContent={t('alliance.noCandidates')}
            onChange={(value: string) => {
              const option = options.find((o) => o.value === value);
              setPicked(option);
              form.setFields([{ name: 'chamberId', errors: [] }]);
            }}
          />
        </Form.Item>
        <Form.Item
          name="joinedOn"
          label={t('alliance.joinedOnLabel')}
          extra={t('alliance.joinedOnHint')}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) =>
              d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(alliance.foundedOn), 'day')
            }
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('alliance.addSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
