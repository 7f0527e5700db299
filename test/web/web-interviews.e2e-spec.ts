import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink.js';
import type { TestApi } from '../support/test-app.js';
import { launchChromium, screenshot, setTokenMaturity, Watch } from './support/browser.js';
import {
  ANONYMOUS_WRITE,
  companyWithDomain,
  receiptId,
  startWebTestApi,
  verifyInBrowser,
  waitPublished,
  type TestCompany,
} from './support/flow.js';
import { expectAttribute, expectText, expectTextContaining } from './support/page-expect.js';

/**
 * Issue 14 in the browser: a verified member of one company writes an
 * interview review of another from the form (every field, a title from the
 * list, two questions, the own company shown), sees it on that company's
 * Interviews tab with its aggregates, finds it by a Chinese question, and is
 * refused a second one; in English and Chinese. Screenshots go to
 * artifacts/screenshots/interview-*.png.
 */
describe('web app: interview reviews', () => {
  let api: TestApi;
  let browser: Browser;
  const smtp = new SmtpSink();
  const watch = new Watch();
  let home: TestCompany;
  let target: TestCompany;
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    api = await startWebTestApi(smtp, { INTERVIEW_MIN_REPORTS: '1' });
    home = await companyWithDomain(api, 'a');
    target = await companyWithDomain(api, 'baidu');
    browser = await launchChromium();
    ctx = await browser.newContext({ baseURL: api.url });
    // Tokens and credentials spendable at once: web-token-maturity.e2e-spec.ts tests the wait.
    await setTokenMaturity(ctx, '0');
    await ctx.addCookies([{ name: 'canary', value: 'must-not-travel', url: api.url }]);
    watch.attach(ctx);
    page = await ctx.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await smtp.stop();
  });

  it('asks a visitor to verify before writing', async () => {
    await page.goto(`/c/${target.slug}/interview`);
    await page.getByText('Verify your work email first', { exact: false }).waitFor();
  });

  it('writes an interview review of another company from the form (en)', async () => {
    await verifyInBrowser(page, smtp, `candidate.e2e@${home.domain}`, home);
    // In-app navigation: a reload now would cut the background fill short.
    await page.getByRole('navigation').getByRole('link', { name: 'Posting credits' }).click();
    await expectTextContaining(page.getByTestId('arc-credentials'), '2 anonymous passes');
    await page.locator('.refill').waitFor({ state: 'detached' });

    // From the company page to its Interviews tab, then the form.
    await page.goto(`/c/${target.slug}`);
    await page.getByRole('link', { name: 'Interviews' }).click();
    await page.getByText('No interview reviews yet.').waitFor();
    await expectText(page.getByRole('heading', { level: 1 }), `Interviews at ${target.name}`);
    await page.getByRole('link', { name: 'Write an interview review' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), `Your interview at ${target.name}`);
    // Nothing chosen for the candidate.
    expect(await page.locator('form input[type="radio"]:checked, form input[type="checkbox"]:checked').count()).toBe(0);
    await page.getByLabel('Job title').fill('Backend Engineer');
    const months = await page.getByLabel('When').locator('option').allTextContents();
    await page.getByLabel('When').selectOption(months[2]);
    await page.getByLabel('How you got the interview').selectOption('Referral');
    await page.locator('#difficulty').getByLabel('Difficulty 4 of 5').check();
    await page.getByLabel('Overall experience').selectOption('Positive');
    await page.getByLabel('Outcome', { exact: true }).selectOption('OfferDeclined');
    await page.getByLabel('How long the process took').selectOption('TwoToFourWeeks');
    await page.getByLabel('The stages').fill('HR call, an online test, two technical rounds and a director chat.');
    await page.getByLabel('Question 1', { exact: true }).fill('反转一个单链表，并分析时间复杂度');
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('Question 2', { exact: true }).fill('Design a URL shortener that survives a region outage.');
    await page.getByLabel(`Show my company (${home.name}) on this review`).check();
    await screenshot(page, 'interview-form-en');
    await page.getByRole('button', { name: 'Post interview review' }).click();
    const id = await receiptId(page);
    await waitPublished(api, id);

    await page.goto(`/c/${target.slug}/interviews`);
    const item = page.locator(`[data-interview-id="${id}"]`);
    await item.waitFor();
    await expectText(item.locator('.badge'), `Verified candidate at ${home.name}`);
    await item.getByText('Design a URL shortener that survives a region outage.').waitFor();
    await expectText(item.locator('dd').first(), 'Difficulty 4 of 5');
    // One report is enough here (INTERVIEW_MIN_REPORTS=1): the company's and the title's aggregates show.
    await expectText(page.locator('[data-interview-stats="all"] dd').first(), '4.0 / 5');
    await expectText(page.locator('[data-interview-stats="backend-engineer"] dd').first(), '4.0 / 5');
    await screenshot(page, 'interview-tab-en');
  });

  it('finds the interview by a Chinese question, and shows the tab in Chinese', async () => {
    await page.goto(`/c/${target.slug}/interviews`);
    await page.getByLabel('Language').selectOption('zh');
    await expectText(page.getByRole('heading', { level: 2, name: '面试统计' }), '面试统计');
    await page.getByRole('searchbox').fill('单链表');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    const results = page.locator('[data-search-results] [data-interview-id]');
    await results.first().waitFor();
    await expectTextContaining(results.first(), '反转一个单链表');
    await expectTextContaining(results.first().locator('.badge'), `已验证的候选人，来自 ${home.name}`);
    // A title of the normalised list reads in the page's language.
    await expectText(results.first().locator('header strong'), '后端工程师');
    await screenshot(page, 'interview-tab-zh');
  });

  it('refuses a second interview review of the same company this period (zh form)', async () => {
    await page.goto(`/c/${target.slug}/interview`);
    await expectText(page.getByRole('heading', { level: 1 }), `你在 ${target.name} 的面试`);
    await page.getByLabel('职位').fill('软件工程师');
    const months = await page.getByLabel('面试时间').locator('option').allTextContents();
    await page.getByLabel('面试时间').selectOption(months[1]);
    await page.getByLabel('面试渠道').selectOption('Campus');
    await page.locator('#difficulty').getByLabel('难度 2 / 5').check();
    await page.getByLabel('整体感受').selectOption('Neutral');
    await page.getByLabel('结果', { exact: true }).selectOption('Waiting');
    await page.getByLabel('流程时长').selectOption('OneToTwoWeeks');
    await page.getByLabel('面试流程').fill('一轮电话面试和一轮现场面试。');
    await page.getByLabel('问题 1', { exact: true }).fill('介绍一个你做过的项目');
    await screenshot(page, 'interview-form-zh');
    await page.getByRole('button', { name: '发布面经' }).click();
    await expectAttribute(page.getByRole('alert'), 'data-code', 'ALREADY_INTERVIEW_REVIEWED');
    await expectTextContaining(page.getByRole('alert'), '你在本周期已经为这家公司写过面经了');
    await page.locator('.lang select').selectOption('en');
  });

  it('sent every interview write without a cookie or a session, and logged no console errors', async () => {
    await watch.settled();
    const writes = watch.graphql((b) => ANONYMOUS_WRITE.test(b.query) && /CreateInterview/.test(b.query));
    expect(writes.length).toBe(2);
    for (const w of writes) {
      expect(w.headers.cookie).toBeUndefined();
      const auth = w.headers.authorization;
      expect(auth === undefined || /^PrivateToken /.test(auth)).toBe(true);
    }
    expect(watch.errors).toEqual([]);
  });
});
