// The Binzhou demo for `npm run seed:demo`: chambers, member firms and donations whose totals
// equal the article's figures exactly. Pure and deterministic (no ids, no clock, fixed seeds), so
// every run builds the same requests and the same Idempotency-Keys.
import type { CreateChamber } from '#shared/contract/registration';
import { GOVERNMENT_FUNCTIONS } from '#shared/domain/chamber';
import { completeUscc } from '#shared/domain/uscc';
import { regionName } from '#shared/regions/regions';
import { townshipsOf } from '#shared/regions/townships';
import { villagesUnder } from '#shared/regions/villages';

export const CITY = '371600';
export const COUNTIES = ['371602', '371603', '371621', '371622', '371623', '371625', '371681'];
/** 惠民县 and 无棣县: a township chamber in every township (the article's "full coverage"). */
export const FULL_COVERAGE = ['371621', '371623'];
const LIHAN_VILLAGE = '371625102221'; // 博兴县兴福镇李韩村

/** The article's figures, in the API's units (1 万元 = 1,000,000 fen). */
export const ARTICLE = {
  villagePairing: { donors: 120, villages: 620, peopleHelped: 15_063, amountFen: 4_922_000_000 },
  eastWest: { amountFen: 112_000_000 },
  epidemicRelief: { amountFen: 11_360_000_000 },
};

type ChamberInput = Partial<CreateChamber> & Pick<CreateChamber, 'name' | 'kind' | 'regionCode'>;
export type ChamberSpec = { body: ChamberInput; uscc: string };
export type Firm = { name: string; uscc: string; county: string };
export type Donation = { key: string; chamber: string; body: Record<string, unknown> };

const county = (code: string) => regionName(code) ?? code;
const industry = (name: string, regionCode: string, more: Partial<CreateChamber> = {}) =>
  ({ name, kind: 'industry', regionCode, relationship: 'group-member', ...more }) as const;
const hometown = (name: string, hometownRegionCode: string) =>
  ({
    name,
    kind: 'non-local',
    regionCode: CITY,
    relationship: 'supervised',
    hometownRegionCode,
    partyOrganisation: 'branch',
  }) as const;

const chamberInputs: ChamberInput[] = [
  {
    name: '滨州市新生代企业家商会',
    kind: 'new-generation',
    regionCode: CITY,
    relationship: 'supervised',
    partyOrganisation: 'branch',
    foundedOn: '2017-06-16',
  },
  {
    name: '滨州市女企业家商会',
    kind: 'city-direct',
    regionCode: CITY,
    relationship: 'supervised',
    partyOrganisation: 'branch',
  },
  industry('滨州市物流行业协会', CITY, {
    relationship: 'classified',
    industry: '物流',
    management: {
      registrationAuthority: '滨州市民政局',
      supervisionDepartment: '滨州市市场监督管理局',
      industryDepartment: '滨州市交通运输局',
      classifyingBody: '滨州市工商业联合会',
    },
  }),
  hometown('滨州市温州商会', '330300'),
  hometown('滨州市晋江商会', '350582'),
  hometown('滨州市河南商会', '410000'),
  industry('滨城区机电行业商会', '371602', { industry: '机电' }),
  industry('沾化区冬枣产业商会', '371603', { industry: '冬枣' }),
  industry('惠民县绳网行业商会', '371621', { industry: '绳网' }),
  industry('阳信县肉牛产业商会', '371622', { industry: '肉牛' }),
  industry('博兴县金属板业商会', '371625', {
    industry: '金属板材',
    partyOrganisation: 'branch',
    // The article's chamber takes on all six.
    governmentFunctions: [...GOVERNMENT_FUNCTIONS],
  }),
  {
    name: '李韩小微企业互助商会',
    kind: 'village',
    regionCode: LIHAN_VILLAGE,
    relationship: 'group-member',
    foundedOn: '2019-03-12',
  },
  industry('邹平市铝业商会', '371681', { industry: '铝材' }),
  ...FULL_COVERAGE.flatMap((code) =>
    townshipsOf(code).map((t) => ({
      name: `${county(code)}${t.name}商会`,
      kind: 'township' as const,
      regionCode: t.code,
      relationship: 'group-member' as const,
    })),
  ),
];

/** Registered chambers are social groups: USCC "51" + their county (or city) + a serial. */
export const CHAMBERS: ChamberSpec[] = chamberInputs.map((body, i) => ({
  body,
  uscc: completeUscc(`51${body.regionCode.slice(0, 6)}MJ${String(i + 1).padStart(6, '0')}`),
}));

/** mulberry32: a tiny seeded generator, so "random" amounts are the same on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

/** Splits an integer total by integer weights (largest remainder): integers that sum exactly. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  const order = weights.map((w, i) => ({ i, rest: (total * w) % sum }));
  order.sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left-- <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
  }
  if (parts.some((p) => p <= 0)) throw new Error('split: a part came out zero');
  return parts;
}

const ZIHAO =
  '鑫源 宏达 华兴 金盛 永泰 瑞丰 恒信 博远 齐鲁 渤海 黄河 鲁北 海丰 佳和 润德 天成 裕隆 兴业 福瑞 昌盛'.split(
    ' ',
  );
const TRADE = '纺织 食品 化工 机械 铝业 农业科技 建材 物流'.split(' ');
const ASSISTANCE = ['industry', 'employment', 'public-welfare', 'skills'] as const;

/** Firm k: USCC "91" (an enterprise) + its county + serial; name from word lists (unique). */
function firm(k: number, countyCode: string): Firm {
  const name = `${county(countyCode)}${ZIHAO[k % 20]}${TRADE[Math.floor(k / 20) % 8]}有限公司`;
  const uscc = completeUscc(`91${countyCode}MA${String(k + 1).padStart(6, '0')}`);
  return { name, uscc, county: countyCode };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const seeded = () => CHAMBERS.map((c) => c.body);
const chambersHolding = (code: string) =>
  seeded().filter((c) => code.startsWith(c.regionCode) && c.regionCode !== CITY);
/** The most local seeded chamber holding a village: its village, township, else county chamber. */
function chamberOfVillage(village: string): string {
  const [best] = chambersHolding(village).sort((a, b) => b.regionCode.length - a.regionCode.length);
  if (!best) throw new Error(`no seeded chamber in the county of village ${village}`);
  return best.name;
}
const donor = (f: Firm) => ({ name: f.name, uscc: f.uscc });

/** 百企帮百村: 120 firms × 620 villages (every 5th village of the city, each once). */
function villagePairing(): { firms: Firm[]; donations: Donation[] } {
  const all = villagesUnder(CITY);
  const offset = all.indexOf(LIHAN_VILLAGE) % 5; // 李韩村 is among them
  const villages = Array.from(
    { length: ARTICLE.villagePairing.villages },
    (_, i) => all[offset + i * 5],
  );
  if (villages.includes(undefined)) throw new Error('fewer villages than the article pairs');
  const rnd = random(16_2020);
  const amounts = split(
    ARTICLE.villagePairing.amountFen / 10_000,
    villages.map(() => rnd.int(40, 160)),
  );
  const people = split(
    ARTICLE.villagePairing.peopleHelped,
    villages.map(() => rnd.int(10, 40)),
  );
  const firms: Firm[] = [];
  const donations: Donation[] = [];
  let v = 0;
  for (let k = 0; k < ARTICLE.villagePairing.donors; k += 1) {
    const f = firm(k, (villages[v] as string).slice(0, 6));
    firms.push(f);
    for (const end = v + (k % 6 === 5 ? 6 : 5); v < end; v += 1) {
      const village = villages[v] as string;
      donations.push({
        key: `seed-demo-vp-${pad(v + 1, 4)}`,
        chamber: chamberOfVillage(village),
        body: {
          donor: donor(f),
          campaign: 'village-pairing',
          assistance: ASSISTANCE[rnd.int(0, 3)],
          villageCode: village,
          form: rnd.next() < 0.15 ? 'goods' : 'money',
          amountFen: (amounts[v] as number) * 10_000,
          peopleHelped: people[v],
          occurredOn: `${rnd.int(2016, 2020)}-${pad(rnd.int(1, 12), 2)}-${pad(rnd.int(1, 28), 2)}`,
        },
      });
    }
  }
  if (v !== villages.length) throw new Error(`paired ${v} villages, not ${villages.length}`);
  return { firms, donations };
}

/** 东西部协作: chambers give money and goods to 奉节县 (500236) and 祁连县 (632222). */
const EAST_WEST = [
  ['滨州市新生代企业家商会', '500236', 'money', 300_000, '2019-05-20', '奉节县产业帮扶资金'],
  ['邹平市铝业商会', '500236', 'goods', 180_000, '2019-09-10', '学校课桌椅等物资（折价）'],
  ['滨州市温州商会', '500236', 'money', 100_000, '2020-06-18', '消费帮扶：采购奉节脐橙'],
  ['博兴县金属板业商会', '632222', 'money', 150_000, '2019-07-02', '祁连县牧区帮扶资金'],
  ['阳信县肉牛产业商会', '632222', 'goods', 120_000, '2019-11-15', '牛羊养殖物资（折价）'],
  ['滨州市女企业家商会', '632222', 'goods', 90_000, '2020-01-08', '冬季衣物、棉被（折价）'],
  ['滨州市晋江商会', '632222', 'money', 100_000, '2020-08-26', '助学金'],
  ['沾化区冬枣产业商会', '500236', 'money', 80_000, '2020-10-12', '产业合作启动资金'],
] as const; // chamber, recipient, form, yuan, occurredOn, note

function eastWest(): Donation[] {
  return EAST_WEST.map(([chamber, recipient, form, yuan, on, note], i) => {
    const spec = CHAMBERS.find((c) => c.body.name === chamber);
    if (!spec) throw new Error(`east-west: no chamber ${chamber}`);
    return {
      key: `seed-demo-ew-${pad(i + 1, 2)}`,
      chamber,
      body: {
        donor: { name: chamber, uscc: spec.uscc },
        campaign: 'east-west',
        recipientRegionCode: recipient,
        form,
        amountFen: yuan * 100,
        occurredOn: on,
        note,
      },
    };
  });
}

/** 疫情防控: 300 donations in 2020 from 150 member firms (the 120 pairing firms and 30 more). */
function epidemicRelief(pairingFirms: Firm[]): Donation[] {
  const firms = [...pairingFirms];
  for (let k = firms.length; k < 150; k += 1) firms.push(firm(k, COUNTIES[k % 7] as string));
  const rnd = random(2020_0124);
  const weights = Array.from({ length: 300 }, () => 20 + Math.floor(rnd.next() ** 3 * 980));
  const thousands = split(ARTICLE.epidemicRelief.amountFen / 100_000, weights);
  return thousands.map((units, i) => {
    const f = firms[i % firms.length] as Firm;
    const local = seeded().filter(
      (c) => c.regionCode.startsWith(f.county) || c.regionCode === CITY,
    );
    const day = new Date(Date.UTC(2020, 0, 24 + rnd.int(0, 67))).toISOString().slice(0, 10);
    const goods = rnd.next() < 0.4;
    return {
      key: `seed-demo-ep-${pad(i + 1, 4)}`,
      chamber: (local[rnd.int(0, local.length - 1)] as ChamberInput).name,
      body: {
        donor: donor(f),
        campaign: 'epidemic-relief',
        form: goods ? 'goods' : 'money',
        amountFen: units * 100_000,
        occurredOn: day,
        ...(goods && { note: '口罩、防护服、消毒液等防疫物资（折价）' }),
      },
    };
  });
}

/** Spreads each chamber's donations evenly over the run: the requests in flight then rarely
 * race for the same chain (the ledger would retry them, but that costs time). */
function spread(donations: Donation[]): Donation[] {
  const byChamber = [...Map.groupBy(donations, (d) => d.chamber).values()];
  const placed = byChamber.flatMap((list) =>
    list.map((d, i) => ({ d, at: (i + 0.5) / list.length })),
  );
  return placed.sort((a, b) => a.at - b.at).map(({ d }) => d);
}

/** Every donation in the order to post them, and the memberships they imply (a firm gives
 * through a chamber it belongs to). */
export function buildDemo() {
  const pairing = villagePairing();
  const donations = [...pairing.donations, ...eastWest(), ...epidemicRelief(pairing.firms)];
  const members = new Map<string, { chamber: string; name: string; uscc: string }>();
  for (const d of donations) {
    const who = d.body.donor as { name: string; uscc: string };
    if (d.body.campaign !== 'east-west')
      members.set(`${d.chamber}|${who.uscc}`, { chamber: d.chamber, ...who });
  }
  return { donations: spread(donations), members: [...members.values()] };
}

/*
 * The demo's people, each an account invited through POST /v1/accounts (with a fixed
 * Idempotency-Key, so a second run finds them): the city FIC's staff, 惠民县 FIC's, one officer
 * per chamber, two assessors, and the leaders who liaise with the non-local chambers (驻会领导).
 * Contacts are placeholders: example.com addresses, and mobile numbers in a made-up 138-054 block.
 */
export type PersonSpec = {
  key: string;
  name: string;
  role: 'fic-admin' | 'chamber-officer' | 'assessor' | 'liaison';
  /** The region of every role but chamber-officer. */
  regionCode?: string;
  /** The name of the chamber a chamber-officer acts for. */
  chamber?: string;
  contact: { email?: string; phone?: string };
  /** A liaison's title, and the chambers (by name) they are assigned to visit. */
  liaison?: { title: string; chambers: string[] };
};

const SURNAMES = '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗'.split(' ');
const GIVEN =
  '建华 秀英 志强 桂兰 海燕 立新 玉梅 国庆 丽娟 明辉 春生 淑珍 德胜 晓燕 永刚 红霞 宝山 文静 振华 美玲 学军 凤英 洪波 雪梅 长青 素芳 家豪 慧敏 庆丰 翠兰 俊杰 月华 兴旺 金凤 鹏飞 玉兰 光明 小燕 树林 彩霞'.split(
    ' ',
  );
const demoPhone = (n: number) => `+86138054${pad(n, 5)}`;
const demoEmail = (user: string) => `${user}@binzhou-fic.example.com`;

export const PEOPLE: PersonSpec[] = [
  ...[
    ['刘洪涛', 'liu.hongtao'],
    ['王丽华', 'wang.lihua'],
  ].map(
    ([name, user], i): PersonSpec => ({
      key: `seed-demo-person-staff-${i + 1}`,
      name: name as string,
      role: 'fic-admin',
      regionCode: CITY,
      contact: { email: demoEmail(user as string) },
    }),
  ),
  {
    key: 'seed-demo-person-huimin-staff',
    name: '高志远',
    role: 'fic-admin',
    regionCode: '371621',
    contact: { email: demoEmail('gao.zhiyuan.huimin') },
  },
  ...[
    ['孙明远', 'sun.mingyuan'],
    ['陈静怡', 'chen.jingyi'],
  ].map(
    ([name, user], i): PersonSpec => ({
      key: `seed-demo-person-assessor-${i + 1}`,
      name: name as string,
      role: 'assessor',
      regionCode: CITY,
      contact: { email: demoEmail(user as string) },
    }),
  ),
  ...[
    ['赵文博', 'zhao.wenbo', '副主席', ['滨州市温州商会', '滨州市晋江商会']],
    ['钱玉梅', 'qian.yumei', '副主席', ['滨州市河南商会']],
    ['周海峰', 'zhou.haifeng', '秘书长', ['滨州市新生代企业家商会']],
  ].map(
    ([name, user, title, chambers], i): PersonSpec => ({
      key: `seed-demo-person-liaison-${i + 1}`,
      name: name as string,
      role: 'liaison',
      regionCode: CITY,
      contact: { email: demoEmail(user as string) },
      liaison: { title: title as string, chambers: chambers as string[] },
    }),
  ),
  ...CHAMBERS.map(
    ({ body }, i): PersonSpec => ({
      key: `seed-demo-person-officer-${pad(i + 1, 2)}`,
      name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`,
      role: 'chamber-officer',
      chamber: body.name,
      contact: { phone: demoPhone(i + 1) },
    }),
  ),
];
