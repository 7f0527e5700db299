import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink.js';
import type { TestApi } from '../support/test-app.js';
import { launchChromium, screenshot, setTokenMaturity, Watch } from './support/browser.js';
import {
  companyWithDomain,
  receiptId,
  startWebTestApi,
  verifyInBrowser,
  waitPublished,
  type TestCompany,
} from './support/flow.js';
import {
  expectAttribute,
  expectAttributes,
  expectCount,
  expectText,
  expectTextContaining,
} from './support/page-expect.js';
import { seedForum, type SeededForum } from './support/seed.js';

const HOUR = `date_trunc('hour', now())`;
const HANDBOOK = 'https://example.com/handbook?x=1&section=benefits-and-leave-policy-for-employees-in-all-offices';
const LINK_BODY = `Handbook: ${HANDBOOK} — not a link: javascript:alert(document.title) <b>bold?</b>`;

/**
 * Reading (issue 13): "Load more" under boards, long threads and reviews; quoting a reply; links made clickable
 * safely. Lists longer than a page are published rows written straight into the tables (each with the next
 * publication position, as publishing assigns it): what the pages read, without a write pipeline per row.
 */
describe('web app: reading long lists, quotes and links', () => {
  let api: TestApi;
  let browser: Browser;
  let reader: BrowserContext;
  let page: Page;
  let company: TestCompany;
  let seeded: SeededForum;
  let longThread: string;
  let replyIds: string[];
  const smtp = new SmtpSink();
  const watch = new Watch();

  const query = <T>(sql: string, params: unknown[] = []) => api.dataSource.query(sql, params) as Promise<T[]>;

  beforeAll(async () => {
    api = await startWebTestApi(smtp, { AGGREGATE_MIN_REVIEWS: '1', POST_TOKEN_QUOTA: '2' });
    company = await companyWithDomain(api, 'a');
    seeded = await seedForum(api, company.slug);
    const [{ id: companyId }] = await query<{ id: string }>(`SELECT id FROM companies WHERE slug = $1`, [company.slug]);
    // 35 more threads on the company board, published after the seeded one: 36 in all, a page is 30.
    await query(
      `INSERT INTO threads (company_id, title, body, author_key, status, created_at, last_activity_at, published_seq)
       SELECT $1, 'Paged thread ' || lpad(n::text, 2, '0'), 'Body ' || n, sha256(('t' || n)::bytea), 'published',
         ${HOUR}, ${HOUR}, nextval('publication_seq')
       FROM generate_series(1, 35) n`,
      [companyId],
    );
    // A thread with 105 replies (a page is 100), its body with a link, a javascript: address and markup.
    [{ id: longThread }] = await query<{ id: string }>(
      `INSERT INTO threads (company_id, title, body, author_key, status, created_at, last_activity_at, published_seq)
       VALUES ($1, 'A long thread', $2, sha256('long'::bytea), 'published', ${HOUR}, ${HOUR}, nextval('publication_seq'))
       RETURNING id`,
      [companyId, LINK_BODY],
    );
    await query(
      `INSERT INTO replies (thread_id, company_id, body, author_key, status, created_at, published_seq)
       SELECT $1, $2, 'Reply number ' || n, sha256(('r' || n)::bytea), 'published', ${HOUR}, nextval('publication_seq')
       FROM generate_series(1, 105) n`,
      [longThread, companyId],
    );
    replyIds = (
      await query<{ id: string }>(`SELECT id FROM replies WHERE thread_id = $1 ORDER BY published_seq`, [longThread])
    ).map((r) => r.id);
    // The last reply (on the second page) quotes the first (on the first page).
    await query(`UPDATE replies SET quoted_reply_id = $1 WHERE id = $2`, [replyIds[0], replyIds[104]]);
    // 24 more reviews like the seeded one: 25 in all, a page is 20.
    await query(
      `INSERT INTO reviews (company_id, author_key, overall, culture, work_life, senior_management, compensation, career,
         diversity, ceo_approval, recommend, outlook, employment, pros, cons, status, created_at, published_seq)
       SELECT company_id, sha256(('v' || n)::bytea), overall, culture, work_life, senior_management, compensation,
         career, diversity, ceo_approval, recommend, outlook, employment, 'Paged review ' || n, cons, 'published',
         created_at, nextval('publication_seq')
       FROM reviews, generate_series(1, 24) n WHERE id = $1`,
      [seeded.reviewId],
    );
    browser = await launchChromium();
    reader = await browser.newContext({ baseURL: api.url });
    await setTokenMaturity(reader, '0');
    watch.attach(reader);
    page = await reader.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await smtp.stop();
  });

  it('loads more threads on a board, newest published first, none twice', async () => {
    const newestFirst = [
      'A long thread',
      ...Array.from({ length: 35 }, (_, i) => `Paged thread ${String(35 - i).padStart(2, '0')}`),
      'Is the new office worth the commute?',
    ];
    await page.goto(`/c/${company.slug}/board`);
    const titles = page.locator('ul.list a.card-title');
    await expectCount(titles, 30);
    expect(await titles.allTextContents()).toEqual(newestFirst.slice(0, 30));
    // The next page is the same public query with a cursor: a persisted GET, as the shared and HTTP caches need.
    const [next] = await Promise.all([
      page.waitForResponse((r) => {
        const url = new URL(r.url());
        return (
          url.searchParams.get('operationName') === 'Threads' &&
          url.searchParams.get('variables')!.includes('"after":"')
        );
      }),
      page.getByRole('button', { name: 'Load more' }).click(),
    ]);
    // (The suite runs with no read cache, as publication has no delay here; test/e2e/read-cache.e2e-spec.ts checks
    // what the server does with such a GET.)
    expect(next.request().method()).toBe('GET');
    await expectCount(titles, 37);
    expect(await titles.allTextContents()).toEqual(newestFirst);
    // The last page: nothing more to load.
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
  });

  it('loads more replies on a thread with more than 100, in publication order, with a quote across pages', async () => {
    await page.goto(`/t/${longThread}`);
    const replies = page.locator('[data-reply-id]');
    await expectAttributes(replies, 'data-reply-id', replyIds.slice(0, 100));
    await page.getByRole('button', { name: 'Load more' }).click();
    await expectAttributes(replies, 'data-reply-id', replyIds);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    // The last reply quotes the first: the quote shows its author and text, and links to it.
    const quote = page.locator(`[data-reply-id="${replyIds[104]}"] blockquote`);
    await expectAttribute(quote, 'data-quoted-reply-id', replyIds[0]);
    await expectTextContaining(quote, 'Reply number 1');
    expect(await quote.getByRole('link').getAttribute('href')).toBe(`#reply-${replyIds[0]}`);
  });

  it('makes an http(s) address a link that opens apart, and leaves javascript: and markup as text', async () => {
    await page.goto(`/t/${longThread}`);
    const body = page.locator('[data-thread-id] .body');
    await expectText(body, LINK_BODY);
    const link = body.getByRole('link');
    await expectCount(link, 1);
    expect(await link.getAttribute('href')).toBe(HANDBOOK);
    expect(await link.getAttribute('rel')).toBe('noopener nofollow ugc');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.textContent()).toBe(HANDBOOK);
    // No other element came out of the text: no javascript: link, no <b>.
    expect(await body.locator('*').count()).toBe(1);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    await screenshot(page, 'thread-links');
    // On a phone a long address wraps instead of widening the page.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`/t/${longThread}`);
    await expectText(body, LINK_BODY);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'thread-links-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("loads more of a company's reviews", async () => {
    await page.goto(`/c/${company.slug}`);
    const reviews = page.locator('[data-review-id]');
    await expectCount(reviews, 20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expectCount(reviews, 25);
    const ids = await reviews.evaluateAll((els) => els.map((e) => e.getAttribute('data-review-id')));
    expect(new Set(ids).size).toBe(25);
    // Newest first: the seeded review, published before the others, comes last.
    expect(ids[24]).toBe(seeded.reviewId);
  });

  describe('quoting a reply', () => {
    let author: Page;

    beforeAll(async () => {
      const ctx = await browser.newContext({ baseURL: api.url });
      await setTokenMaturity(ctx, '0');
      watch.attach(ctx);
      author = await ctx.newPage();
      await verifyInBrowser(author, smtp, `quoter@${company.domain}`, company);
      await author.getByRole('navigation').getByRole('link', { name: 'Posting credits' }).click();
      await expectText(author.getByTestId('count-post'), '2');
      await author.locator('.refill').waitFor({ state: 'detached' });
    }, 120_000);

    it('starts a reply with the quote attached, and shows the published reply with the quoted text', async () => {
      await author.goto(`/t/${seeded.threadId}`);
      const quoted = author.locator(`[data-reply-id="${seeded.laterReplyId}"]`);
      await quoted.getByRole('button', { name: 'Quote' }).click();
      const form = author.locator('form.compose');
      await expectAttribute(form.locator('blockquote'), 'data-quoted-reply-id', seeded.laterReplyId);
      await expectTextContaining(form.locator('blockquote'), 'Same commute here, I moved closer.');
      // The reply box has the focus: typing goes on at once.
      await author.keyboard.type('Moving closer is what worked for me too.');
      expect(await author.getByLabel('Your reply').inputValue()).toBe('Moving closer is what worked for me too.');
      await author.getByRole('button', { name: 'Post reply' }).click();
      const id = await receiptId(author);
      // Sent: the quote is cleared with the text.
      await expectCount(form.locator('blockquote'), 0);
      await waitPublished(api, id);
      const stored = await query<{ quoted_reply_id: string }>(`SELECT quoted_reply_id FROM replies WHERE id = $1`, [
        id,
      ]);
      expect(stored).toEqual([{ quoted_reply_id: seeded.laterReplyId }]);
      await author.reload();
      const mine = author.locator(`[data-reply-id="${id}"]`);
      await expectAttribute(mine.locator('blockquote'), 'data-quoted-reply-id', seeded.laterReplyId);
      await expectTextContaining(mine.locator('blockquote'), 'Same commute here, I moved closer.');
      await expectTextContaining(mine.locator('.body').last(), 'Moving closer is what worked for me too.');
      await screenshot(author, 'thread-quote');
    });

    it('can drop the quote before sending', async () => {
      await author.goto(`/t/${seeded.threadId}`);
      await author.locator(`[data-reply-id="${seeded.otherReplyId}"]`).getByRole('button', { name: 'Quote' }).click();
      const form = author.locator('form.compose');
      await expectCount(form.locator('blockquote'), 1);
      await form.getByRole('button', { name: 'Remove quote' }).click();
      await expectCount(form.locator('blockquote'), 0);
    });
  });

  describe('finally', () => {
    it('logged no console errors on any page', () => {
      expect(watch.errors).toEqual([]);
    });
  });
});
