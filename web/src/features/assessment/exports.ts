import type { Cycle, Result, Review, Rubric } from '#shared/contract/assessment';
import type { TableColumn } from '#shared/spreadsheets/workbooks';
import { regionLabel } from '../../lib/regions';
import { type Export, filtersLine, type Rows, type Translate } from '../../lib/spreadsheets';

/*
 * A cycle's results as a workbook: the ranks first (rank, chamber, score, grade, eligibility or
 * its vetoes, reviewers, self-score), then one sheet per dimension of the rubric with each
 * chamber's points per indicator (the mean of its submitted reviews, as its score is), the
 * dimension's subtotal and the reviewers' reasons for every deduction.
 */

type Dimension = Rubric['dimensions'][number];

/** Points in tenths (what a sheet accepts), so sums and means are exact until the last step. */
const tenths = (points: number) => Math.round(points * 10);
/** The mean of `sum` tenths over `n` reviews, to 2 decimals; null without a review. */
const mean = (sum: number, n: number) => (n === 0 ? null : Math.round((sum * 10) / n) / 100);

export function resultsExport(
  t: Translate,
  cycle: Cycle,
  results: Result[],
  rubric: Rubric,
  reviews: Rows<Review>,
): Export {
  const submitted = new Map<string, Review[]>();
  for (const review of reviews.items) {
    if (review.status !== 'submitted') continue;
    submitted.set(review.chamberId, [...(submitted.get(review.chamberId) ?? []), review]);
  }
  const title = t('export.resultsTitle', { title: cycle.title });
  const note = filtersLine(
    t,
    [
      { label: t('common.region'), value: regionLabel(cycle.regionCode) },
      { label: t('common.year'), value: t('common.yearValue', { year: cycle.year }) },
      {
        label: t('export.cycleStatus'),
        value: cycle.status === 'finalized' ? t('assess.results') : t('assess.provisional'),
      },
    ],
    reviews.capped,
  );
  const rank: TableColumn<Result> = {
    header: t('common.rank'),
    value: (r) => r.rank,
    format: 'integer',
  };
  const chamber: TableColumn<Result> = { header: t('assess.chamber'), value: (r) => r.name };
  const ranks: TableColumn<Result>[] = [
    rank,
    chamber,
    { header: t('assess.score'), value: (r) => r.score, format: 'decimal' },
    { header: t('assess.grade'), value: (r) => r.grade },
    {
      header: t('assess.eligible'),
      value: (r) =>
        r.eligible
          ? t('assess.eligibleYes')
          : `${t('assess.eligibleNo')}${r.vetoes.length > 0 ? '：' : ''}${r.vetoes
              .map((v) => t(`assess.veto.${v}`))
              .join(t('common.enumSeparator'))}`,
    },
    { header: t('assess.reviewers'), value: (r) => r.reviewers, format: 'integer' },
    { header: t('assess.selfScore'), value: (r) => r.selfScore, format: 'decimal' },
  ];
  const dimensionSheet = (dimension: Dimension) => {
    const points = (r: Result, indicatorIds: string[]) => {
      const own = submitted.get(r.chamberId) ?? [];
      let sum = 0;
      for (const review of own) {
        for (const score of review.scores) {
          if (indicatorIds.includes(score.indicatorId)) sum += tenths(score.points);
        }
      }
      return mean(sum, own.length);
    };
    // Each reason once per indicator, however many reviewers gave it.
    const deductions = (r: Result) =>
      [
        ...new Set(
          dimension.indicators.flatMap((indicator) =>
            (submitted.get(r.chamberId) ?? []).flatMap((review) =>
              review.scores
                .filter((s) => s.indicatorId === indicator.id && s.deductionReason)
                .map((s) =>
                  t('export.deduction', {
                    indicator: indicator.title,
                    reason: s.deductionReason ?? '',
                  }),
                ),
            ),
          ),
        ),
      ].join('；');
    const columns: TableColumn<Result>[] = [
      rank,
      chamber,
      ...dimension.indicators.map(
        (indicator): TableColumn<Result> => ({
          header: t('export.indicator', { title: indicator.title, max: indicator.maxPoints }),
          value: (r) => points(r, [indicator.id]),
          format: 'decimal',
        }),
      ),
      {
        header: t('export.subtotal', { max: dimension.maxPoints }),
        value: (r) =>
          points(
            r,
            dimension.indicators.map((i) => i.id),
          ),
        format: 'decimal',
      },
      { header: t('export.deductions'), value: deductions },
    ];
    return {
      name: dimension.title,
      title: `${title} · ${t('export.indicator', { title: dimension.title, max: dimension.maxPoints })}`,
      note: `${note}。${t('export.pointsNote')}`,
      columns,
      items: results,
    };
  };
  return {
    title,
    rows: results.length,
    capped: reviews.capped,
    tables: [
      { name: t('export.ranks'), title, note, columns: ranks, items: results },
      ...rubric.dimensions.map(dimensionSheet),
    ],
  };
}
