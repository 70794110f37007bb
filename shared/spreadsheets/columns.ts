import type { CAMPAIGNS } from '#shared/contract/ledger';
import type { CHAMBER_KINDS, GOVERNMENT_FUNCTIONS } from '#shared/domain/chamber';

/*
 * The columns of each kind of spreadsheet the system takes in: the template's Chinese header,
 * the API field path (either may head a column), what a cell holds and what the notes sheet
 * says about it. One list per kind, read by the templates, the parser and the result workbook.
 */

export const SHEET_KINDS = ['chambers', 'members', 'donations'] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];

/** A value the API takes and the words a sheet writes it in (the drop-down shows the words). */
export interface Choice {
  value: string;
  label: string;
}

export interface Column {
  /** The API field path (`donor.uscc`); `chamber` names a chamber by USCC or exact name. */
  path: string;
  /** The template's header. */
  label: string;
  required?: boolean;
  /**
   * text · integer · date (YYYY-MM-DD; an Excel date too) · yuan (元 under the Chinese header,
   * fen under the field path, which is `...Fen`) · choice (one of `choices`) · choices (several,
   * separated by 、 , ; or spaces).
   */
  type: 'text' | 'integer' | 'date' | 'yuan' | 'choice' | 'choices';
  choices?: readonly Choice[];
  note: string;
  /** What the template's example row shows. */
  example?: string | number;
  /** Column width in the template (characters of Latin text). */
  width?: number;
}

const choices = (labels: Record<string, string>): Choice[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

const KIND_LABELS: Record<(typeof CHAMBER_KINDS)[number], string> = {
  'city-direct': '直属商会',
  'non-local': '异地商会',
  industry: '行业商协会',
  township: '乡镇街道商会',
  village: '村级商会',
  'new-generation': '新生代企业家商会',
};
const FUNCTION_LABELS: Record<(typeof GOVERNMENT_FUNCTIONS)[number], string> = {
  'industry-analysis': '行业运行分析',
  'financial-risk': '化解金融风险',
  'self-inspection': '行业自查自纠',
  'investment-appraisal': '投资项目评估',
  'trade-fairs': '承办展会',
  'self-discipline': '行业自律',
};
export const CAMPAIGN_LABELS: Record<(typeof CAMPAIGNS)[number], string> = {
  'village-pairing': '百企帮百村',
  'east-west': '东西部协作',
  'epidemic-relief': '疫情防控',
  'disaster-relief': '抗灾救灾',
  'public-welfare': '公益慈善',
};

/** How far an imported chamber is taken: the statuses an import can bring it to. */
export const IMPORT_STATUSES = choices({
  applied: '已申请',
  approved: '已批准',
  registered: '已登记',
});

const chamberRef: Column[] = [
  {
    path: 'chamber',
    label: '商会',
    type: 'text',
    note: '所属商会：商会的全称或统一社会信用代码（与“商会ID”填一项即可）',
    example: '滨州市温州商会',
    width: 24,
  },
  {
    path: 'chamberId',
    label: '商会ID',
    type: 'text',
    note: '所属商会在本系统中的编号（可不填，填了“商会”即可）',
    width: 14,
  },
];

export const COLUMNS: Record<SheetKind, readonly Column[]> = {
  chambers: [
    {
      path: 'name',
      label: '商会名称',
      required: true,
      type: 'text',
      note: '商会全称，不超过 100 字',
      example: '滨州市青年企业家商会',
      width: 28,
    },
    {
      path: 'kind',
      label: '商会类型',
      required: true,
      type: 'choice',
      choices: choices(KIND_LABELS),
      note: '从下拉列表中选择',
      example: '新生代企业家商会',
      width: 18,
    },
    {
      path: 'regionCode',
      label: '所在地区代码',
      required: true,
      type: 'text',
      note: '行政区划代码：市、县为 6 位，乡镇街道商会为 9 位，村级商会为 12 位',
      example: '371602',
      width: 16,
    },
    {
      path: 'relationship',
      label: '与工商联关系',
      required: true,
      type: 'choice',
      choices: choices({
        supervised: '业务主管单位',
        'group-member': '团体会员',
        classified: '归口管理',
      }),
      note: '工商联是其业务主管单位、它是工商联团体会员，或由工商联归口管理',
      example: '业务主管单位',
      width: 16,
    },
    {
      path: 'hometownRegionCode',
      label: '籍贯地代码',
      type: 'text',
      note: '异地商会必填：会员家乡的 6 位行政区划代码',
      width: 14,
    },
    { path: 'industry', label: '行业', type: 'text', note: '行业商协会所属行业', width: 14 },
    {
      path: 'foundedOn',
      label: '成立日期',
      type: 'date',
      note: '格式 2020-06-30，不晚于今天',
      example: '2021-05-18',
      width: 14,
    },
    {
      path: 'leaders.president',
      label: '会长',
      type: 'text',
      note: '会长姓名',
      example: '王明',
      width: 10,
    },
    {
      path: 'leaders.secretaryGeneral',
      label: '秘书长',
      type: 'text',
      note: '秘书长姓名',
      width: 10,
    },
    {
      path: 'leaders.partySecretary',
      label: '党组织书记',
      type: 'text',
      note: '党组织书记姓名',
      width: 12,
    },
    {
      path: 'partyOrganisation',
      label: '党组织',
      type: 'choice',
      choices: choices({
        branch: '单独党支部',
        'joint-branch': '联合党支部',
        instructor: '党建指导员',
        none: '暂无',
      }),
      note: '党组织建立形式，不填为“暂无”',
      example: '单独党支部',
      width: 14,
    },
    {
      path: 'governmentFunctions',
      label: '承接政府职能',
      type: 'choices',
      choices: choices(FUNCTION_LABELS),
      note: `可填多项，用顿号分隔：${Object.values(FUNCTION_LABELS).join('、')}`,
      width: 24,
    },
    {
      path: 'management.registrationAuthority',
      label: '登记机关',
      type: 'text',
      note: '四元管理：登记机关',
      width: 14,
    },
    {
      path: 'management.supervisionDepartment',
      label: '监管部门',
      type: 'text',
      note: '四元管理：监管部门',
      width: 14,
    },
    {
      path: 'management.industryDepartment',
      label: '行业管理部门',
      type: 'text',
      note: '四元管理：行业管理部门',
      width: 14,
    },
    {
      path: 'management.classifyingBody',
      label: '归口管理部门',
      type: 'text',
      note: '四元管理：归口管理部门',
      width: 14,
    },
    {
      path: 'feature',
      label: '商会特色',
      type: 'text',
      note: '一商会一特色，不超过 500 字',
      width: 20,
    },
    {
      path: 'branchHighlight',
      label: '支部亮点',
      type: 'text',
      note: '一支部一亮点，不超过 500 字',
      width: 20,
    },
    {
      path: 'uscc',
      label: '统一社会信用代码',
      type: 'text',
      note: '已登记的商会填写：18 位，以 51 开头（社会团体）',
      example: '51371600MJD600017E',
      width: 22,
    },
    {
      path: 'status',
      label: '状态',
      type: 'choice',
      choices: IMPORT_STATUSES,
      note: '导入后的状态：已申请、已批准或已登记（已登记须填统一社会信用代码）；不填时，填了信用代码为“已登记”，否则为“已申请”',
      example: '已登记',
      width: 10,
    },
  ],
  members: [
    ...chamberRef,
    {
      path: 'name',
      label: '企业名称',
      required: true,
      type: 'text',
      note: '会员企业全称',
      example: '滨州市鲁北化工有限公司',
      width: 28,
    },
    {
      path: 'uscc',
      label: '统一社会信用代码',
      required: true,
      type: 'text',
      note: '会员企业的 18 位统一社会信用代码',
      example: '91371600MA3C4LQD46',
      width: 22,
    },
  ],
  donations: [
    ...chamberRef,
    {
      path: 'donor.name',
      label: '捐赠企业',
      required: true,
      type: 'text',
      note: '捐赠的企业（或商会）全称',
      example: '滨州市鲁北化工有限公司',
      width: 26,
    },
    {
      path: 'donor.uscc',
      label: '捐赠企业统一社会信用代码',
      required: true,
      type: 'text',
      note: '捐赠企业的 18 位统一社会信用代码',
      example: '91371600MA3C4LQD46',
      width: 22,
    },
    {
      path: 'campaign',
      label: '项目',
      required: true,
      type: 'choice',
      choices: choices(CAMPAIGN_LABELS),
      note: '从下拉列表中选择',
      example: '百企帮百村',
      width: 14,
    },
    {
      path: 'assistance',
      label: '帮扶方式',
      type: 'choice',
      choices: choices({
        industry: '产业帮扶',
        employment: '就业帮扶',
        'public-welfare': '公益帮扶',
        skills: '技能帮扶',
      }),
      note: '“百企帮百村”必填，其他项目不填',
      example: '产业帮扶',
      width: 12,
    },
    {
      path: 'villageCode',
      label: '结对村代码',
      type: 'text',
      note: '“百企帮百村”必填：结对村的 12 位行政区划代码',
      example: '371621001020',
      width: 16,
    },
    {
      path: 'recipientRegionCode',
      label: '受援地区代码',
      type: 'text',
      note: '“东西部协作”必填：受援县的 6 位行政区划代码',
      width: 14,
    },
    {
      path: 'form',
      label: '捐赠形式',
      required: true,
      type: 'choice',
      choices: choices({ money: '资金', goods: '物资' }),
      note: '资金或物资（物资按折价金额填写）',
      example: '资金',
      width: 10,
    },
    {
      path: 'amountFen',
      label: '金额（元）',
      required: true,
      type: 'yuan',
      note: '以元为单位，最多两位小数，大于 0（表头写 amountFen 时以分为单位）',
      example: 50000,
      width: 14,
    },
    {
      path: 'peopleHelped',
      label: '帮扶人数',
      type: 'integer',
      note: '受帮扶人数，不填为 0',
      example: 25,
      width: 10,
    },
    {
      path: 'occurredOn',
      label: '捐赠日期',
      required: true,
      type: 'date',
      note: '格式 2024-03-05，不晚于今天',
      example: '2024-03-05',
      width: 14,
    },
    { path: 'note', label: '备注', type: 'text', note: '不超过 500 字', width: 20 },
  ],
};

export const KIND_TITLES: Record<SheetKind, string> = {
  chambers: '商会',
  members: '会员企业',
  donations: '捐赠',
};
