import type { RubricShape } from '#shared/domain/assessment';
import { FOUR_GOOD_GRADES } from './grades';

/**
 * The national wording from 2020 (政治引领好、队伍建设好、服务发展好、自律规范好): political
 * guidance comes first and the Party work of the 2017 leadership goal moves there. 1,000 points.
 */
export const FOUR_GOOD_2020: RubricShape = {
  id: 'four-good-2020',
  title: '“四好商会”评价指标（2020版）',
  titleEn: 'Four-Good Chamber assessment indicators (2020 edition)',
  totalPoints: 1000,
  dimensions: [
    {
      id: 'political-guidance',
      title: '政治引领好',
      titleEn: 'Good political guidance',
      maxPoints: 250,
      indicators: [
        {
          id: 'P1',
          title: '成立商会时同步建立党组织，党的组织和工作有效覆盖',
          titleEn:
            'A Party organisation set up together with the chamber; Party organisation and work cover it',
          maxPoints: 70,
          evidence: {
            facts: ['partyOrganisation'],
            suggest: {
              rule: 'by-value',
              fact: 'partyOrganisation',
              points: { branch: 70, 'joint-branch': 70, instructor: 35, none: 0 },
            },
          },
        },
        {
          id: 'P2',
          title:
            '开展“七个一”活动（集中学习、唱红歌、理想信念教育、讲党课、主题党日、专题组织生活会、“三亮三比”）',
          titleEn:
            'The “seven ones”: a study session, red songs, ideals education, a Party lecture, a themed Party day, an organisational-life meeting, a “three shows, three comparisons” event',
          maxPoints: 60,
          evidence: {
            facts: ['activities'],
            // One of each of the seven kinds a year: each kind held is a seventh of the points.
            suggest: { rule: 'share', of: 'sevenOnesDone', full: 7 },
          },
        },
        {
          id: 'P3',
          title: '党支部创建“星级党支部”，参加党建联盟',
          titleEn:
            'The Party branch works toward a star rating and joins the Party-building alliance',
          maxPoints: 50,
          evidence: {
            facts: ['partyBranchStars', 'alliances'],
            // A star rating (five stars: 40) and membership of the Party-building alliance (10).
            suggest: {
              rule: 'sum',
              parts: [
                { rule: 'share', of: 'partyBranchStars', full: 5, points: 40 },
                { rule: 'share', of: 'alliances', full: 1, points: 10 },
              ],
            },
          },
        },
        {
          id: 'P4',
          title: '开展理想信念教育（“学党史、感党恩、听党话、跟党走”）',
          titleEn:
            'Ideals education (“study Party history, be grateful to, listen to and follow the Party”)',
          maxPoints: 40,
          evidence: { facts: ['activities'] },
        },
        {
          id: 'P5',
          title: '“一支部一亮点”，党建与会务深度融合',
          titleEn: '“One branch, one highlight”: Party work woven into the chamber’s work',
          maxPoints: 30,
          evidence: { facts: ['branchHighlight'] },
        },
      ],
    },
    {
      id: 'team-building',
      title: '队伍建设好',
      titleEn: 'Good team building',
      maxPoints: 200,
      indicators: [
        {
          id: 'T1',
          title: '领导班子按章程民主选举产生，按期换届',
          titleEn: 'Leadership elected democratically under the charter and renewed on schedule',
          maxPoints: 60,
        },
        {
          id: 'T2',
          title: '会长、支部书记、秘书长参加教育培训，队伍素质过硬',
          titleEn:
            'President, branch secretary and secretary-general trained and educated; a capable team',
          maxPoints: 50,
          evidence: { facts: ['activities'] },
        },
        {
          id: 'T3',
          title: '培养新生代企业家（引航工程、新老传承交流）',
          titleEn:
            'New-generation entrepreneurs developed (mentoring, exchanges between generations)',
          maxPoints: 40,
          evidence: { facts: ['activities'] },
        },
        {
          id: 'T4',
          title: '秘书处专职化、职业化，运转规范',
          titleEn: 'A full-time, professional secretariat that runs in order',
          maxPoints: 30,
          evidence: { facts: ['visits', 'annualReport'] },
        },
        {
          id: 'T5',
          title: '会员发展与团结，会员大会、理事会按期召开',
          titleEn: 'Members recruited and united; general and council meetings held on schedule',
          maxPoints: 20,
          evidence: { facts: ['members'] },
        },
      ],
    },
    {
      id: 'service',
      title: '服务发展好',
      titleEn: 'Good service to development',
      maxPoints: 300,
      indicators: [
        {
          id: 'S1',
          title: '为会员企业提供培训、融资、法律、市场等服务',
          titleEn: 'Services to member firms: training, finance, legal and market help',
          maxPoints: 60,
        },
        {
          id: 'S2',
          title:
            '承接政府转移职能（行业运营分析、金融风险化解、行业自查自纠、投资项目论证、承办展会、行业自律）',
          titleEn:
            'Government functions taken on: industry analysis, financial-risk resolution, self-inspection, investment appraisal, trade fairs, self-discipline',
          maxPoints: 70,
          evidence: {
            facts: ['governmentFunctions'],
            // The six functions the indicator names: each taken on is a sixth of the points.
            suggest: { rule: 'share', of: 'governmentFunctions', full: 6 },
          },
        },
        {
          id: 'S3',
          title: '参与光彩事业：“百企帮百村”、东西部协作',
          titleEn:
            'Philanthropy (光彩事业): “a hundred firms help a hundred villages” and East–West cooperation',
          maxPoints: 70,
          evidence: { facts: ['donations'] },
        },
        {
          id: 'S4',
          title: '疫情防控、抢险救灾等应急捐款捐物和公益慈善',
          titleEn: 'Donations in epidemic control and disaster relief, and other charity',
          maxPoints: 50,
          evidence: { facts: ['donations'] },
        },
        {
          id: 'S5',
          title: '“一商会一特色”，发挥行业引领作用',
          titleEn: '“One chamber, one feature”: leading its industry',
          maxPoints: 50,
          evidence: { facts: ['feature', 'awards'] },
        },
      ],
    },
    {
      id: 'self-discipline',
      title: '自律规范好',
      titleEn: 'Good self-discipline and compliance',
      maxPoints: 250,
      indicators: [
        {
          id: 'R1',
          title: '依法登记，按时报送年度工作报告',
          titleEn: 'Legally registered; annual report submitted on time',
          maxPoints: 60,
          evidence: {
            facts: ['annualReport'],
            suggest: {
              rule: 'by-value',
              fact: 'annualReport',
              points: { accepted: 60, submitted: 48, returned: 24, missing: 0 },
            },
          },
        },
        {
          id: 'R2',
          title: '财务管理规范：独立核算、会费收支公开、接受审计',
          titleEn: 'Finances in order: separate accounts, dues and spending disclosed, audited',
          maxPoints: 60,
        },
        {
          id: 'R3',
          title: '章程、会员大会、理事会、秘书处等内部治理制度健全',
          titleEn: 'Internal governance complete: charter, general meeting, council, secretariat',
          maxPoints: 50,
        },
        {
          id: 'R4',
          title: '无违法违规行为，未列入活动异常名录，未受行政处罚',
          titleEn: 'No violations: not on the abnormal-activity list, no administrative penalty',
          maxPoints: 50,
        },
        {
          id: 'R5',
          title: '行业自律和诚信建设',
          titleEn: 'Industry self-discipline and business integrity',
          maxPoints: 30,
        },
      ],
    },
  ],
  grades: FOUR_GOOD_GRADES,
};
