/** Plausible people and companies for the demo: Chinese names, valid resident
 *  IDs (GB 11643), mobiles, bank cards (Luhn), credit codes (GB 32100), incomes. */
import { creditCodeCheckChar, residentIdCheckChar } from '../../../core/validation/identity';
import { addDays } from '../../../core/dates';
import type { Rng } from './random';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '于',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '苏',
  '魏',
  '吕',
  '丁',
  '任',
  '沈',
  '欧阳',
  '司马',
];
const GIVEN_MALE = [
  '伟',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '杰',
  '涛',
  '斌',
  '超',
  '明',
  '刚',
  '平',
  '辉',
  '鹏',
  '华',
  '飞',
  '鑫',
  '波',
  '宇',
  '浩',
  '凯',
  '健',
  '俊',
  '帆',
  '志强',
  '建华',
  '海涛',
  '子轩',
  '浩然',
  '宇航',
  '国强',
  '文博',
];
const GIVEN_FEMALE = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '娟',
  '霞',
  '秀英',
  '婷',
  '雪',
  '琳',
  '颖',
  '倩',
  '慧',
  '晶',
  '玲',
  '红',
  '洁',
  '欣怡',
  '梓涵',
  '雨桐',
  '诗涵',
  '佳怡',
  '思琪',
  '晓燕',
  '春梅',
  '丹',
];
/** Region codes (first 6 digits) with the city written in the address. */
const REGIONS: Array<{ code: string; city: string; districts: string[] }> = [
  { code: '110105', city: '北京市朝阳区', districts: ['建国路', '朝阳北路', '望京街', '酒仙桥路'] },
  { code: '110108', city: '北京市海淀区', districts: ['中关村大街', '学院路', '西三环北路'] },
  { code: '310115', city: '上海市浦东新区', districts: ['世纪大道', '张杨路', '锦绣路'] },
  { code: '440305', city: '深圳市南山区', districts: ['科技园路', '南海大道', '后海大道'] },
  { code: '330106', city: '杭州市西湖区', districts: ['文三路', '天目山路', '黄龙路'] },
  { code: '510107', city: '成都市武侯区', districts: ['人民南路', '科华北路', '武侯祠大街'] },
  { code: '420106', city: '武汉市武昌区', districts: ['中南路', '武珞路', '和平大道'] },
  { code: '130102', city: '石家庄市长安区', districts: ['中山东路', '建设北大街'] },
];
const EMPLOYERS = [
  '北京某科技有限公司',
  '上海某贸易有限公司',
  '某市第一人民医院',
  '某区实验小学',
  '某物流有限公司',
  '某建筑工程有限公司',
  '某餐饮管理有限公司',
  '个体经营',
  '某汽车销售服务有限公司',
  '某信息技术有限公司',
];
const COMPANY_WORDS = ['恒泰', '鑫源', '华盛', '瑞丰', '宏达', '金桥', '顺通', '嘉禾', '众诚', '远航', '博远', '天佑'];
const COMPANY_KINDS = [
  { suffix: '商贸有限公司', industry: '批发和零售业' },
  { suffix: '餐饮管理有限公司', industry: '住宿和餐饮业' },
  { suffix: '物流有限公司', industry: '交通运输、仓储和邮政业' },
  { suffix: '建材有限公司', industry: '制造业' },
  { suffix: '科技有限公司', industry: '信息传输、软件和信息技术服务业' },
];
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '176',
  '177',
  '180',
  '181',
  '186',
  '187',
  '188',
  '189',
  '199',
];

export interface SeedPerson {
  name: string;
  residentId: string;
  phone: string;
  bankCard: string;
  address: string;
  employer: string;
  monthlyIncomeFen: number;
  monthlyDebtFen: number;
  employmentYears: number;
}

export interface SeedBusiness {
  name: string;
  creditCode: string;
  legalRepId: string;
  phone: string;
  address: string;
  registeredCapitalFen: number;
  industry: string;
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

/** A resident ID for a birth date; `serial` (0..999) keeps IDs unique per index,
 *  its parity gives the sex. */
export function residentIdFor(regionCode: string, birthDate: string, serial: number): string {
  const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Person `index` (0-based): unique resident ID and phone by construction. */
export function seedPerson(rng: Rng, index: number, today: string): SeedPerson {
  const male = rng.chance(0.55);
  const surname = rng.pick(SURNAMES);
  const name = surname + rng.pick(male ? GIVEN_MALE : GIVEN_FEMALE);
  const region = rng.pick(REGIONS);
  const ageYears = rng.int(24, 54);
  // Different birth day per index block keeps region+birth+serial unique.
  const birthDate = addDays(today, -(ageYears * 365 + rng.int(0, 364)));
  // Unique by construction up to 4,000 people: the block of 500 picks the ID's
  // region, the index within the block the serial (its parity the sex).
  const serial = (index % 500) * 2 + (male ? 1 : 0);
  const idRegion = REGIONS[Math.floor(index / 500) % REGIONS.length]!;
  const residentId = residentIdFor(idRegion.code, birthDate, serial);
  const phone = `${MOBILE_PREFIXES[index % MOBILE_PREFIXES.length]}${String(index).padStart(8, '0')}`;
  const cardBody = `622202${digits(rng, 12)}`;
  const income =
    rng.pick([4_000, 5_500, 6_500, 8_000, 9_500, 12_000, 15_000, 18_000, 25_000, 35_000]) * 100 +
    (rng.int(0, 50) * 100_00) / 10;
  return {
    name,
    residentId,
    phone,
    bankCard: cardBody + luhnCheckDigit(cardBody),
    address: `${region.city}${rng.pick(region.districts)}${rng.int(1, 300)}号`,
    employer: rng.pick(EMPLOYERS),
    monthlyIncomeFen: income,
    monthlyDebtFen: rng.chance(0.6) ? 0 : Math.round((income * rng.int(2, 15)) / 100),
    employmentYears: rng.int(0, Math.min(30, ageYears - 20)),
  };
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function seedBusiness(rng: Rng, index: number, today: string): SeedBusiness {
  const region = rng.pick(REGIONS);
  const kind = rng.pick(COMPANY_KINDS);
  const city = region.city.slice(0, 2);
  let org = '';
  for (let i = 0; i < 8; i++) org += CREDIT_CHARS[rng.int(0, 9)];
  const first17 = `91${region.code}${org}${String(index % 10)}`;
  const repBirth = addDays(today, -(rng.int(30, 55) * 365 + rng.int(0, 364)));
  return {
    name: `${city}${rng.pick(COMPANY_WORDS)}${COMPANY_WORDS[index % COMPANY_WORDS.length]}${kind.suffix}`,
    creditCode: first17 + creditCodeCheckChar(first17),
    legalRepId: residentIdFor(region.code, repBirth, 900 + (index % 99)),
    phone: `139${String(90_000_000 + index).padStart(8, '0')}`,
    address: `${region.city}${rng.pick(region.districts)}${rng.int(1, 300)}号`,
    registeredCapitalFen: rng.pick([50, 100, 200, 500, 1000]) * 10_000_00,
    industry: kind.industry,
  };
}
