import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { until } from '../support/until.js';
import { ensureWebBuilt, launchChromium, screenshot, Watch, WEB_DIST, setTokenMaturity } from './support/browser.js';
import {
  expectAttribute,
  expectAttributes,
  expectCount,
  expectText,
  expectTextContaining,
} from './support/page-expect.js';
import { seedForum, type SeededForum } from './support/seed.js';

/** Public pages of the web app, served by the real API on real PostgreSQL and Redis. */
describe('web app: public pages', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const watch = new Watch();

  beforeAll(async () => {
    ensureWebBuilt();
    api = await startTestApi({
      WEB_DIST_DIR: WEB_DIST,
      RUN_WORKERS: 'true',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      AGGREGATE_MIN_REVIEWS: '1',
    });
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: api.url });
    await setTokenMaturity(context, '0');
    watch.attach(context);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('serves the app at / and on client routes, without shadowing API routes', async () => {
    expect(existsSync(`${WEB_DIST}/index.html`)).toBe(true);
    const home = await fetch(`${api.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    const deep = await fetch(`${api.url}/c/some-company`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const gql = await api.gql('{ __typename }');
    expect(gql.data).toEqual({ __typename: 'Query' });
    expect((await fetch(`${api.url}/graphql/nope`)).status).toBe(404);
    expect((await fetch(`${api.url}/.well-known/nothing-here`)).status).toBe(404);
    expect((await fetch(`${api.url}/assets/missing.js`)).status).toBe(404);
  });

  it('searches companies on the home page and opens a company', async () => {
    const seeded = await api.gql<{
      companies: { edges: { node: { slug: string; name: string } }[] };
    }>('query { companies(first: 1) { edges { node { slug name } } } }');
    const company = seeded.data!.companies.edges[0].node;
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('link', { name: company.name }).first().waitFor();
    await screenshot(page, 'home');

    await page.getByLabel('Search companies, threads and reviews').fill(company.name.slice(0, 4));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\?q=/);
    await page.getByRole('link', { name: company.name }).first().click();
    await page.waitForURL(`**/c/${company.slug}`);
    // The URL changes before the company loads: the page's h1 follows a moment later.
    await expectText(page.getByRole('heading', { level: 1 }), company.name);
    // Nobody has verified at this company yet: the board is closed, and the page says why.
    await page.locator('[data-board-closed]').waitFor();
    await screenshot(page, 'company');
  });

  describe('with published content', () => {
    let seeded: SeededForum;
    const slug = 'alibaba';

    beforeAll(async () => {
      seeded = await seedForum(api, slug);
    }, 60_000);

    it('shows the company rating summary, sub-ratings and reviews', async () => {
      await page.goto(`/c/${slug}`);
      await page.getByText('Thoughtful colleagues and real ownership.').waitFor();
      await expectText(page.locator('.big-rating strong'), '4.0');
      await page.getByRole('heading', { name: 'Rating distribution' }).waitFor();
      await page.getByText('Work/life balance').waitFor();
      await expectCount(page.locator(`[data-review-id="${seeded.reviewId}"]`), 1);
      // The rating summary above comes from the same company query as the board notice.
      expect(await page.locator('[data-board-closed]').count()).toBe(0);
      await page.getByText('10+').waitFor();
      await page.getByLabel('Show reviews by').selectOption('Former');
      await page.getByText('No reviews yet.').waitFor();
      await page.getByLabel('Show reviews by').selectOption('');
      await page.getByText('Thoughtful colleagues and real ownership.').waitFor();
      await screenshot(page, 'company');
    });

    it('lists the thread on the company board', async () => {
      await page.goto(`/c/${slug}/board`);
      await page.getByRole('link', { name: 'Is the new office worth the commute?' }).click();
      await page.waitForURL(`**/t/${seeded.threadId}`);
    });

    it('shows replies with per-thread handles and the OP badge on the OP only', async () => {
      await page.goto(`/t/${seeded.threadId}`);
      const op = page.locator(`[data-reply-id="${seeded.opReplyId}"]`);
      const other = page.locator(`[data-reply-id="${seeded.otherReplyId}"]`);
      await op.waitFor();
      await expectCount(op.locator('[data-op="true"]'), 1);
      // The thread and its replies render together from one query: the other reply is there now.
      await expectCount(other.locator('.handle'), 1);
      expect(await other.locator('[data-op="true"]').count()).toBe(0);
      const threadHandle = (await page.locator('[data-thread-id] .handle').allTextContents())[0];
      expect(threadHandle).toMatch(/\S/);
      await expectText(op.locator('.handle'), threadHandle);
      // Relative time in the reader's language, the full date on hover (stored times are hour buckets).
      await expectText(op.locator('time'), /^(this hour|\d+ hours? ago)$/);
      expect(await op.locator('time').getAttribute('title')).toMatch(/\d{4}/);
      expect(await other.locator('.handle').allTextContents()).not.toEqual([threadHandle]);
      // Issue 13: in publication order, so the OP's thank-you sits below the reply it answers.
      await expectAttributes(page.locator('[data-reply-id]'), 'data-reply-id', [
        seeded.otherReplyId,
        seeded.opReplyId,
        seeded.laterReplyId,
      ]);
      await screenshot(page, 'thread-public');
    });

    it('tells a reader without an account to verify a work email before writing (not to fill a wallet)', async () => {
      await page.goto(`/t/${seeded.threadId}`);
      await page.getByLabel('Your reply').fill('Without an account');
      await page.getByRole('button', { name: 'Post reply' }).click();
      const alert = page.getByRole('alert');
      await expectAttribute(alert, 'data-code', 'NOT_VERIFIED');
      await expectTextContaining(alert, 'To post, first verify your work email.');
      await alert.getByRole('link', { name: 'Verify email' }).waitFor();
    });
  });

  it('shows a clear error for an unknown company', async () => {
    await page.goto('/c/no-such-company-here');
    const alert = page.getByRole('alert');
    await expectAttribute(alert, 'data-code', 'COMPANY_NOT_FOUND');
    await expectTextContaining(alert, 'No company has this name.');
  });

  it('switches to Simplified Chinese and back, and shows the privacy page', async () => {
    await page.goto('/privacy');
    await page.getByRole('heading', { level: 1, name: 'About your privacy' }).waitFor();
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('heading', { level: 1, name: '关于你的隐私' }).waitFor();
    const lang = () => page.evaluate(() => document.documentElement.lang);
    await until(async () => (await lang()) === 'zh-Hans', undefined, 'lang="zh-Hans"').catch(() => undefined);
    expect(await lang()).toBe('zh-Hans');
    await screenshot(page, 'privacy-zh');
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'About your privacy' }).waitFor();
    await screenshot(page, 'privacy');
  });

  it('is usable from the keyboard: skip link first, then labelled controls', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#main$/);
    // Every form control on the page has an accessible name.
    const unnamed = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, select, textarea, button'))
        .filter((el) => {
          const e = el as HTMLInputElement;
          return !(
            e.labels?.length ||
            e.getAttribute('aria-label') ||
            (el.tagName === 'BUTTON' && el.textContent?.trim())
          );
        })
        .map((el) => el.outerHTML),
    );
    expect(unnamed).toEqual([]);
  });

  it('has a favicon and shows staff links to staff only', async () => {
    await page.goto('/');
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Companies' }).waitFor();
    expect(await nav.getByRole('link', { name: /Moderation/ }).count()).toBe(0);
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
    const icon = await fetch(`${api.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(await icon.text()).toContain('<svg');
  });

  it('pages through every company from the home page', async () => {
    await page.goto('/');
    // The directory below the feed (issue 13): every company, 20 at a time.
    const cards = page.getByRole('list', { name: 'All companies' }).locator('.card');
    await expectCount(cards, 20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expectCount(cards, 40);
  });

  it("titles a shared board with the board's name, not its slug", async () => {
    await page.goto('/b/career');
    await expectText(page.getByRole('heading', { level: 1 }), 'Board: Career');
  });

  it('fits a 390 px phone: a menu button instead of a wrapping menu, a wallet table that fits', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto('/wallet');
    await page.getByRole('heading', { level: 1, name: 'Posting credits' }).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    const table = (await page.locator('main table').boundingBox())!;
    expect(table.x + table.width).toBeLessThanOrEqual(390);
    // The menu is one button; the header stays one line.
    const menu = page.getByRole('button', { name: /Menu/ });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Companies' }).isVisible()).toBe(false);
    expect((await page.locator('header.top').boundingBox())!.height).toBeLessThan(70);
    await screenshot(page, 'wallet-phone');
    await menu.click();
    await page.getByRole('navigation').getByRole('link', { name: 'Companies' }).click();
    await page.waitForURL(/\/$/);
    await expectAttribute(menu, 'aria-expanded', 'false');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('fits a phone-sized screen without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Measure once the company list has loaded: the widest content arrives with it.
    await page.locator('main a[href^="/c/"]').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'home-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  describe('finally', () => {
    it('logged no console errors on any page', () => {
      expect(watch.requests.length).toBeGreaterThan(10);
      expect(watch.errors).toEqual([]);
    });
  });
});
