import { EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, Modal, Row, Skeleton, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Account, AccountHistoryEntry } from '#shared/contract/accounts';
import { ChamberName } from '../../components/ChamberName';
import { CursorPager } from '../../components/CursorPager';
import { describeError, ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDateTime } from '../../lib/format';
import { type I18n, useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { regionLabel } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { AccountDetails } from './AccountDetails';
import { useAccount, useAccountHistory, useAccountName, useChangeAccountStatus } from './api';
import { AccountStatusTag, contactText } from './labels';

/**
 * One account for FIC staff: who it is, what it may do, the actions on it (edit, disable or
 * enable) and its history, every change with who made it and when (append-only).
 */
export default function AccountScreen() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { principal } = useSession();
  const account = useAccount(id);
  const [dialog, setDialog] = useState(false);
  if (account.isError)
    return <ErrorResult error={account.error} retry={() => void account.refetch()} />;
  if (account.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  const a = account.data;
  const self = a.id === principal?.sub;
  return (
    <>
      <PageHeader
        title={a.name}
        tags={<AccountStatusTag status={a.status} />}
        crumbs={[{ title: t('accounts.title'), to: '/accounts' }, { title: a.name }]}
        extra={
          <>
            <Button
              icon={<EditOutlined />}
              onClick={() => navigate(`/accounts/${encodeURIComponent(a.id)}/edit`)}
            >
              {t('common.edit')}
            </Button>
            {!self && (
              <Button
                danger={a.status === 'active'}
                type={a.status === 'active' ? 'default' : 'primary'}
                onClick={() => setDialog(true)}
              >
                {t(a.status === 'active' ? 'accounts.disable' : 'accounts.enable')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card title={<h2 className="card-title">{t('accounts.record')}</h2>} size="small">
            <AccountDetails account={a} />
            {self && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('accounts.selfNote')}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <HistoryCard id={a.id} />
        </Col>
      </Row>
      {dialog && <StatusDialog account={a} onClose={() => setDialog(false)} />}
    </>
  );
}

/** Disabling (no new token from now on) or enabling again, behind a confirmation. */
function StatusDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const change = useChangeAccountStatus(account.id);
  const action = account.status === 'active' ? 'disable' : 'enable';
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const submit = async () => {
    setProblem(undefined);
    try {
      await change.mutateAsync({ action, ...(reason.trim() && { reason: reason.trim() }) });
      message.success(t(`accounts.done.${action}`, { name: account.name }));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      setProblem(describeError(error, t, i18n.apiMessage));
    }
  };
  return (
    <Modal
      open
      title={t(`accounts.${action}`)}
      okText={t(`accounts.${action}`)}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: action === 'disable', loading: change.isPending }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t(`accounts.confirm.${action}`, { name: account.name })}
      </Typography.Paragraph>
      <Form layout="vertical" name="account-status">
        <Form.Item label={t('actions.reason')} htmlFor="account-status-reason">
          <Input.TextArea
            id="account-status-reason"
            maxLength={500}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
      </Form>
      {problem && (
        <Typography.Text type="danger" role="alert">
          {problem}
        </Typography.Text>
      )}
    </Modal>
  );
}

function HistoryCard({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [cursors, setCursors] = useState<string[]>([]);
  const history = useAccountHistory(id, cursors.at(-1));
  const columns: Column<AccountHistoryEntry>[] = [
    {
      key: 'at',
      title: t('accounts.historyAt'),
      primary: true,
      render: (e) => formatDateTime(e.at, locale),
    },
    {
      key: 'action',
      title: t('accounts.historyAction'),
      render: (e) => t(`accounts.action.${e.action}`),
    },
    { key: 'by', title: t('accounts.historyBy'), render: (e) => <PersonName id={e.by} /> },
    {
      key: 'changes',
      title: t('accounts.historyChanges'),
      // One line a field, so the table fits its card (nothing to scroll sideways).
      render: (e) => (
        <ul className="plain-lines">
          {describeChanges(e, i18n).map(([field, line]) => (
            <li key={field}>{line}</li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <Card title={<h2 className="card-title">{t('accounts.history')}</h2>} size="small">
      {history.isError ? (
        <ErrorResult error={history.error} retry={() => void history.refetch()} />
      ) : (
        <>
          <ResponsiveTable
            caption={t('accounts.history')}
            rows={history.data?.items ?? []}
            loading={history.isFetching}
            columns={columns}
            rowKey={(e) => `${e.version}`}
          />
          <CursorPager
            hasPrevious={cursors.length > 0}
            next={history.data?.nextCursor}
            onPrevious={() => setCursors(cursors.slice(0, -1))}
            onNext={(cursor) => setCursors([...cursors, cursor])}
          />
        </>
      )}
    </Card>
  );
}

function PersonName({ id }: { id: string }) {
  const name = useAccountName(id);
  return <>{name.data ?? id}</>;
}

const FIELD_KEYS = {
  name: 'accounts.name',
  role: 'accounts.role',
  regionCode: 'accounts.region',
  chamberId: 'accounts.chamber',
  contact: 'accounts.contact',
  status: 'accounts.statusLabel',
} as const;

/** "角色：评估专家 → 工商联工作人员" for each field a change touched (and its reason). */
function describeChanges(entry: AccountHistoryEntry, { t }: I18n): [string, ReactNode][] {
  const show = (field: string, value: unknown): ReactNode => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (field === 'role') return t(`auth.role.${value as Account['role']}`);
    if (field === 'status') return t(`accounts.status.${value as Account['status']}`);
    if (field === 'regionCode') return regionLabel(String(value));
    if (field === 'chamberId') return <ChamberName id={String(value)} />;
    if (field === 'contact') return contactText(value as Account['contact']) || t('common.none');
    return String(value);
  };
  const lines = Object.entries(entry.changes).map(([field, { from, to }]): [string, ReactNode] => {
    const label = field in FIELD_KEYS ? t(FIELD_KEYS[field as keyof typeof FIELD_KEYS]) : field;
    return [
      field,
      <>
        {t('common.labelled', { label, value: '' })}
        {entry.action !== 'invite' && (
          <>
            {show(field, from)}
            {' → '}
          </>
        )}
        {show(field, to)}
      </>,
    ];
  });
  if (entry.reason)
    lines.push([
      'reason',
      t('common.labelled', { label: t('actions.reason'), value: entry.reason }),
    ]);
  return lines;
}
