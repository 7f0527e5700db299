/** 首页与公共版块的中文文案（issue 13），键与 home.en.ts 相同。 */
export const homeZh = {
  title: '大家怎么说',
  searchLabel: '搜索公司、帖子和点评',
  searchPlaceholder: '例如 腾讯、鹅厂、Tencent 或 加班',
  search: '搜索',
  clear: '返回首页',
  resultsFor: '“{{q}}”的搜索结果',
  noResults: '没有与“{{q}}”匹配的内容。',
  companies: '公司',
  threads: '帖子',
  reviews: '点评',
  noCompanies: '没有匹配的公司。',
  noThreads: '没有匹配的帖子。',
  noReviews: '没有匹配的点评。',
  trending: '热门讨论',
  trendingNote: '按最近 {{days}} 天的回复和投票排序，越新的帖子越靠前。',
  noTrending: '最近 {{days}} 天还没有讨论。',
  newReviews: '最新点评',
  noNewReviews: '还没有点评。',
  active: '最活跃的公司',
  activeNote:
    '最近 {{days}} 天，已验证员工发布帖子、回复和点评最多的公司。我们从不记录谁读了什么，所以这里统计的是发布，而不是阅读。',
  noActive: '最近 {{days}} 天还没有发布的内容。',
  recentPosts_one: '{{days}} 天内 {{count}} 条',
  recentPosts_other: '{{days}} 天内 {{count}} 条',
  allCompanies: '全部公司',
  noRating: '暂无评分',
};

/** 公共版块（按 slug）：名称与简介。 */
export const boardsZh = {
  career: { name: '职业发展', description: '求职、面试、晋升和转岗。' },
  compensation: { name: '薪酬福利', description: '薪资、股票、奖金和 offer。' },
  layoffs: { name: '裁员', description: '重组、裁员以及之后的路。' },
  industry: { name: '行业动态', description: '关于整个行业的新闻和讨论。' },
};
