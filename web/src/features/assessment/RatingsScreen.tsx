import { App, Button, Card, Col, Form, Input, Rate, Row, Select } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Rating } from '#shared/contract/assessment';
import { ratingBody } from '#shared/contract/assessment';
import { describeError } from '../../components/ErrorResult';
import { FormProblem } from '../../components/FormProblem';
import { PageHeader } from '../../components/PageHeader';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { useChamberName } from '../../lib/chambers';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { schemaErrors, setFieldErrors } from '../../lib/validation';
import { recentYears } from '../../lib/years';
import { useChamberSearch, useRate, useRatings } from './api';

type Values = { year?: number; stars?: number; note?: string };

/** Party-branch star ratings (星级党支部): a chamber's ratings by year, and rating a year. */
export default function RatingsScreen() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const chamberId = params.get('chamber') ?? undefined;
  const [search, setSearch] = useState('');
  const chambers = useChamberSearch(search);
  const ratings = useRatings(chamberId);
  const rate = useRate(chamberId ?? '');
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  const submit = async (values: Values) => {
    setProblem(undefined);
    const body = {
      stars: values.stars,
      ...(values.note?.trim() ? { note: values.note.trim() } : {}),
    };
    const refused = schemaErrors(ratingBody, body, i18n.apiMessage);
    if (refused.length > 0 || !values.year) {
      setFieldErrors(form, refused);
      return;
    }
    const existing = ratings.data?.items.find((r) => r.year === values.year);
    try {
      await rate.mutateAsync({
        year: values.year,
        stars: body.stars as number,
        note: body.note,
        version: existing?.version,
      });
      message.success(t('rating.saved', { year: values.year, stars: body.stars as number }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      setProblem(describeError(error, t, i18n.apiMessage));
    }
  };
  const columns: Column<Rating>[] = [
    {
      key: 'year',
      title: t('common.year'),
      primary: true,
      render: (r) => t('common.yearValue', { year: r.year }),
    },
    {
      key: 'stars',
      title: t('rating.stars'),
      render: (r) => (
        <span>
          <span aria-hidden="true" style={{ color: '#d48806' }}>
            {'★'.repeat(r.stars)}
            {'☆'.repeat(5 - r.stars)}
          </span>{' '}
          {t('rating.starsValue', { stars: r.stars })}
        </span>
      ),
    },
    { key: 'note', title: t('rating.note'), render: (r) => r.note ?? '—' },
    {
      key: 'ratedAt',
      title: t('rating.ratedAt'),
      render: (r) => formatDateTime(r.ratedAt, locale),
    },
  ];
  const picked = chambers.data?.items.find((c) => c.id === chamberId);
  // A chamber named by the link (?chamber=) may not be among the first search results.
  const pickedName = useChamberName(chamberId ?? '', !!chamberId && !picked);
  return (
    <>
      <PageHeader title={t('rating.title')} subtitle={t('rating.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <label htmlFor="rating-chamber" style={{ display: 'block', marginBottom: 8 }}>
          {t('assess.chamber')}
        </label>
        <Select
          id="rating-chamber"
          style={{ width: '100%', maxWidth: 480 }}
          showSearch={{ filterOption: false, onSearch: setSearch }}
          placeholder={t('assess.chamberHint')}
          value={chamberId}
          onChange={(id) => setParams({ chamber: id })}
          options={[
            ...(chamberId && !picked ? [{ value: chamberId, label: pickedName ?? chamberId }] : []),
            ...(chambers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
      </Card>
      {chamberId && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card size="small" title={<h2 className="card-title">{t('rating.rate')}</h2>}>
              <Form<Values>
                form={form}
                name="rating"
                layout="vertical"
                onFinish={submit}
                initialValues={{ year: new Date().getFullYear() }}
              >
                <Form.Item name="year" label={t('common.year')} required>
                  <Select
                    options={recentYears().map((y) => ({
                      value: y,
                      label: t('common.yearValue', { year: y }),
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name="stars"
                  label={t('rating.stars')}
                  rules={[{ required: true, message: t('rating.starsRequired') }]}
                >
                  <Rate count={5} aria-label={t('rating.stars')} />
                </Form.Item>
                <Form.Item name="note" label={t('rating.note')}>
                  <Input.TextArea maxLength={500} rows={2} />
                </Form.Item>
                <FormProblem problem={problem} />
                <Button type="primary" htmlType="submit" loading={rate.isPending}>
                  {t('rating.save')}
                </Button>
              </Form>
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card size="small" title={<h2 className="card-title">{t('rating.history')}</h2>}>
              <ResponsiveTable
                caption={t('rating.history')}
                rows={ratings.data?.items ?? []}
                loading={ratings.isPending}
                columns={columns}
                rowKey={(r) => String(r.year)}
                emptyText={t('rating.none')}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
