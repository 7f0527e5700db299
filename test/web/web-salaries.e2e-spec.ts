import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ArcHolder, openCompany, type TestCompany as ApiCompany } from '../support/forum-client.js';
import { salaryDraft, submitSalary, type SalaryDraft } from '../support/salary-client.js';
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
import { expectAttribute, expectCount, expectTextContaining } from './support/page-expect.js';

/**
 * Issue 14 in the browser: a company's Salaries tab (aggregates only, "not
 * enough reports yet" below the threshold), the salary form paid with the
 * reader's ARC credential (a second report refused in plain words), the
 * comparison and the "what would I earn" lookup, in English and Chinese.
 */
describe('web app: salaries', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const smtp = new SmtpSink();
  const watch = new Watch();
  let company: TestCompany;

  async function seed(target: ApiCompany, drafts: Partial<SalaryDraft>[]): Promise<void> {
    for (const d of drafts) {
      const res = await submitSalary(api, new ArcHolder(api, target), salaryDraft(d));
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      await waitPublished(api, res.data!.createSalaryReport.id);
    }
  }

  beforeAll(async () => {
    api = await startWebTestApi(smtp);
    company = await companyWithDomain(api, 'Alibaba');
    const own = await openCompany(api, company.slug, 50);
    const tencent = await openCompany(api, 'tencent', 50);
    const swe = (basePay: number, level = 'P6'): Partial<SalaryDraft> => ({
      jobTitle: 'Software Engineer',
      level,
      city: 'Hangzhou',
      basePay,
    });
    await seed(own, [swe(300_000), swe(350_000), swe(400_000), swe(450_000), swe(500_000, 'P7')]);
    await seed(own, [{ jobTitle: 'Product Manager', basePay: 380_000 }]);
    await seed(
      tencent,
      [300_000, 420_000, 460_000, 520_000, 610_000].map((b) => ({ ...swe(b, 'T9'), city: 'Shenzhen' })),
    );
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: api.url });
    // Tokens and credentials spendable at once: web-token-maturity.e2e-spec.ts tests the wait.
    await setTokenMaturity(context, '0');
    watch.attach(context);
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await smtp.stop();
  });

  it('shows a company’s Salaries tab: figures for large groups, "not enough reports yet" for small ones', async () => {
    await page.goto(`/c/${company.slug}`);
    await page.locator('nav.tabs').getByRole('link', { name: 'Salaries' }).click();
    await page.waitForURL(`**/c/${company.slug}/salaries`);
    const swe = page.locator(`[data-group="${company.slug}:software-engineer:Title::"]`);
    await expectTextContaining(swe, '5 reports');
    // Total = base + 80,000 bonus + 100,000 stock; the median base is 400,000.
    await expectAttribute(swe.locator('[data-median]').first(), 'data-median', '580000');
    await expectTextContaining(swe, '580,000');
    const pm = page.locator(`[data-group="${company.slug}:product-manager:Title::"]`);
    await expectTextContaining(pm, 'Not enough reports yet (1 of 5 needed).');
    expect(await pm.locator('[data-median]').count()).toBe(0);
    // The city group has all five; level P6 (4) and P7 (1) are too small to show on their own.
    await expectCount(page.locator(`[data-group^="${company.slug}:software-engineer:City:"]`), 1);
    await expectCount(page.locator(`[data-group^="${company.slug}:software-engineer:Level:"]`), 0);
    await screenshot(page, 'salaries-company');
  });

  it('takes a salary report from a verified reader once per period, on the anonymous path', async () => {
    await verifyInBrowser(page, smtp, `salary.reader@${company.domain}`, company);
    await page.getByRole('navigation').getByRole('link', { name: 'Posting credits' }).click();
    await expectTextContaining(page.getByTestId('arc-credentials'), 'anonymous passes in this browser');
    await page.locator('.refill').waitFor({ state: 'detached' });

    const fill = async () => {
      await page.goto(`/c/${company.slug}/salaries`);
      await page.getByRole('link', { name: 'Add your salary' }).click();
      await page.getByLabel('Job title').fill('软件工程师');
      await page.getByLabel('Level (optional)').fill('P6');
      await page.getByLabel('City').fill('Hangzhou');
      await page.getByLabel('Years of experience').selectOption('ThreeToFiveYears');
      await page.getByLabel('Years at this company').selectOption('OneToThreeYears');
      await page.getByLabel('Employment type').selectOption('FullTime');
      await page.getByLabel('Currency').fill('CNY');
      await page.getByLabel(/Base pay per year/).fill('420,000');
      await page.getByLabel(/Bonus per year/).fill('80000');
      await page.getByLabel(/Stock or equity per year/).fill('100000');
    };
    await fill();
    await screenshot(page, 'salary-form');
    await page.getByRole('button', { name: 'Submit salary' }).click();
    const id = await receiptId(page);
    await page.getByText('Thank you. Your report will count after screening').waitFor();
    // Sent without a session, like every anonymous write.
    await watch.settled();
    const sent = watch.graphql((b) => ANONYMOUS_WRITE.test(b.query) && /CreateSalaryReport/.test(b.query));
    expect(sent.length).toBe(1);
    expect(sent[0].headers.authorization).toBeUndefined();
    await waitPublished(api, id);
    await page.goto(`/c/${company.slug}/salaries`);
    await expectTextContaining(page.locator(`[data-group="${company.slug}:software-engineer:Title::"]`), '6 reports');

    await fill();
    await page.getByRole('button', { name: 'Submit salary' }).click();
    const alert = page.getByRole('alert');
    await expectAttribute(alert, 'data-code', 'ALREADY_REPORTED_SALARY');
    await expectTextContaining(alert, 'You have already reported a salary at this company in this period.');
    await screenshot(page, 'salary-form-refused');

    // The author's own list keeps the report's key (not its amounts): it can be withdrawn, and leaves the group.
    await page.goto('/mine');
    const mine = page.locator(`[data-my-post="${id}"]`);
    await expectAttribute(mine, 'data-status', 'Published');
    await expectTextContaining(mine, '软件工程师 · P6 · Hangzhou · CNY');
    expect(await mine.textContent()).not.toContain('420');
    await screenshot(page, 'salary-mine');
    page.once('dialog', (d) => void d.accept());
    await mine.getByRole('button', { name: 'Delete' }).click();
    await expectCount(mine, 0);
    await page.goto(`/c/${company.slug}/salaries`);
    await expectTextContaining(page.locator(`[data-group="${company.slug}:software-engineer:Title::"]`), '5 reports');
  });

  it('compares the company’s titles with another company’s', async () => {
    await page.goto(`/salaries/compare?c=${company.slug}&with=tencent`);
    const row = page.locator('tr[data-title="software-engineer"]');
    await expectTextContaining(row.locator(`[data-company="${company.slug}"]`), '5 reports');
    await expectAttribute(row.locator('[data-company="tencent"] [data-median]'), 'data-median', '640000');
    await expectTextContaining(page.locator('tr[data-title="product-manager"] [data-company="tencent"]'), 'No reports');
    await screenshot(page, 'salaries-compare');
  });

  it('looks up what a title pays across companies, finest large-enough group first', async () => {
    await page.goto('/salaries');
    await page.getByLabel('Job title').fill('Software Engineer');
    await page.getByLabel('Level (optional)').fill('t9');
    await page.getByLabel('City').fill('shenzhen');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expectTextContaining(page.locator('[data-group^="tencent:software-engineer:LevelCity:"]'), 'T9 in Shenzhen');
    await expectTextContaining(
      page.locator(`[data-group^="${company.slug}:software-engineer:Title:"]`),
      'All levels and cities',
    );
    await screenshot(page, 'salaries-lookup');
  });

  it('shows the tab, compare and lookup in Chinese', async () => {
    await page.getByLabel('Language').selectOption('zh');
    await page.goto('/salaries?title=%E8%BD%AF%E4%BB%B6%E5%B7%A5%E7%A8%8B%E5%B8%88&level=T9&city=Shenzhen');
    await expectTextContaining(page.locator('[data-group^="tencent:software-engineer:LevelCity:"]'), 'Shenzhen 的 T9');
    await page.getByRole('heading', { name: '我能拿多少？' }).waitFor();
    await screenshot(page, 'salaries-lookup-zh');
    await page.goto(`/c/${company.slug}/salaries`);
    await page.getByRole('heading', { name: new RegExp('的薪资') }).waitFor();
    await expectTextContaining(page.locator(`[data-group="${company.slug}:product-manager:Title::"]`), '报告还不够');
    await expectTextContaining(page.locator(`[data-group="${company.slug}:software-engineer:Title::"]`), '软件工程师');
    await screenshot(page, 'salaries-company-zh');
    await page.getByRole('link', { name: '提交你的薪资' }).click();
    await page.getByLabel('年基本工资 (CNY)').waitFor();
    await screenshot(page, 'salary-form-zh');
    await page.goto(`/salaries/compare?c=${company.slug}&with=tencent`);
    await page.getByRole('heading', { name: '薪资比较' }).waitFor();
    await expectTextContaining(page.locator('tr[data-title="software-engineer"] th'), '软件工程师');
    await screenshot(page, 'salaries-compare-zh');
  });

  it('logged no console errors', () => {
    expect(watch.errors).toEqual([]);
  });
});
