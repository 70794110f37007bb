import type { Stats } from '#shared/contract/ledger';
import { CAMPAIGN_LABELS } from './columns';
import type { Table, TableColumn } from './workbooks';

/*
 * The statistics report a city FIC hands to the province: a year's donations by campaign and by
 * county, in 元 with thousands separators, each sheet with its title, a frozen header, filters
 * and a totals row (donor and village counts are distinct counts, so they are not summed).
 */
export interface ReportInput {
  /** The region's name (滨州市). */
  region: string;
  year: number | null;
  /** Totals of each campaign (the all-campaigns item, campaign null, is left out). */
  byCampaign: Stats[];
  byCounty: { name: string; stats: Stats }[];
}

type Row = { label: string; stats: Stats };

const measures = (first: string): TableColumn<Row>[] => [
  { header: first, value: (r) => r.label },
  { header: '金额（元）', value: (r) => r.stats.amountFen, format: 'yuan', total: true },
  { header: '笔数', value: (r) => r.stats.entries, format: 'integer', total: true },
  { header: '捐赠企业数', value: (r) => r.stats.donors, format: 'integer' },
  { header: '帮扶人数', value: (r) => r.stats.peopleHelped, format: 'integer', total: true },
  { header: '结对村数', value: (r) => r.stats.villages, format: 'integer' },
];

export function statisticsReport(input: ReportInput): Table<Row>[] {
  const period = input.year === null ? '历年' : `${input.year}年`;
  return [
    {
      name: '按项目',
      title: `${input.region}${period}捐赠统计（按项目）`,
      columns: measures('项目'),
      items: input.byCampaign
        .filter((s) => s.campaign !== null)
        .map((stats) => ({
          label: CAMPAIGN_LABELS[stats.campaign as keyof typeof CAMPAIGN_LABELS],
          stats,
        })),
      totals: true,
    },
    {
      name: '按县区',
      title: `${input.region}${period}捐赠统计（按县区）`,
      columns: measures('县（市、区）'),
      items: input.byCounty.map(({ name, stats }) => ({ label: name, stats })),
      totals: true,
    },
  ];
}
