import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { CAMPAIGNS, type LedgerEntry } from '#shared/contract/ledger';
import { CursorPager } from '../../components/CursorPager';
import { describeError, ErrorResult } from '../../components/ErrorResult';
import { ExportButton } from '../../components/ExportButton';
import { FormProblem } from '../../components/FormProblem';
import { PageHeader } from '../../components/PageHeader';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDate, formatYuan } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { loadDivisionNames, regionLabel, useDivisionNames } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { allPages } from '../../lib/spreadsheets';
import { recentYears } from '../../lib/years';
import { useChamberRecord, useLedger, useReverseDonation, useVerify } from './api';
import { ledgerExport } from './exports';

type Campaign = (typeof CAMPAIGNS)[number];

/**
 * A chamber's ledger, in chain order: each entry's sequence number and hash, reversals linked
 * to what they reverse, and (for FIC staff, whom the API answers) the chain check as a badge.
 */
export default function LedgerScreen() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { principal } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const recorded = Number(params.get('recorded')) || undefined;
  const year = Number(params.get('year')) || undefined;
  const campaign = (CAMPAIGNS as readonly string[]).includes(params.get('campaign') ?? '')
    ? (params.get('campaign') as Campaign)
    : undefined;
  const [cursors, setCursors] = useState<string[]>([]);
  const chamber = useChamberRecord(id);
  const ledger = useLedger(id, { year, campaign }, cursors.at(-1));
  const filter = (key: 'year' | 'campaign', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('recorded');
    setCursors([]);
    setParams(next);
  };
  const admin = principal?.role === 'fic-admin';
  const [reversing, setReversing] = useState<LedgerEntry>();
  useDivisionNames();
  if (ledger.isError)
    return <ErrorResult error={ledger.error} retry={() => void ledger.refetch()} />;
  const entries = ledger.data?.items ?? [];
  const reversedBy = new Map(
    entries.flatMap((e) => (e.type === 'reversal' ? [[e.reverses, e] as const] : [])),
  );
  const seqOf = (donationId: string) => donationId.slice(donationId.lastIndexOf('.') + 1);
  const columns: Column<LedgerEntry>[] = [
    {
      key: 'seq',
      title: t('ledger.seq'),
      primary: true,
      render: (e) => (
        <span id={`entry-${e.seq}`}>
          {t('ledger.seqValue', { seq: e.seq })}
          {e.seq === recorded && (
            <Tag color="#237804" style={{ marginLeft: 8 }}>
              {t('ledger.justRecorded')}
            </Tag>
          )}
        </span>
      ),
    },
    { key: 'date', title: t('ledger.occurredOn'), render: (e) => formatDate(e.occurredOn, locale) },
    { key: 'campaign', title: t('ledger.campaign'), render: (e) => t(`campaign.${e.campaign}`) },
    {
      key: 'what',
      title: t('ledger.what'),
      render: (e) =>
        e.type === 'reversal' ? (
          <span>
            <Tag color="#ad4e00">{t('ledger.reversal')}</Tag>
            {t('ledger.reverses', { seq: seqOf(e.reverses) })}
            {t('ledger.reasonValue', { reason: e.reason })}
          </span>
        ) : (
          <span>
            {e.donor.name}
            {e.villageCode && ` · ${regionLabel(e.villageCode)}`}
            {e.recipientRegionCode && ` · ${regionLabel(e.recipientRegionCode)}`}
            {' · '}
            {t(`ledger.form.${e.form}`)}
          </span>
        ),
    },
    {
      key: 'amount',
      title: t('ledger.amountShort'),
      align: 'right',
      render: (e) => (
        <span style={{ color: e.amountFen < 0 ? '#a8071a' : undefined, whiteSpace: 'nowrap' }}>
          {formatYuan(e.amountFen, locale)}
        </span>
      ),
    },
    {
      key: 'hash',
      title: t('ledger.hash'),
      render: (e) => (
        <Tooltip title={e.hash}>
          <code title={e.hash}>{e.hash.slice(0, 12)}…</code>
        </Tooltip>
      ),
    },
    {
      key: 'state',
      title: t('ledger.state'),
      render: (e) => {
        if (e.type === 'reversal') return null;
        const reversal = reversedBy.get(e.id);
        if (reversal || e.reversed) {
          return (
            <Tag color="#595959">
              {reversal ? t('ledger.reversedBy', { seq: reversal.seq }) : t('ledger.reversed')}
            </Tag>
          );
        }
        return (
          <Button size="small" danger onClick={() => setReversing(e)}>
            {t('ledger.reverse')}
          </Button>
        );
      },
    },
  ];
  const name = chamber.data?.name ?? '';
  return (
    <>
      <PageHeader
        title={t('ledger.title')}
        subtitle={name}
        crumbs={[
          { title: name || t('nav.myChamber'), to: `/chambers/${encodeURIComponent(id)}` },
          { title: t('ledger.title') },
        ]}
        tags={admin && <ChainBadge chamberId={id} />}
        extra={
          <Space wrap>
            <ExportButton
              build={async (api) => {
                await loadDivisionNames(); // villages' and far counties' names
                const filter = { chamberId: id, year, campaign };
                return ledgerExport(t, name, filter, await allPages(api, '/v1/donations', filter));
              }}
            />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/chambers/${encodeURIComponent(id)}/donations/new`)}
            >
              {t('ledger.recordTitle')}
            </Button>
          </Space>
        }
      />
      <Flex gap={12} wrap className="filters" role="search">
        <Select
          aria-label={t('ledger.campaign')}
          value={campaign ?? ''}
          style={{ minWidth: 160 }}
          onChange={(v) => filter('campaign', v || undefined)}
          options={[
            {
              value: '',
              label: t('common.labelled', { label: t('ledger.campaign'), value: t('common.all') }),
            },
            ...CAMPAIGNS.map((c) => ({ value: c, label: t(`campaign.${c}`) })),
          ]}
        />
        <Select
          aria-label={t('common.year')}
          value={year ?? 0}
          style={{ minWidth: 140 }}
          onChange={(v) => filter('year', v ? String(v) : undefined)}
          options={[
            {
              value: 0,
              label: t('common.labelled', { label: t('common.year'), value: t('common.all') }),
            },
            ...recentYears().map((y) => ({ value: y, label: t('common.yearValue', { year: y }) })),
          ]}
        />
      </Flex>
      <Card size="small">
        <ResponsiveTable
          caption={t('ledger.title')}
          rows={entries}
          loading={ledger.isPending}
          columns={columns}
          rowKey={(e) => e.id}
          emptyText={t('ledger.empty')}
        />
        {(cursors.length > 0 || ledger.data?.nextCursor) && (
          <CursorPager
            hasPrevious={cursors.length > 0}
            next={ledger.data?.nextCursor}
            onPrevious={() => setCursors(cursors.slice(0, -1))}
            onNext={(cursor) => setCursors([...cursors, cursor])}
          />
        )}
      </Card>
      {reversing && reversing.type === 'donation' && (
        <ReverseDialog entry={reversing} onClose={() => setReversing(undefined)} />
      )}
    </>
  );
}

function ChainBadge({ chamberId }: { chamberId: string }) {
  const verify = useVerify(chamberId);
  const { t } = useI18n();
  if (verify.isPending) return <Tag>{t('ledger.chainChecking')}</Tag>;
  if (verify.isError) return <Tag color="#595959">{t('ledger.chainUnknown')}</Tag>;
  const v = verify.data;
  return v.ok ? (
    <Tag color="#237804">{t('ledger.chainOk', { entries: v.entries })}</Tag>
  ) : (
    <Tag color="#a8071a">{t('ledger.chainBroken', { seq: v.firstBadSeq ?? '?' })}</Tag>
  );
}

/** Reverses a donation: a reason, then a confirmation saying what it does. */
function ReverseDialog({
  entry,
  onClose,
}: {
  entry: Extract<LedgerEntry, { type: 'donation' }>;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { message } = App.useApp();
  const reverse = useReverseDonation();
  const [form] = Form.useForm<{ reason?: string }>();
  const [problem, setProblem] = useState<string>();
  const key = useRef(crypto.randomUUID());
  const submit = async () => {
    if (reverse.isPending) return;
    const { reason } = await form.validateFields();
    setProblem(undefined);
    try {
      const reversal = await reverse.mutateAsync({
        id: entry.id,
        reason: (reason ?? '').trim(),
        key: key.current,
      });
      message.success(t('ledger.reversedDone', { seq: reversal.seq }));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        key.current = crypto.randomUUID();
      }
      setProblem(describeError(error, t, i18n.apiMessage));
    }
  };
  return (
    <Modal
      open
      title={t('ledger.reverseTitle', { seq: entry.seq })}
      okText={t('ledger.reverseConfirm')}
      okButtonProps={{ danger: true, loading: reverse.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph>
        {t('ledger.reverseText', {
          donor: entry.donor.name,
          amount: formatYuan(entry.amountFen, locale),
        })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="reversal">
        <Form.Item
          name="reason"
          label={t('ledger.reverseReason')}
          rules={[{ required: true, whitespace: true, message: t('ledger.reasonRequired') }]}
        >
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
      <FormProblem problem={problem} />
    </Modal>
  );
}
