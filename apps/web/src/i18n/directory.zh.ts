/**
 * Chinese names of the seeded directory's fixed vocabularies (industries, headquarters cities and countries), shown
 * in the Chinese interface. Company names come from the API (Company.nameZh); anything not listed here stays as
 * the directory has it.
 */
export const INDUSTRY_ZH: Readonly<Record<string, string>> = {
  Aerospace: '航空航天',
  Automotive: '汽车',
  Consulting: '咨询',
  'Consumer Goods': '消费品',
  Education: '教育',
  Energy: '能源',
  Finance: '金融',
  Gaming: '游戏',
  Hardware: '硬件',
  Healthcare: '医疗健康',
  Internet: '互联网',
  Logistics: '物流',
  Manufacturing: '制造业',
  Media: '媒体',
  Pharmaceuticals: '医药',
  Retail: '零售',
  Semiconductors: '半导体',
  Software: '软件',
  Telecommunications: '电信',
  Travel: '旅游出行',
};

export const COUNTRY_ZH: Readonly<Record<string, string>> = {
  China: '中国',
  USA: '美国',
  'United Kingdom': '英国',
  Japan: '日本',
  India: '印度',
  France: '法国',
  Sweden: '瑞典',
  'South Korea': '韩国',
  Ireland: '爱尔兰',
  Germany: '德国',
  Netherlands: '荷兰',
  Switzerland: '瑞士',
};

export const CITY_ZH: Readonly<Record<string, string>> = {
  Beijing: '北京',
  Shanghai: '上海',
  Shenzhen: '深圳',
  Hangzhou: '杭州',
  Hefei: '合肥',
  Ningde: '宁德',
  Qingdao: '青岛',
  Dongguan: '东莞',
  'New York': '纽约',
  London: '伦敦',
  'San Francisco': '旧金山',
  Tokyo: '东京',
  Paris: '巴黎',
  Seattle: '西雅图',
  Seoul: '首尔',
  Mumbai: '孟买',
  Bengaluru: '班加罗尔',
  Stockholm: '斯德哥尔摩',
  'Santa Clara': '圣克拉拉',
  'San Jose': '圣何塞',
  'Mountain View': '山景城',
  Cupertino: '库比蒂诺',
  Redmond: '雷德蒙德',
  'Menlo Park': '门洛帕克',
  Boston: '波士顿',
  Austin: '奥斯汀',
  Munich: '慕尼黑',
  Amsterdam: '阿姆斯特丹',
  Dublin: '都柏林',
};

/** "Beijing, China" → "中国北京"; a city or country not listed keeps the English text of that part. */
export function placeZh(place: string): string {
  const [city, country] = place.split(/,\s*/, 2);
  if (country === undefined) return CITY_ZH[city] ?? COUNTRY_ZH[city] ?? city;
  const c = COUNTRY_ZH[country];
  const town = CITY_ZH[city];
  if (!c || !town) return place;
  return `${c}${town}`;
}
