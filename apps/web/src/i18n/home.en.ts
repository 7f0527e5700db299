/** English strings of the home page and the shared boards (issue 13); home.zh.ts has the same keys. */
export const homeEn = {
  title: 'What people say about work',
  searchLabel: 'Search companies, threads and reviews',
  searchPlaceholder: 'e.g. Tencent, 腾讯, 鹅厂 or overtime',
  search: 'Search',
  clear: 'Back to the home page',
  resultsFor: 'Results for “{{q}}”',
  noResults: 'Nothing matches “{{q}}”.',
  companies: 'Companies',
  threads: 'Threads',
  reviews: 'Reviews',
  noCompanies: 'No company matches.',
  noThreads: 'No thread matches.',
  noReviews: 'No review matches.',
  trending: 'Trending threads',
  trendingNote: 'Ranked by replies and votes of the last {{days}} days; newer threads rank higher.',
  noTrending: 'No discussions in the last {{days}} days yet.',
  newReviews: 'New reviews',
  noNewReviews: 'No reviews yet.',
  active: 'Most active companies',
  activeNote:
    'Companies whose verified people published the most threads, replies and reviews in the last {{days}} days. We never record who reads what, so this is about writing, not reading.',
  noActive: 'Nothing published in the last {{days}} days yet.',
  recentPosts_one: '{{count}} post in {{days}} days',
  recentPosts_other: '{{count}} posts in {{days}} days',
  allCompanies: 'All companies',
  noRating: 'Not rated yet',
};

/** The shared boards by slug: their names and descriptions in the interface's language. */
export const boardsEn = {
  career: { name: 'Career', description: 'Job hunting, interviews, promotions and switching teams.' },
  compensation: { name: 'Compensation', description: 'Salaries, equity, bonuses and offers.' },
  layoffs: { name: 'Layoffs', description: 'Restructurings, layoffs and what comes after.' },
  industry: { name: 'Industry talk', description: 'News and talk about the industry at large.' },
};
