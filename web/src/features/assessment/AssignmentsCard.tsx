import { App, Button, Card, Col, Form, Popconfirm, Row, Select, Tag } from 'antd';
import { useState } from 'react';
import type { Cycle, Review } from '#shared/contract/assessment';
import { describeError } from '../../components/ErrorResult';
import { FormProblem } from '../../components/FormProblem';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import {
  useAssessors,
  useAssign,
  useAssignments,
  useChamberSearch,
  useNamesIn,
  useUnassign,
} from './api';

type Values = { chamberId?: string; assessorId?: string };

/** Which assessors review which chambers of a cycle: the list, and a form to add one. */
export function AssignmentsCard({ cycle }: { cycle: Cycle }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const chambers = useChamberSearch(search, cycle.regionCode);
  const assessors = useAssessors();
  const assignments = useAssignments(cycle.id);
  const assign = useAssign(cycle.id);
  const unassign = useUnassign(cycle.id);
  const names = useNamesIn([cycle.id]);
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  const open = cycle.status === 'open';
  const assessorName = (id: string) => assessors.data?.items.find((a) => a.id === id)?.name ?? id;
  const submit = async (values: Values) => {
    setProblem(undefined);
    if (!values.chamberId || !values.assessorId) return;
    try {
      await assign.mutateAsync({ chamberId: values.chamberId, assessorId: values.assessorId });
      message.success(t('assess.assigned'));
      form.resetFields(['chamberId']);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      setProblem(describeError(error, t, i18n.apiMessage));
    }
  };
  const columns: Column<Review>[] = [
    {
      key: 'chamber',
      title: t('assess.chamber'),
      primary: true,
      render: (a) => names.get(a.chamberId) ?? a.chamberId,
    },
    { key: 'assessor', title: t('assess.assessor'), render: (a) => assessorName(a.assessorId) },
    {
      key: 'status',
      title: t('assess.reviewState'),
      render: (a) => (
        <Tag color={a.status === 'submitted' ? '#237804' : '#0958d9'}>
          {t(`assess.reviewStatus.${a.status}`)}
        </Tag>
      ),
    },
    { key: 'total', title: t('assess.total'), render: (a) => (a.total === null ? '—' : a.total) },
    {
      key: 'assignedAt',
      title: t('assess.assignedAt'),
      render: (a) => formatDateTime(a.assignedAt, locale),
    },
    {
      key: 'withdraw',
      title: t('assess.action'),
      render: (a) =>
        open && a.status === 'assigned' ? (
          <Popconfirm
            title={t('assess.withdrawConfirm', {
              assessor: assessorName(a.assessorId),
              chamber: names.get(a.chamberId) ?? a.chamberId,
            })}
            okText={t('assess.withdraw')}
            cancelText={t('common.cancel')}
            onConfirm={async () => {
              try {
                await unassign.mutateAsync({ chamberId: a.chamberId, assessorId: a.assessorId });
                message.success(t('assess.withdrawn'));
              } catch (error) {
                message.error(describeError(error, t, i18n.apiMessage));
              }
            }}
          >
            <Button size="small">{t('assess.withdraw')}</Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <Card size="small">
      {open && (
        <Form<Values>
          form={form}
          name="assign"
          layout="vertical"
          onFinish={submit}
          aria-label={t('assess.assign')}
        >
          <Row gutter={12} align="bottom">
            <Col xs={24} md={10}>
              <Form.Item
                name="chamberId"
                label={t('assess.chamber')}
                rules={[{ required: true, message: t('assess.pickChamber') }]}
              >
                <Select
                  showSearch={{ filterOption: false, onSearch: setSearch }}
                  placeholder={t('assess.chamberHint')}
                  loading={chambers.isFetching}
                  options={(chambers.data?.items ?? []).map((c) => ({
                    value: c.id,
                    label: c.name,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="assessorId"
                label={t('assess.assessor')}
                rules={[{ required: true, message: t('assess.pickAssessor') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={assessors.isPending}
                  options={(assessors.data?.items ?? []).map((a) => ({
                    value: a.id,
                    label: a.name,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={assign.isPending} block>
                  {t('assess.assign')}
                </Button>
              </Form.Item>
            </Col>
          </Row>
          <FormProblem problem={problem} />
        </Form>
      )}
      <ResponsiveTable
        caption={t('assess.assignments')}
        rows={assignments.data?.items ?? []}
        loading={assignments.isPending}
        columns={columns}
        rowKey={(a) => `${a.chamberId}/${a.assessorId}`}
        emptyText={t('assess.noAssignments')}
      />
    </Card>
  );
}
