// Supervision and assessment in the Binzhou demo: a year of the liaison leaders' visits, last
// year's annual reports, the "七个一" activities and Party-branch stars of the 28 alliance
// branches, and the 2020 Four-Good cycle whose awards are the article's (3 national, 9
// provincial). Pure and deterministic: dates are days before an anchor the API keeps (the day the
// leader was assigned) or in a year the caller names, so a rerun builds the same requests.
import { SEVEN_ONES } from '#shared/domain/supervision';
import { ALLIANCE, CHAMBERS, CLASSIFIED_CHAMBERS } from './seed-demo-data';

export type IssuePlan = { summary: string; reply?: string };
export type VisitPlan = {
  daysBefore: number;
  mode: 'on-site' | 'phone' | 'meeting' | 'online';
  topics: string[];
  issues?: IssuePlan[];
};

/** Each liaison's visits over the year before they were assigned in the system (every 30 days
 * due): 晋江 and 河南 were last visited too long ago, so the schedule flags them. */
export const VISITS: Record<string, VisitPlan[]> = {
  滨州市温州商会: [
    {
      daysBefore: 350,
      mode: 'on-site',
      topics: ['温商回归项目对接', '商会年度工作计划'],
      issues: [
        {
          summary: '会员企业反映项目用地审批周期较长',
          reply: '已协调市自然资源和规划局专题对接，两个项目进入审批绿色通道',
        },
      ],
    },
    { daysBefore: 260, mode: 'meeting', topics: ['党支部“三会一课”落实情况'] },
    {
      daysBefore: 170,
      mode: 'on-site',
      topics: ['商会换届筹备'],
      issues: [
        { summary: '换届选举办法需要工商联指导把关', reply: '已审阅选举办法并提出修改意见' },
      ],
    },
    { daysBefore: 80, mode: 'phone', topics: ['会员企业生产经营情况'] },
    {
      daysBefore: 45,
      mode: 'on-site',
      topics: ['会员企业融资需求'],
      issues: [{ summary: '会员企业希望对接银行开展“商会贷”' }],
    },
    {
      daysBefore: 4,
      mode: 'on-site',
      topics: ['年度报告填报', '“七个一”活动开展'],
      issues: [
        {
          summary: '年度报告财务数据口径不清楚',
          reply: '已发送填报说明，并安排专人逐项解答',
        },
      ],
    },
  ],
  滨州市晋江商会: [
    { daysBefore: 340, mode: 'on-site', topics: ['晋江籍企业在滨投资情况'] },
    {
      daysBefore: 250,
      mode: 'meeting',
      topics: ['商会党建工作'],
      issues: [
        {
          summary: '商会办公场地租金压力较大',
          reply: '已协调入驻市民营经济服务中心共享办公区',
        },
      ],
    },
    { daysBefore: 160, mode: 'on-site', topics: ['会员发展'] },
    {
      daysBefore: 70,
      mode: 'phone',
      topics: ['年度工作总结'],
      issues: [{ summary: '会员企业招工难，希望对接职业院校' }],
    },
  ],
  滨州市河南商会: [
    {
      daysBefore: 300,
      mode: 'on-site',
      topics: ['商会成立以来工作情况'],
      issues: [
        {
          summary: '希望工商联协助开展会员企业法律服务',
          reply: '已对接市律师协会组建公益法律服务团',
        },
      ],
    },
    { daysBefore: 190, mode: 'meeting', topics: ['豫籍企业家联谊活动'] },
    {
      daysBefore: 100,
      mode: 'on-site',
      topics: ['党支部建设'],
      issues: [{ summary: '流动党员组织关系转接不顺畅' }],
    },
  ],
  滨州市新生代企业家商会: [
    { daysBefore: 330, mode: 'meeting', topics: ['新老企业家传承交流活动筹备'] },
    {
      daysBefore: 240,
      mode: 'on-site',
      topics: ['“大手拉小手”活动'],
      issues: [{ summary: '青年企业家希望参加更多外出学习培训', reply: '已纳入年度教育培训计划' }],
    },
    { daysBefore: 150, mode: 'online', topics: ['新生代企业家引航工程'] },
    { daysBefore: 60, mode: 'on-site', topics: ['商会秘书处建设'] },
    {
      daysBefore: 12,
      mode: 'on-site',
      topics: ['下年度工作计划'],
      issues: [{ summary: '希望提供更多涉企政策解读' }],
    },
  ],
};
/** Every leader is due every 30 days (the demo's assignments say so). */
export const VISIT_EVERY_DAYS = 30;

const base = CHAMBERS.map((c) => c.body);
const firstTownship = (county: string) =>
  base.find((c) => c.kind === 'township' && c.regionCode.startsWith(county))?.name as string;
const lastTownship = (county: string) =>
  base.findLast((c) => c.kind === 'township' && c.regionCode.startsWith(county))?.name as string;

/** Last year's annual reports: most accepted; some still waiting for review; one returned; some
 * never sent. The missing list shows the never-sent and the returned. */
export const REPORTS = {
  missing: [
    '阳信县肉牛产业商会',
    '滨州市河南商会',
    '滨州市再生资源回收利用协会',
    lastTownship('371623'),
  ],
  returned: {
    name: '滨州市晋江商会',
    note: '收支合计与财务附表不一致，请核对后重新提交',
  },
  waiting: ['邹平市铝业商会', '滨州市旅游饭店协会', firstTownship('371621')],
};
/** Every registered chamber of the demo, by name: who files a report. */
export const FILERS = [...CHAMBERS, ...CLASSIFIED_CHAMBERS].map((c) => c.body.name);

/** A report's figures, varied by the chamber's place in the list. */
export function reportBody(i: number, name: string) {
  const firms = 20 + ((i * 37) % 180);
  const income = (30 + ((i * 53) % 170)) * 1_000_000; // 3–20 万元
  return {
    members: { firms, individuals: (i * 11) % 40 },
    incomeFen: income,
    expenseFen: Math.round(income * 0.85),
    netAssetsFen: Math.round(income * 0.6),
    activitiesHeld: 4 + (i % 9),
    donationsReceivedFen: 0,
    partyBuilding: { partyMembers: 3 + (i % 12), summary: '按期开展“三会一课”和主题党日活动' },
    workSummary: `${name}全年召开会员大会 1 次、理事会 ${2 + (i % 3)} 次，组织会员企业参加招商推介、政策宣讲和公益活动，按章程规范财务和会员管理。`,
  };
}

/** The alliance's 28 chamber Party branches: the first 12 held all of the "七个一" last year,
 * the others some of them; each branch's stars for that year. */
export const BRANCHES: string[] = [...ALLIANCE.members];
export const SEVEN_ONES_COMPLETE = 12;
export function activitiesOf(i: number) {
  return i < SEVEN_ONES_COMPLETE ? [...SEVEN_ONES] : SEVEN_ONES.slice(0, 1 + (i % 6));
}
export function starsOf(i: number) {
  return i < 6 ? 5 : i < 14 ? 4 : i < 22 ? 3 : 2;
}

/** The 2020 cycle (the 2020 rubric): entries in the order they come out, a veto, the awards. */
export const CYCLE = {
  key: 'seed-demo-cycle-2020',
  year: 2020,
  rubricId: 'four-good-2020',
  title: '滨州市2020年度“四好商会”评价',
  entries: [
    // national
    '博兴县金属板业商会',
    '滨州市新生代企业家商会',
    '滨州市饭店烹饪餐饮协会',
    // provincial
    '滨州市女企业家商会',
    '滨州市温州商会',
    '滨州市物流行业协会',
    '沾化区冬枣产业商会',
    '邹平市铝业商会',
    '惠民县绳网行业商会',
    '滨州市晋江商会',
    '滨城区机电行业商会',
    '李韩小微企业互助商会',
    // the rest
    '滨州市河南商会',
    '阳信县肉牛产业商会',
    '滨州市家具行业协会',
    '滨州市汽车流通行业协会',
    '滨州市电子商务协会',
    '滨州市建筑装饰行业协会',
    '滨州市粮食行业协会',
    '滨州市印刷行业协会',
  ],
  veto: {
    name: '滨州市电子商务协会',
    reason: 'administrative-penalty',
    note: '2020 年受到行政处罚',
  },
  national: 3,
  provincial: 9,
};

/** The share of each indicator's points entry `i` earns: strictly falling, so the ranks follow
 * the list. A reviewer's scores differ a little (`reviewer` 0 or 1). */
export const quality = (i: number, reviewer: number) => 0.98 - i * 0.012 - reviewer * 0.004;
