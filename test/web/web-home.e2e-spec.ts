import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openCompany } from '../support/forum-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { ensureWebBuilt, launchChromium, screenshot, setTokenMaturity, Watch, WEB_DIST } from './support/browser.js';
import { expectCount, expectText, expectTextContaining } from './support/page-expect.js';
import { seedForum, type SeededForum } from './support/seed.js';

const THREAD_TITLE = 'Is the new office worth the commute?';
const REVIEW_PROS = 'Thoughtful colleagues and real ownership.';

/** Issue 13: the home feed and the one search box, in English and Chinese, on the real API. */
describe('web app: home feed and search', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seeded: SeededForum;
  const watch = new Watch();

  beforeAll(async () => {
    ensureWebBuilt();
    api = await startTestApi({
      WEB_DIST_DIR: WEB_DIST,
      RUN_WORKERS: 'true',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      AGGREGATE_MIN_REVIEWS: '1',
    });
    seeded = await seedForum(api, 'alibaba');
    await openCompany(api, 'tencent', 50);
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: api.url });
    await setTokenMaturity(context, '0');
    watch.attach(context);
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const section = (name: string) => page.getByRole('region', { name });

  it('shows trending threads, new reviews and the most active companies as cards (English)', async () => {
    await page.goto('/');
    const trending = section('Trending threads');
    await trending.getByRole('link', { name: THREAD_TITLE }).waitFor();
    await expectTextContaining(trending.locator(`[data-thread="${seeded.threadId}"]`), '3 replies');
    await section('New reviews').getByText(REVIEW_PROS).waitFor();
    const card = section('Most active companies').locator('[data-company="alibaba"]');
    // The thread, its three replies and the review: five posts published this week.
    await expectTextContaining(card, '5 posts in 7 days');
    await expectText(card.locator('.logo'), 'A');
    await expectText(card.locator('.rating-line strong'), '4.0');
    await expectTextContaining(card.locator('.rating-line'), '1 review');
    await expectTextContaining(card, 'Internet · Hangzhou, China');
    await section('Most active companies').getByText('We never record who reads what').waitFor();
    // tencent has verified people but published nothing: not "active".
    await expectCount(section('Most active companies').locator('[data-company="tencent"]'), 0);
    // The directory lists every company as a card too.
    await section('All companies').locator('[data-company]').first().waitFor();
    // The feed is a cacheable public read: a GET persisted query, no session, no cookie.
    const feedReads = watch.requests.filter((r) => r.url.includes('operationName=Feed'));
    expect(feedReads.length).toBeGreaterThan(0);
    expect(feedReads.every((r) => r.method === 'GET' && !r.headers.cookie && !r.headers.authorization)).toBe(true);
    await screenshot(page, 'home-feed-en');
  });

  it('searches companies (by Chinese alias), threads and reviews in one box, grouped (English)', async () => {
    await page.goto('/');
    await page.getByLabel('Search companies, threads and reviews').fill('阿里');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\?q=/);
    await section('Companies').getByRole('link', { name: 'Alibaba Group' }).waitFor();
    await section('Threads').getByText('No thread matches.').waitFor();

    await page.getByLabel('Search companies, threads and reviews').fill('commute');
    await page.getByRole('button', { name: 'Search' }).click();
    await section('Threads').getByRole('link', { name: THREAD_TITLE }).waitFor();
    await section('Companies').getByText('No company matches.').waitFor();
    await section('Reviews').getByText('No review matches.').waitFor();

    await page.getByLabel('Search companies, threads and reviews').fill('Thoughtful colleagues');
    await page.getByRole('button', { name: 'Search' }).click();
    await section('Reviews').getByText(REVIEW_PROS).waitFor();
    await screenshot(page, 'home-search-en');
    await page.getByRole('link', { name: 'Back to the home page' }).click();
    await section('Trending threads').waitFor();
  });

  it('shows Chinese names of companies, industries, cities and boards in the Chinese interface', async () => {
    await page.goto('/');
    await page.getByLabel('Language').selectOption('zh');
    const card = section('最活跃的公司').locator('[data-company="alibaba"]');
    await expectText(card.locator('.card-title'), '阿里巴巴');
    await expectText(card.locator('.logo'), '阿');
    await expectTextContaining(card, '互联网 · 中国杭州');
    await expectTextContaining(card, '7 天内 5 条');
    await expectTextContaining(section('热门讨论').locator(`[data-thread="${seeded.threadId}"]`), '阿里巴巴');
    await screenshot(page, 'home-feed-zh');

    await page.getByLabel('搜索公司、帖子和点评').fill('鹅厂');
    await page.getByRole('button', { name: '搜索' }).click();
    await section('公司').getByRole('link', { name: '腾讯' }).click();
    await page.waitForURL('**/c/tencent');
    await expectText(page.getByRole('heading', { level: 1 }), '腾讯');
    await page.getByRole('link', { name: '职业发展' }).waitFor();
    await page.getByText('求职、面试、晋升和转岗。').waitFor();
    await screenshot(page, 'company-zh');

    await page.goto('/?q=commute');
    await section('帖子').getByRole('link', { name: THREAD_TITLE }).waitFor();
    await section('点评').getByText('没有匹配的点评。').waitFor();
    await screenshot(page, 'home-search-zh');
  });

  it('logged no console errors', () => {
    expect(watch.errors).toEqual([]);
  });
});
