import { Alert, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Statistic } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Evidence, Rubric } from '#shared/contract/assessment';
import { describeError } from '../../components/ErrorResult';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { setFieldErrors } from '../../lib/validation';
import type { Score } from './api';
import { EvidencePanel } from './EvidencePanel';
import {
  fieldOfPath,
  linesOf,
  readDraft,
  type SheetKind,
  type SheetValues,
  scoresOf,
  sheetErrors,
  sumOf,
  writeDraft,
} from './sheet';

/**
 * The score sheet, for a chamber's officer (self-assessment: a note per indicator) and for an
 * assessor (review: a deduction reason the moment points fall below the maximum). Every indicator
 * with its maximum, the evidence beside it, running totals per dimension and overall; what is
 * typed is kept as a draft in this browser until it is saved.
 */
export function ScoreSheet({
  kind,
  cycleId,
  chamberId,
  rubric,
  evidence,
  saved,
  locked,
  save,
}: {
  kind: SheetKind;
  cycleId: string;
  chamberId: string;
  rubric: Rubric;
  evidence: Evidence | undefined;
  saved: Score[] | undefined;
  locked: boolean;
  save: (scores: Score[]) => Promise<unknown>;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { principal } = useSession();
  const [form] = Form.useForm<SheetValues>();
  const values = Form.useWatch([], form) as SheetValues | undefined;
  const [problems, setProblems] = useState<string[]>([]);
  const [restored, setRestored] = useState(false);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  // The sheet starts from the draft kept in this browser, else from what was saved; a later
  // read of the saved sheet (after saving, or a refetch) replaces it only when no draft is open.
  const seeded = useRef(false);
  useEffect(() => {
    const draft = locked ? undefined : readDraft(kind, cycleId, chamberId);
    if (draft && seeded.current) return;
    form.setFieldsValue({ lines: draft?.lines ?? linesOf(saved) });
    setRestored(!!draft);
    seeded.current = true;
  }, [form, kind, cycleId, chamberId, saved, locked]);
  const byIndicator = useMemo(
    () => new Map(evidence?.indicators.map((line) => [line.indicatorId, line])),
    [evidence],
  );
  const current = values ?? {};
  const title = (part: { title: string; titleEn?: string }) =>
    locale === 'en' && part.titleEn ? part.titleEn : part.title;
  const submit = async () => {
    const all = form.getFieldsValue(true) as SheetValues;
    setProblems([]);
    setDone(false);
    const refused = sheetErrors(rubric, all, kind, {
      missing: t('assess.pointsRequired'),
      translate: i18n.apiMessage,
    });
    if (refused.length > 0) {
      setFieldErrors(form, refused);
      setProblems([t('assess.checkLines', { count: refused.length })]);
      return;
    }
    setSaving(true);
    try {
      await save(scoresOf(rubric, all, kind));
      writeDraft(kind, cycleId, chamberId, undefined);
      setRestored(false);
      setDone(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return; // the draft is kept
      const rest: string[] = [];
      for (const e of error instanceof ApiError ? error.fieldErrors : []) {
        const name = fieldOfPath(rubric, all, kind, e.path);
        if (name) setFieldErrors(form, [{ name, errors: [i18n.apiMessage(e.message)] }]);
        else rest.push(i18n.apiMessage(e.message));
      }
      setProblems([describeError(error, t, i18n.apiMessage), ...rest]);
    } finally {
      setSaving(false);
    }
  };
  const total = sumOf(rubric, current);
  return (
    <Form<SheetValues>
      form={form}
      name={`sheet-${kind}`}
      layout="vertical"
      disabled={locked}
      onValuesChange={(changed: SheetValues, all) => {
        if (!locked) writeDraft(kind, cycleId, chamberId, all);
        setDone(false);
        // A review's points below the maximum ask for the reason at once, not on saving.
        if (kind === 'review') {
          const touched = Object.keys(changed.lines ?? {}).filter(
            (id) => changed.lines?.[id]?.points !== undefined,
          );
          if (touched.length > 0) {
            void form
              .validateFields(touched.map((id) => ['lines', id, 'deductionReason']))
              .catch(() => undefined);
          }
        }
      }}
      onFinish={() => void submit()}
    >
      {locked && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('assess.locked')} />
      )}
      {restored && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('assess.draftRestored')}
          action={
            <Button
              size="small"
              onClick={() => {
                writeDraft(kind, cycleId, chamberId, undefined);
                form.setFieldsValue({ lines: linesOf(saved) });
                setRestored(false);
              }}
            >
              {t('assess.discardDraft')}
            </Button>
          }
        />
      )}
      <ProblemsAlert problems={problems} />
      {rubric.dimensions.map((d) => (
        <Card
          key={d.id}
          size="small"
          style={{ marginBottom: 16 }}
          title={<h2 className="card-title">{title(d)}</h2>}
          extra={
            <span aria-live="polite">
              {t('assess.subtotal', { points: sumOf(rubric, current, d.id), max: d.maxPoints })}
            </span>
          }
        >
          {d.indicators.map((i) => {
            const points = current.lines?.[i.id]?.points;
            const below = typeof points === 'number' && points < i.maxPoints;
            return (
              <Row key={i.id} gutter={16} className="sheet-line">
                <Col xs={24} lg={12}>
                  <Form.Item
                    name={['lines', i.id, 'points']}
                    label={t('assess.indicator', { title: title(i), max: i.maxPoints })}
                    required
                  >
                    <InputNumber
                      min={0}
                      max={i.maxPoints}
                      step={0.5}
                      style={{ width: 140 }}
                      suffix={t('assess.pointsUnit')}
                    />
                  </Form.Item>
                  {kind === 'self' ? (
                    <Form.Item name={['lines', i.id, 'note']} label={t('assess.note')}>
                      <Input maxLength={500} />
                    </Form.Item>
                  ) : (
                    <Form.Item
                      name={['lines', i.id, 'deductionReason']}
                      label={t('assess.deductionReason')}
                      required={below}
                      dependencies={[['lines', i.id, 'points']]}
                      rules={[
                        {
                          validator: async (_, value: string | undefined) => {
                            const p = form.getFieldValue(['lines', i.id, 'points']);
                            if (typeof p === 'number' && p < i.maxPoints && !value?.trim()) {
                              throw new Error(t('assess.reasonRequired', { max: i.maxPoints }));
                            }
                          },
                        },
                      ]}
                      validateTrigger={['onChange', 'onBlur']}
                    >
                      <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
                    </Form.Item>
                  )}
                </Col>
                <Col xs={24} lg={12}>
                  {evidence ? (
                    <EvidencePanel
                      evidence={evidence}
                      line={byIndicator.get(i.id)}
                      role={principal?.role}
                    />
                  ) : null}
                </Col>
              </Row>
            );
          })}
        </Card>
      ))}
      <Card size="small" className="sheet-total">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Statistic
            title={t('assess.total')}
            value={t('assess.totalValue', { points: total, max: rubric.totalPoints })}
          />
          {!locked && (
            <Button type="primary" htmlType="submit" size="large" loading={saving}>
              {kind === 'self' ? t('assess.saveSelf') : t('assess.saveReview')}
            </Button>
          )}
        </Flex>
        {done && (
          <Alert
            type="success"
            showIcon
            role="status"
            style={{ marginTop: 12 }}
            message={t('assess.saved', { points: total })}
          />
        )}
      </Card>
    </Form>
  );
}
