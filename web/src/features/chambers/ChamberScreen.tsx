import { AccountBookOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import type { Chamber } from '#shared/contract/registration';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { regionLabel, useDivisionNames } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { useChamber } from './api';
import { LEADER_FIELDS, MANAGEMENT_FIELDS, PROGRAMME_FIELDS } from './form';
import { StatusTag } from './labels';
import { MembersCard } from './MembersCard';
import { StatusActions } from './StatusActions';

/**
 * A chamber's page: its record, leaders, Party organisation, government functions, four-party
 * management record and members. FIC staff also move it through its status; a chamber officer
 * sees only their own chamber (anything else is the API's 404, shown as the not-found page).
 */
export default function ChamberScreen() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { principal } = useSession();
  const navigate = useNavigate();
  const chamber = useChamber(id);
  // Village and out-of-jurisdiction names (a hometown) load only for the chambers that need them.
  useDivisionNames(
    !!chamber.data && (chamber.data.kind === 'village' || chamber.data.hometownRegionCode !== null),
  );
  if (chamber.isError)
    return <ErrorResult error={chamber.error} retry={() => void chamber.refetch()} />;
  if (chamber.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  const c = chamber.data;
  const admin = principal?.role === 'fic-admin';
  const dash = (value: string | null | undefined) => value || '—';
  return (
    <>
      <PageHeader
        title={c.name}
        tags={<StatusTag status={c.status} />}
        crumbs={
          admin
            ? [{ title: t('nav.registry'), to: '/chambers' }, { title: c.name }]
            : [{ title: t('nav.myChamber') }]
        }
        extra={
          <>
            <Button
              icon={<AccountBookOutlined />}
              onClick={() => navigate(`/chambers/${encodeURIComponent(c.id)}/ledger`)}
            >
              {t('nav.ledger')}
            </Button>
            <Button
              icon={<EditOutlined />}
              onClick={() => navigate(`/chambers/${encodeURIComponent(c.id)}/edit`)}
            >
              {t('common.edit')}
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={<h2 className="card-title">{t('chamber.record')}</h2>} size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('chamber.kind')}>{t(`kind.${c.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('chamber.status')}>
                <StatusTag status={c.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('chamber.region')}>
                {regionLabel(c.regionCode)}
              </Descriptions.Item>
              <Descriptions.Item label={t('chamber.relationship')}>
                {t(`relationship.${c.relationship}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('chamber.uscc')}>
                {c.uscc ? <code>{c.uscc}</code> : '—'}
              </Descriptions.Item>
              {c.hometownRegionCode && (
                <Descriptions.Item label={t('chamber.hometown')}>
                  {regionLabel(c.hometownRegionCode)}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('chamber.industry')}>
                {dash(c.industry)}
              </Descriptions.Item>
              <Descriptions.Item label={t('chamber.foundedOn')}>
                {dash(formatDate(c.foundedOn, locale))}
              </Descriptions.Item>
              <Descriptions.Item label={t('chamber.partyOrganisation')}>
                {t(`party.${c.partyOrganisation}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('chamber.updatedAt')}>
                {t('chamber.updatedVersion', {
                  time: formatDateTime(c.updatedAt, locale),
                  version: c.version,
                })}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {admin && (
              <Card title={<h2 className="card-title">{t('actions.title')}</h2>} size="small">
                <StatusActions chamber={c} />
              </Card>
            )}
            <Card title={<h2 className="card-title">{t('chamber.leaders')}</h2>} size="small">
              <Descriptions column={1} size="small">
                {LEADER_FIELDS.map((field) => (
                  <Descriptions.Item key={field} label={t(`chamber.${field}`)}>
                    {dash(c.leaders[field])}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Card>
          </Space>
        </Col>
        <Col xs={24}>
          <Card title={<h2 className="card-title">{t('chamber.programmes')}</h2>} size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small" layout="vertical">
              {PROGRAMME_FIELDS.map((field) => (
                <Descriptions.Item key={field} label={t(`chamber.${field}`)}>
                  {c[field] ? (
                    <span style={{ whiteSpace: 'pre-wrap' }}>{c[field]}</span>
                  ) : (
                    <Typography.Text type="secondary">
                      {t('chamber.programmeEmpty')}
                    </Typography.Text>
                  )}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={<h2 className="card-title">{t('chamber.governmentFunctions')}</h2>}
            size="small"
          >
            <Functions chamber={c} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="card-title">{t('chamber.management')}</h2>} size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              {MANAGEMENT_FIELDS.map((field) => (
                <Descriptions.Item key={field} label={t(`chamber.${field}`)}>
                  {dash(c.management[field])}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24}>
          <MembersCard chamberId={c.id} chamberName={c.name} />
        </Col>
      </Row>
    </>
  );
}

function Functions({ chamber }: { chamber: Chamber }) {
  const { t } = useI18n();
  if (chamber.governmentFunctions.length === 0) {
    return <Typography.Text type="secondary">{t('chamber.noFunctions')}</Typography.Text>;
  }
  return (
    <Space wrap>
      {chamber.governmentFunctions.map((f) => (
        <Tag key={f} color="blue">
          {t(`function.${f}`)}
        </Tag>
      ))}
    </Space>
  );
}
