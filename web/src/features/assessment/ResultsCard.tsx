import { App, Button, Card, Flex, Form, Input, Modal, Select, Tag } from 'antd';
import { useState } from 'react';
import type { Cycle, Result, Review, Rubric } from '#shared/contract/assessment';
import { AWARD_LEVELS, VETO_REASONS } from '#shared/domain/assessment';
import { describeError, ErrorResult } from '../../components/ErrorResult';
import { ExportButton } from '../../components/ExportButton';
import { FormProblem } from '../../components/FormProblem';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { allPages } from '../../lib/spreadsheets';
import { type Results, useRecordAward, useResults, useVeto } from './api';
import { resultsExport } from './exports';

/**
 * The results: rank, score, grade, eligibility and how many reviewers, ineligible entries last
 * (as the API orders them). While the cycle is open FIC staff may veto an entry; once it is
 * finalized they record an eligible chamber's award. "导出 Excel" gives the ranks and each
 * dimension's points per indicator.
 */
export function ResultsCard({ cycle }: { cycle: Cycle }) {
  const { t } = useI18n();
  const results = useResults(cycle.id);
  const [vetoing, setVetoing] = useState<Result>();
  const [awarding, setAwarding] = useState<Result>();
  if (results.isError)
    return <ErrorResult error={results.error} retry={() => void results.refetch()} />;
  const open = cycle.status === 'open';
  const columns: Column<Result>[] = [
    {
      key: 'rank',
      title: t('common.rank'),
      render: (r) => (r.rank === null ? '—' : r.rank),
      width: 72,
    },
    { key: 'name', title: t('assess.chamber'), primary: true, render: (r) => r.name },
    {
      key: 'score',
      title: t('assess.score'),
      align: 'right',
      render: (r) => (r.score === null ? '—' : r.score.toFixed(2)),
    },
    { key: 'grade', title: t('assess.grade'), render: (r) => r.grade ?? '—' },
    {
      key: 'eligible',
      title: t('assess.eligible'),
      render: (r) =>
        r.eligible ? (
          <Tag color="#237804">{t('assess.eligibleYes')}</Tag>
        ) : (
          <Tag color="#a8071a">
            {t('assess.eligibleNo')}
            {r.vetoes.length > 0 &&
              `：${r.vetoes.map((v) => t(`assess.veto.${v}`)).join(t('common.enumSeparator'))}`}
          </Tag>
        ),
    },
    { key: 'reviewers', title: t('assess.reviewers'), render: (r) => r.reviewers },
    {
      key: 'self',
      title: t('assess.selfScore'),
      render: (r) => (r.selfScore === null ? '—' : r.selfScore),
    },
    {
      key: 'actions',
      title: t('assess.action'),
      render: (r) =>
        open ? (
          <Button size="small" danger onClick={() => setVetoing(r)}>
            {t('assess.vetoAction')}
          </Button>
        ) : r.eligible && r.score !== null ? (
          <Button size="small" onClick={() => setAwarding(r)}>
            {t('assess.awardAction')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card
      size="small"
      extra={
        <ExportButton
          build={async (api) => {
            const cyclePath = `/v1/assessment-cycles/${encodeURIComponent(cycle.id)}`;
            const [now, rubric, reviews] = await Promise.all([
              api.get<Results>(`${cyclePath}/results`),
              api.get<Rubric>(`/v1/rubrics/${encodeURIComponent(cycle.rubricId)}`),
              allPages<Review>(api, `${cyclePath}/assignments`),
            ]);
            return resultsExport(t, cycle, now.items, rubric, reviews);
          }}
        />
      }
    >
      <ResponsiveTable
        caption={open ? t('assess.provisional') : t('assess.results')}
        rows={results.data?.items ?? []}
        loading={results.isPending}
        columns={columns}
        rowKey={(r) => r.chamberId}
        emptyText={t('assess.noResults')}
      />
      {vetoing && (
        <VetoDialog cycleId={cycle.id} entry={vetoing} onClose={() => setVetoing(undefined)} />
      )}
      {awarding && (
        <AwardDialog cycle={cycle} entry={awarding} onClose={() => setAwarding(undefined)} />
      )}
    </Card>
  );
}

function VetoDialog({
  cycleId,
  entry,
  onClose,
}: {
  cycleId: string;
  entry: Result;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const veto = useVeto(cycleId);
  const [form] = Form.useForm<{ reason?: Result['vetoes'][number]; note?: string }>();
  const [problem, setProblem] = useState<string>();
  const submit = async () => {
    const values = await form.validateFields();
    if (!values.reason) return;
    try {
      await veto.mutateAsync({
        chamberId: entry.chamberId,
        reason: values.reason,
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      });
      message.success(t('assess.vetoed', { name: entry.name }));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      setProblem(describeError(error, t, i18n.apiMessage));
    }
  };
  return (
    <Modal
      open
      title={t('assess.vetoTitle', { name: entry.name })}
      okText={t('assess.vetoConfirm')}
      okButtonProps={{ danger: true, loading: veto.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <p>{t('assess.vetoText')}</p>
      <Form form={form} layout="vertical" name="veto">
        <Form.Item
          name="reason"
          label={t('assess.vetoReason')}
          rules={[{ required: true, message: t('assess.vetoReasonRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={VETO_REASONS.filter((r) => !entry.vetoes.includes(r)).map((r) => ({
              value: r,
              label: t(`assess.veto.${r}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('assess.vetoNote')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
      <FormProblem problem={problem} />
    </Modal>
  );
}

function AwardDialog({
  cycle,
  entry,
  onClose,
}: {
  cycle: Cycle;
  entry: Result;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const record = useRecordAward();
  const [level, setLevel] = useState<(typeof AWARD_LEVELS)[number]>();
  const [problem, setProblem] = useState<string>();
  const submit = async () => {
    if (!level) {
      setProblem(t('assess.levelRequired'));
      return;
    }
    try {
      const award = await record.mutateAsync({
        chamberId: entry.chamberId,
        level,
        year: cycle.year,
        cycleId: cycle.id,
      });
      message.success(t('assess.awarded', { name: entry.name, until: award.validUntil }));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      setProblem(describeError(error, t, i18n.apiMessage));
    }
  };
  return (
    <Modal
      open
      title={t('assess.awardTitle', { name: entry.name })}
      okText={t('assess.awardConfirm')}
      okButtonProps={{ loading: record.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <p>{t('assess.awardText', { year: cycle.year, until: cycle.year + 2 })}</p>
      <Flex vertical gap={8}>
        <label htmlFor="award-level">{t('awards.level')}</label>
        <Select
          id="award-level"
          showSearch={{ optionFilterProp: 'label' }}
          value={level}
          onChange={setLevel}
          options={[...AWARD_LEVELS].reverse().map((l) => ({
            value: l,
            label: t(`awards.level.${l}`),
          }))}
        />
      </Flex>
      <FormProblem problem={problem} />
    </Modal>
  );
}
