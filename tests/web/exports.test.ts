import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Account } from '#shared/contract/accounts';
import type { Cycle, Result, Review, Rubric } from '#shared/contract/assessment';
import type { LedgerEntry } from '#shared/contract/ledger';
import type { Ranking } from '#shared/contract/rankings';
import type { Chamber, Member } from '#shared/contract/registration';
import type { OverdueVisit } from '#shared/contract/supervision';
import { SHIPPED_RUBRICS } from '#shared/domain/rubrics/index';
import { type Table, writeTables } from '#shared/spreadsheets/workbooks';
import { accountsExport } from '../../web/src/features/accounts/exports';
import { resultsExport } from '../../web/src/features/assessment/exports';
import { membersExport, registryExport } from '../../web/src/features/chambers/exports';
import { ledgerExport } from '../../web/src/features/ledger/exports';
import { rankingExport } from '../../web/src/features/rankings/exports';
import { overdueExport, reportsExport } from '../../web/src/features/supervision/exports';
import type { ApiClient, Query } from '../../web/src/lib/api';
import { type MessageKey, translate, type Vars } from '../../web/src/lib/i18n';
import {
  allPages,
  EXPORT_CAP,
  type Export,
  exportFileName,
  filtersLine,
} from '../../web/src/lib/spreadsheets';

/*
 * What each list's "导出 Excel" puts in the file, from the API's pages: the sheets, their Chinese
 * headers, the filters line under the title, every page up to the cap, and the cells as written.
 */
const t = (key: MessageKey, vars?: Vars) => translate('zh-CN', key, vars);
const headers = (table: Table<unknown> | undefined) => table?.columns.map((c) => c.header);
// biome-ignore lint/suspicious/noExplicitAny: a table's rows as the person reads them
const cells = (table: Table<any> | undefined) =>
  table?.items.map((item) => table.columns.map((c) => c.value(item) ?? null));
const first = (workbook: Export) => workbook.tables[0];

/** An API answering GET `path` from pages keyed by cursor, recording each query. */
function pagedApi<T>(pages: T[][]) {
  const queries: Query[] = [];
  const api = {
    get: async (_path: string, query: Query = {}) => {
      queries.push(query);
      const at = Number(query.cursor ?? 0);
      return { items: pages[at] ?? [], nextCursor: at + 1 < pages.length ? String(at + 1) : null };
    },
  } as unknown as ApiClient;
  return { api, queries };
}

describe('every page of a list', () => {
  it('follows the cursor with the list’s filters, 100 at a time', async () => {
    const { api, queries } = pagedApi([[1, 2], [3], [4, 5]]);
    const rows = await allPages<number>(api, '/v1/chambers', { kind: 'industry' });
    expect(rows).toEqual({ items: [1, 2, 3, 4, 5], capped: false });
    expect(queries).toEqual([
      { kind: 'industry', cursor: undefined, limit: 100 },
      { kind: 'industry', cursor: '1', limit: 100 },
      { kind: 'industry', cursor: '2', limit: 100 },
    ]);
  });

  it('stops at the cap and says the list was cut', async () => {
    const { api, queries } = pagedApi([[1, 2], [3, 4], [5, 6], [7]]);
    expect(await allPages<number>(api, '/x', {}, 3)).toEqual({ items: [1, 2, 3], capped: true });
    expect(queries).toHaveLength(2);
    expect(await allPages<number>(api, '/x', {}, 7)).toEqual({
      items: [1, 2, 3, 4, 5, 6, 7],
      capped: false,
    });
  });

  it('writes the filters, or that none were set, and the cap when it was reached', () => {
    expect(
      filtersLine(t, [
        { label: '县区', value: '滨城区' },
        { label: '类型', value: '' },
        { label: '状态', value: '已登记' },
      ]),
    ).toBe('筛选条件：县区：滨城区；状态：已登记');
    expect(filtersLine(t, [])).toBe('筛选条件：无（全部）');
    expect(filtersLine(t, [], true)).toContain(`只含前 ${EXPORT_CAP} 行，请缩小筛选范围`);
  });

  it('names the file after the list and the day in China', () => {
    expect(exportFileName('商会名录', new Date('2026-11-29T17:00:00Z'))).toBe(
      '商会名录-2026-11-30.xlsx',
    );
  });
});

describe('the lists’ workbooks', () => {
  const chamber = {
    id: 'c1',
    name: '滨州市测试商会',
    kind: 'industry',
    regionCode: '371602',
    relationship: 'group-member',
    status: 'registered',
    uscc: '51371600MJD000001X',
    foundedOn: '2019-05-04',
    leaders: { president: '张三' },
    partyOrganisation: 'branch',
  } as unknown as Chamber;

  it('the registry: its filters in the title’s row, Chinese headers, dates as dates', () => {
    const workbook = registryExport(
      t,
      '371600',
      { regionCode: '371602', relationship: 'group-member' },
      { items: [chamber], capped: false },
    );
    const table = first(workbook);
    expect(workbook.title).toBe('商会名录');
    expect(table?.note).toBe('筛选条件：地区：滨城区；与工商联的关系：团体会员');
    expect(headers(table)?.slice(0, 7)).toEqual([
      '商会名称',
      '类型',
      '所在地区',
      '与工商联的关系',
      '状态',
      '统一社会信用代码',
      '成立日期',
    ]);
    expect(cells(table)?.[0]?.slice(0, 5)).toEqual([
      '滨州市测试商会',
      '行业商协会',
      '滨城区',
      '团体会员',
      '已登记',
    ]);
    expect(table?.columns[6]?.format).toBe('date');
    // No county chosen: the person's region is the scope written.
    expect(first(registryExport(t, '371600', {}, { items: [], capped: false }))?.note).toBe(
      '筛选条件：地区：滨州市',
    );
  });

  it('a chamber’s members: name, USCC and the day they joined', () => {
    const members: Member[] = [
      {
        chamberId: 'c1',
        name: '某企业',
        uscc: '91371600MA3C000000',
        joinedAt: '2024-03-01T16:30:00Z',
      },
    ];
    const table = first(membersExport(t, '滨州市测试商会', { items: members, capped: false }));
    expect(table?.title).toBe('滨州市测试商会会员企业');
    expect(headers(table)).toEqual(['企业名称', '统一社会信用代码', '入会时间']);
    expect(cells(table)).toEqual([['某企业', '91371600MA3C000000', '2024-03-01T16:30:00Z']]);
    expect(table?.columns[2]?.format).toBe('date');
  });

  it('a ledger: donations and reversals in 元, a totals row that nets them, its filters', () => {
    const base = { chamberId: 'c1', prevHash: '', hash: 'h', recordedBy: 'u' };
    const entries: LedgerEntry[] = [
      {
        ...base,
        id: 'c1.1',
        seq: 1,
        type: 'donation',
        donor: { name: '某企业', uscc: '91371600MA3C000000' },
        campaign: 'public-welfare',
        form: 'money',
        amountFen: 120_050,
        peopleHelped: 3,
        occurredOn: '2024-06-01',
        regionCode: '371602',
        recordedAt: '2024-06-02T01:00:00Z',
      },
      {
        ...base,
        id: 'c1.2',
        seq: 2,
        type: 'reversal',
        reverses: 'c1.1',
        reason: '录入错误',
        campaign: 'public-welfare',
        amountFen: -120_050,
        peopleHelped: -3,
        occurredOn: '2024-06-01',
        regionCode: '371602',
        recordedAt: '2024-06-03T01:00:00Z',
      },
    ];
    const table = first(
      ledgerExport(
        t,
        '滨州市测试商会',
        { campaign: 'public-welfare', year: 2024 },
        { items: entries, capped: false },
      ),
    );
    expect(table?.title).toBe('滨州市测试商会捐赠台账');
    expect(table?.note).toBe('筛选条件：商会：滨州市测试商会；捐赠项目：公益慈善；年度：2024年');
    expect(table?.totals).toBe(true);
    const amount = table?.columns.find((c) => c.header === '金额（元）');
    expect(amount).toMatchObject({ format: 'yuan', total: true });
    const rows = cells(table) ?? [];
    const column = (header: string) => headers(table)?.indexOf(header) ?? -1;
    expect(rows.map((r) => r[column('记录类型')])).toEqual(['捐赠', '冲正']);
    expect(rows.map((r) => r[column('金额（元）')])).toEqual([120_050, -120_050]);
    expect(rows[0]?.[column('备注')]).toBe('已被第 2 条冲正');
    expect(rows[1]?.[column('备注')]).toBe('冲正第 1 条（原因：录入错误）');
    expect(rows[1]?.[column('捐赠企业')]).toBeNull();
  });

  it('overdue visits and missing reports: the region, the check’s day, a never-visited chamber', () => {
    const overdue: OverdueVisit[] = [
      {
        chamberId: 'c1',
        name: '滨州市测试商会',
        regionCode: '371602',
        leaderId: 'l1',
        leaderName: '李四',
        visitEveryDays: 90,
        assignedOn: '2024-01-01',
        lastVisitedOn: null,
        dueOn: '2024-04-01',
        daysOverdue: 30,
      },
    ];
    const table = first(
      overdueExport(t, '371600', '2024-05-01', { items: overdue, capped: false }),
    );
    expect(table?.title).toBe('逾期未走访的商会');
    expect(table?.note).toBe('筛选条件：地区：滨州市；检查日期：2024-05-01');
    expect(headers(table)).toEqual([
      '商会',
      '所在地区',
      '驻会领导',
      '走访周期（天）',
      '上次走访',
      '应走访日期',
      '逾期天数',
    ]);
    expect(cells(table)).toEqual([
      ['滨州市测试商会', '滨城区', '李四', 90, '尚未走访', '2024-04-01', 30],
    ]);
    const reports = first(
      reportsExport(t, '371602', 2024, true, {
        items: [
          {
            chamberId: 'c1',
            name: '甲商会',
            regionCode: '371602',
            kind: 'industry',
            reportStatus: null,
          },
          {
            chamberId: 'c2',
            name: '乙商会',
            regionCode: '371602',
            kind: 'industry',
            reportStatus: 'returned',
          },
        ],
        capped: true,
      }),
    );
    expect(reports?.title).toBe('2024年度报告未报送的商会');
    expect(reports?.note).toContain('筛选条件：地区：滨城区；年度：2024年；显示：未报送');
    expect(reports?.note).toContain(`只含前 ${EXPORT_CAP} 行`);
    expect(cells(reports)?.map((r) => r[3])).toEqual(['未报送', '已退回']);
  });

  it('rankings: donations in 元, the assessment’s scores to 2 decimals, the snapshot written', () => {
    const ranking = (metric: Ranking['metric'], value: number): Ranking => ({
      metric,
      regionCode: '371600',
      year: 2024,
      computedAt: '2024-12-31T16:05:00Z',
      items: [{ rank: 1, chamberId: 'c1', name: '甲商会', value }],
    });
    const money = first(rankingExport(t, ranking('donations', 4_922_000_000), undefined));
    expect(money?.title).toBe('商会捐赠排行');
    expect(money?.note).toBe(
      '筛选条件：地区：滨州市；年度：2024年；发布时间：2025-01-01 00:05（最新发布）',
    );
    expect(headers(money)).toEqual(['名次', '商会', '捐赠金额（元）']);
    expect(money?.columns[2]?.format).toBe('yuan');
    const score = first(rankingExport(t, ranking('assessment', 912.5), '2024-12-31T16:05:00Z'));
    expect(headers(score)).toEqual(['名次', '商会', '考评得分']);
    expect(score?.columns[2]?.format).toBe('decimal');
    expect(score?.note).not.toContain('最新');
  });

  it('accounts: role, region, their chamber by name, contact, status', () => {
    const account = (over: Partial<Account>): Account =>
      ({
        id: 'a',
        name: '王五',
        role: 'fic-admin',
        regionCode: '371600',
        chamberId: null,
        contact: { email: 'w@example.cn' },
        status: 'active',
        createdAt: '2024-01-02T03:00:00Z',
        ...over,
      }) as Account;
    const table = first(
      accountsExport(
        t,
        '371600',
        { role: 'chamber-officer' },
        {
          items: [
            account({ role: 'chamber-officer', chamberId: 'c1', regionCode: '371602' }),
            account({ role: 'chamber-officer', chamberId: 'gone', status: 'disabled' }),
          ],
          capped: false,
        },
        new Map([['c1', '滨州市测试商会']]),
      ),
    );
    expect(table?.note).toBe('筛选条件：地区：滨州市；角色：商会工作人员');
    expect(headers(table)).toEqual([
      '姓名',
      '角色',
      '管辖地区',
      '所在商会',
      '电子邮箱',
      '手机号码',
      '状态',
      '开通日期',
    ]);
    expect(cells(table)?.map((r) => [r[3], r[6]])).toEqual([
      ['滨州市测试商会', '正常'],
      ['gone', '已停用'],
    ]);
  });
});

describe('the assessment’s results workbook', () => {
  const rubric = {
    ...(SHIPPED_RUBRICS.get('four-good-2020') as object),
    source: 'shipped',
    regionCode: null,
    publishedAt: null,
  } as Rubric;
  const cycle = {
    id: 'cy',
    year: 2024,
    rubricId: rubric.id,
    regionCode: '371600',
    title: '2024年度“四好商会”考评',
    status: 'finalized',
  } as Cycle;
  const results: Result[] = [
    {
      rank: 1,
      chamberId: 'a',
      name: '甲商会',
      score: 905.5,
      grade: '优秀',
      eligible: true,
      reviewers: 2,
      selfScore: 950,
      vetoes: [],
    },
    {
      rank: null,
      chamberId: 'b',
      name: '乙商会',
      score: null,
      grade: null,
      eligible: false,
      reviewers: 0,
      selfScore: null,
      vetoes: ['missing-annual-report'],
    },
  ];
  const review = (assessorId: string, p1: number, reason?: string): Review =>
    ({
      cycleId: 'cy',
      chamberId: 'a',
      assessorId,
      status: 'submitted',
      scores: [
        { indicatorId: 'P1', points: p1, ...(reason ? { deductionReason: reason } : {}) },
        { indicatorId: 'P2', points: 60 },
      ],
    }) as Review;
  const reviews = [
    review('x', 70),
    review('y', 65.5, '党组织覆盖不全'),
    review('w', 66, '党组织覆盖不全'),
    // Assigned, not reviewed: not part of any mean.
    { ...review('z', 0), status: 'assigned', chamberId: 'a' } as Review,
  ];
  const workbook = resultsExport(t, cycle, results, rubric, { items: reviews, capped: false });

  it('ranks first, then one sheet per dimension of the rubric', () => {
    expect(workbook.tables.map((s) => s.name)).toEqual([
      '排名',
      '政治引领好',
      '队伍建设好',
      '服务发展好',
      '自律规范好',
    ]);
    const ranks = workbook.tables[0];
    expect(ranks?.title).toBe('2024年度“四好商会”考评结果');
    expect(ranks?.note).toBe('筛选条件：地区：滨州市；年度：2024年；结果状态：结果');
    expect(headers(ranks)).toEqual([
      '名次',
      '商会',
      '得分',
      '等次',
      '资格',
      '评分专家数',
      '自评分',
    ]);
    expect(cells(ranks)).toEqual([
      [1, '甲商会', 905.5, '优秀', '有资格', 2, 950],
      [null, '乙商会', null, null, '无资格：未报送年度工作报告', 0, null],
    ]);
  });

  it('a dimension’s sheet: each indicator’s mean points, the subtotal and the deductions', () => {
    const political = workbook.tables[1];
    const dimension = rubric.dimensions[0];
    expect(headers(political)).toEqual([
      '名次',
      '商会',
      ...(dimension?.indicators.map((i) => `${i.title}（${i.maxPoints}分）`) ?? []),
      '小计（250分）',
      '扣分原因',
    ]);
    const [a, b] = cells(political) ?? [];
    expect(a?.slice(0, 4)).toEqual([1, '甲商会', 67.17, 60]);
    expect(a?.at(-2)).toBe(127.17);
    // Two reviewers gave the same reason: it is written once.
    expect(a?.at(-1)).toBe(`${dimension?.indicators[0]?.title}：党组织覆盖不全`);
    // No submitted review: no points, rather than zeros.
    expect(b?.slice(2, -1).every((v) => v === null)).toBe(true);
  });

  it('writes as a workbook: title, filters line, header on the third row, frozen, dates as dates', async () => {
    const bytes = await writeTables([
      ...workbook.tables,
      {
        name: '日期',
        title: '日期',
        note: '筛选条件：无（全部）',
        columns: [{ header: '日期', value: (v: string) => v, format: 'date' }],
        items: ['2024-06-01', '2024-03-01T16:30:00Z', '尚未走访'],
      },
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const ranks = book.getWorksheet('排名') as ExcelJS.Worksheet;
    expect(ranks.getCell('A1').value).toBe('2024年度“四好商会”考评结果');
    expect(ranks.getCell('A2').value).toBe('筛选条件：地区：滨州市；年度：2024年；结果状态：结果');
    expect(ranks.getCell('A2').isMerged).toBe(true);
    expect((ranks.getRow(3).values as unknown[]).slice(1, 3)).toEqual(['名次', '商会']);
    expect(ranks.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ranks.getCell('C4').value).toBe(905.5);
    expect(ranks.getCell('C4').numFmt).toBe('0.00');
    const political = book.getWorksheet('政治引领好') as ExcelJS.Worksheet;
    expect(political.getCell('C4').value).toBe(67.17);
    const dates = book.getWorksheet('日期') as ExcelJS.Worksheet;
    expect(dates.getCell('A4').value).toEqual(new Date(Date.UTC(2024, 5, 1)));
    expect(dates.getCell('A4').numFmt).toBe('yyyy-mm-dd');
    // An instant is written as its day in China.
    expect(dates.getCell('A5').value).toEqual(new Date(Date.UTC(2024, 2, 2)));
    expect(dates.getCell('A6').value).toBe('尚未走访');
  });
});
