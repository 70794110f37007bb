import type { RubricShape } from '#shared/domain/assessment';
import { FOUR_GOOD_GRADES } from './grades';

/**
 * The Four-Good goals as the article words them (班子建设好、团结教育好、服务发展好、自律规范好),
 * with indicators drawn from what it says a good chamber does. 1,000 points.
 */
export const FOUR_GOOD_2017: RubricShape = {
  id: 'four-good-2017',
  title: '“四好商会”评价指标（2017版）',
  titleEn: 'Four-Good Chamber assessment indicators (2017 edition)',
  totalPoints: 1000,
  dimensions: [
    {
      id: 'leadership',
      title: '班子建设好',
      titleEn: 'Good leadership team',
      maxPoints: 250,
      indicators: [
        {
          id: 'L1',
          title: '领导班子按章程民主选举产生，按期换届',
          titleEn: 'Leadership elected democratically under the charter and renewed on schedule',
          maxPoints: 60,
        },
        {
          id: 'L2',
          title: '会长、秘书长等负责人政治素质好、代表性强、热心会务',
          titleEn:
            'President, secretary-general and other leaders politically sound, representative and committed',
          maxPoints: 40,
        },
        {
          id: 'L3',
          title: '成立商会时同步建立党组织，党的工作有效覆盖',
          titleEn: 'A Party organisation set up together with the chamber; Party work covers it',
          maxPoints: 60,
          evidence: {
            // The alliance is Party work reaching beyond the chamber; the points follow the
            // organisation alone.
            facts: ['partyOrganisation', 'alliances'],
            suggest: {
              rule: 'by-value',
              fact: 'partyOrganisation',
              points: { branch: 60, 'joint-branch': 60, instructor: 30, none: 0 },
            },
          },
        },
        {
          id: 'L4',
          title: '党支部参加“星级党支部”创建',
          titleEn: 'The Party branch takes part in the star-rated Party branch programme',
          maxPoints: 40,
          evidence: {
            facts: ['partyBranchStars'],
            // Taking part is being rated: five stars earn the points, fewer stars their share.
            suggest: { rule: 'share', of: 'partyBranchStars', full: 5 },
          },
        },
        {
          id: 'L5',
          title: '会长、支部书记、秘书长参加理想信念教育和培训',
          titleEn:
            'President, branch secretary and secretary-general attend ideals education and training',
          maxPoints: 50,
          evidence: { facts: ['activities'] },
        },
      ],
    },
    {
      id: 'unity-education',
      title: '团结教育好',
      titleEn: 'Good unity and education',
      maxPoints: 250,
      indicators: [
        {
          id: 'E1',
          title:
            '开展“七个一”活动（集中学习、唱红歌、理想信念教育、讲党课、主题党日、专题组织生活会、“三亮三比”）',
          titleEn:
            'The “seven ones”: a study session, red songs, ideals education, a Party lecture, a themed Party day, an organisational-life meeting, a “three shows, three comparisons” event',
          maxPoints: 80,
          evidence: {
            facts: ['activities'],
            // One of each of the seven kinds a year: each kind held is a seventh of the points.
            suggest: { rule: 'share', of: 'sevenOnesDone', full: 7 },
          },
        },
        {
          id: 'E2',
          title: '组织“传承红色基因、牢记初心使命”理想信念教育活动',
          titleEn:
            'Ideals education trips (“carry on the red gene, remember the original mission”)',
          maxPoints: 50,
          evidence: { facts: ['activities'] },
        },
        {
          id: 'E3',
          title: '开展新老企业家传承交流（“大手拉小手”民企大讲堂、新生代企业家引航）',
          titleEn:
            'Mentoring between older and younger entrepreneurs (private-enterprise lectures, new-generation programme)',
          maxPoints: 40,
          evidence: { facts: ['activities'] },
        },
        {
          id: 'E4',
          title: '会员大会、理事会按期召开，会员团结、覆盖面广',
          titleEn:
            'General and council meetings held on schedule; members united and broadly drawn',
          maxPoints: 40,
          evidence: { facts: ['members'] },
        },
        {
          id: 'E5',
          title: '“一商会一特色、一支部一亮点”，宣传展示商会风貌',
          titleEn:
            '“One chamber, one feature; one branch, one highlight”: the chamber’s work shown to the public',
          maxPoints: 40,
          evidence: { facts: ['feature', 'branchHighlight', 'awards'] },
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
          maxPoints: 70,
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
          title: '参与光彩事业：“百企帮百村”、东西部扶贫协作',
          titleEn:
            'Philanthropy (光彩事业): “a hundred firms help a hundred villages” and East–West cooperation',
          maxPoints: 70,
          evidence: { facts: ['donations'] },
        },
        {
          id: 'S4',
          title: '疫情防控、抢险救灾等应急捐款捐物',
          titleEn: 'Donations of money and goods in epidemic control and disaster relief',
          maxPoints: 40,
          evidence: { facts: ['donations'] },
        },
        {
          id: 'S5',
          title: '发挥行业引领作用（标准、品牌、技能大赛、信用评价）',
          titleEn: 'Industry leadership: standards, brands, skills contests, credit evaluation',
          maxPoints: 50,
          evidence: { facts: ['feature'] },
        },
      ],
    },
    {
      id: 'self-discipline',
      title: '自律规范好',
      titleEn: 'Good self-discipline and compliance',
      maxPoints: 200,
      indicators: [
        {
          id: 'R1',
          title: '依法登记，按时报送年度工作报告',
          titleEn: 'Legally registered; annual report submitted on time',
          maxPoints: 50,
          evidence: {
            facts: ['annualReport'],
            suggest: {
              rule: 'by-value',
              fact: 'annualReport',
              points: { accepted: 50, submitted: 40, returned: 20, missing: 0 },
            },
          },
        },
        {
          id: 'R2',
          title: '财务管理规范：独立核算、会费收支公开、接受审计',
          titleEn: 'Finances in order: separate accounts, dues and spending disclosed, audited',
          maxPoints: 50,
        },
        {
          id: 'R3',
          title: '章程和内部管理制度健全并执行',
          titleEn: 'Charter and internal rules complete and followed',
          maxPoints: 40,
          evidence: { facts: ['visits'] },
        },
        {
          id: 'R4',
          title: '无违法违规行为，未列入活动异常名录，未受行政处罚',
          titleEn: 'No violations: not on the abnormal-activity list, no administrative penalty',
          maxPoints: 40,
        },
        {
          id: 'R5',
          title: '制定行业自律公约，开展诚信建设',
          titleEn: 'A self-discipline covenant for the industry and work on business integrity',
          maxPoints: 20,
        },
      ],
    },
  ],
  grades: FOUR_GOOD_GRADES,
};
