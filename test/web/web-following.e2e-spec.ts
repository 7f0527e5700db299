import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  b64u,
  CACHEABLE_READS,
  CreateReplyDocument,
  CreateThreadDocument,
  newAuthorKey,
  queryName,
  sign,
  type AuthorKey,
  type MyPost,
} from '@unlinked/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mintToken, openCompany, TokenKind, type TestCompany } from '../support/forum-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { ensureWebBuilt, launchChromium, screenshot, setTokenMaturity, Watch, WEB_DIST } from './support/browser.js';
import { expectAttribute, expectCount, expectText } from './support/page-expect.js';
import { write } from './support/seed.js';

/**
 * Issue 13, following without an account: what a browser follows stays in that browser, and news is found with
 * the same public reads anyone makes. Replies to one's own posts are found from the post ids the browser holds.
 */
describe('web app: following threads and companies without an account', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let company: TestCompany;
  const watch = new Watch();

  const thread = (key: AuthorKey, title: string, body: string) =>
    write(api, CreateThreadDocument, {
      token: mintToken(api, company, TokenKind.Post),
      input: {
        companySlug: company.slug,
        board: null,
        title,
        body,
        authorKey: b64u(key.publicKey),
        signature: sign(key.secretKey, 'create-thread', [company.slug, '', title, body]),
      },
    });
  const reply = (key: AuthorKey, threadId: string, body: string, quotedReplyId: string | null = null) =>
    write(api, CreateReplyDocument, {
      token: mintToken(api, company, TokenKind.Post),
      input: {
        companySlug: company.slug,
        threadId,
        quotedReplyId,
        body,
        authorKey: b64u(key.publicKey),
        signature: sign(key.secretKey, 'create-reply', [threadId, quotedReplyId ?? '', body]),
      },
    });

  /** What the app's own write flows keep for a post this browser wrote (store/db.ts, `posts`). */
  const rememberMine = (post: MyPost) =>
    page.evaluate(
      (p) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('unlinked');
          open.onsuccess = () => {
            const tx = open.result.transaction('posts', 'readwrite');
            tx.objectStore('posts').put(p);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
      post,
    );

  const badge = () => page.getByRole('navigation').getByTestId('following-badge');

  beforeAll(async () => {
    ensureWebBuilt();
    api = await startTestApi({ WEB_DIST_DIR: WEB_DIST, RUN_WORKERS: 'true', OUTBOX_RELAY_INTERVAL_MS: '100' });
    const [{ slug }] = (await api.dataSource.query(`SELECT slug FROM companies ORDER BY slug LIMIT 1`)) as {
      slug: string;
    }[];
    company = await openCompany(api, slug, 50);
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

  let followedId: string;

  it('follows a thread: a new reply by someone else shows as "1 new" until the thread is opened', async () => {
    followedId = await thread(newAuthorKey(), 'Team offsite next month?', 'Does anyone know where it will be?');
    await reply(newAuthorKey(), followedId, 'I heard it is by the sea.');
    await page.goto(`/t/${followedId}`);
    const follow = page.locator('button[data-follow="thread"]');
    await expectText(follow, 'Follow');
    const before = watch.requests.length;
    await follow.click();
    await expectAttribute(follow, 'aria-pressed', 'true');
    await expectText(follow, 'Unfollow');
    // Following is this browser's business: the click sends nothing at all.
    expect(watch.requests.slice(before)).toEqual([]);

    await reply(newAuthorKey(), followedId, 'By the sea, and two days long.');
    // A fresh load of any page checks the followed thread.
    await page.goto('/');
    await expectText(badge(), '1 new');
    await screenshot(page, 'following-badge');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Following/ })
      .click();
    const item = page.locator(`[data-followed="${followedId}"]`);
    await expectText(item.getByTestId('new-count'), '1 new');
    await screenshot(page, 'following');
    await item.getByRole('link', { name: 'Team offsite next month?' }).click();
    await page.getByText('By the sea, and two days long.').waitFor();
    // Opening the thread clears the news, in the menu and on the list.
    await expectCount(badge(), 0);
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Following/ })
      .click();
    await expectText(item.locator('.muted'), 'Nothing new');
    await page.reload();
    await expectText(item.locator('.muted'), 'Nothing new');
    await expectCount(badge(), 0);
  });

  it('lists replies to my own thread and to my reply, found from the posts this browser holds', async () => {
    const me = newAuthorKey();
    const title = 'How is the new parental leave policy working out?';
    const body = 'Asking for the team.';
    const mine = await thread(me, title, body);
    const answer = await reply(newAuthorKey(), mine, 'Much better than before: six months.');
    // And a reply of mine in someone else's thread, which a third person quotes.
    const other = await thread(newAuthorKey(), 'Desk booking app', 'Anyone else unable to book?');
    const myReply = await reply(me, other, 'Works for me on the phone, not on the laptop.');
    const quoting = await reply(newAuthorKey(), other, 'Same here, laptop only fails.', myReply);
    const unrelated = await reply(newAuthorKey(), other, 'I just sit anywhere.');
    const at = new Date().toISOString();
    const common = { company: company.slug, secretKey: b64u(me.secretKey), revision: 1, createdAt: at };
    await rememberMine({ ...common, id: mine, kind: 'thread', threadId: mine, title, body });
    await rememberMine({ ...common, id: myReply, kind: 'reply', threadId: other, title: 'Desk booking app', body: '' });

    await page.goto('/');
    // Two replies to me that this browser has not shown yet; the followed thread has nothing new.
    await expectText(badge(), '2 new');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Following/ })
      .click();
    const toThread = page.locator(`[data-reply-to-me="${answer}"]`);
    await expectText(toThread.locator('.body'), 'Much better than before: six months.');
    await toThread.getByText('replied to your thread').waitFor();
    const toReply = page.locator(`[data-reply-to-me="${quoting}"]`);
    await toReply.getByText('quoted your reply').waitFor();
    await expectCount(page.locator('[data-reply-to-me]'), 2);
    expect(await page.locator(`[data-reply-to-me="${unrelated}"], [data-reply-to-me="${myReply}"]`).count()).toBe(0);
    await screenshot(page, 'following-replies-to-me');
    // Shown once: leaving the page marks them seen.
    await page.getByRole('navigation').getByRole('link', { name: 'Companies' }).click();
    await expectCount(badge(), 0);
    await page.reload();
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Following/ })
      .click();
    await expectCount(page.locator('[data-reply-to-me]'), 2);
    await expectCount(badge(), 0);
  });

  it('follows a company: a new thread there shows as news', async () => {
    await page.goto(`/c/${company.slug}`);
    const follow = page.locator('button[data-follow="company"]');
    await follow.click();
    await expectAttribute(follow, 'aria-pressed', 'true');
    await thread(newAuthorKey(), 'Anyone moving to the new team?', 'Curious who else applied.');
    await page.goto('/following');
    await expectText(page.locator(`[data-followed="${company.slug}"]`).getByTestId('new-count'), '1 new');
  });

  it('explains on one screen, in plain words, why nobody can know who wrote what (footer and credits page)', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/wallet');
    await page.getByRole('heading', { level: 1, name: 'Posting credits' }).waitFor();
    await page.locator('main').getByRole('link', { name: 'Why we cannot know who wrote what' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Why we cannot know who wrote what');
    await page.getByText('verified safe', { exact: false }).waitFor();
    // One screen: the explanation ends above the fold.
    const box = (await page.locator('main article').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    await screenshot(page, 'why-anonymous');
    await page.getByLabel('Language').selectOption('zh');
    await page.goto('/');
    await page.locator('footer').getByRole('link', { name: '为什么我们无法知道谁写了什么' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), '为什么我们无法知道谁写了什么');
    await page.getByText('已验证安全', { exact: false }).waitFor();
    await screenshot(page, 'why-anonymous-zh');
    await page.getByLabel('语言').selectOption('en');
  });

  it('tells the server nothing about what is followed: only public GET reads, one followed item each', async () => {
    // The whole session so far: the browser never wrote, and every API request was a cacheable public read
    // (persisted GET), or the one-time registration of such a read's document.
    await watch.settled();
    const api = watch.requests.filter((r) => new URL(r.url).pathname.startsWith('/graphql'));
    expect(api.length).toBeGreaterThan(0);
    // The followed set exists, in this browser only.
    expect(await page.evaluate(() => localStorage.getItem('unlinked.following'))).toContain(followedId);
    const named = api.map((r) => {
      const url = new URL(r.url);
      if (r.method === 'GET')
        return { r, name: url.searchParams.get('operationName'), variables: url.searchParams.get('variables') };
      const body = JSON.parse(r.body ?? '{}') as { query?: string; variables?: unknown };
      return { r, name: queryName(body.query ?? ''), variables: JSON.stringify(body.variables) };
    });
    // Nothing but public reads (no mutation, no other query), without cookie or session.
    const others = named.filter(
      ({ name, r }) => !CACHEABLE_READS.has(name ?? '') || r.headers.cookie || r.headers.authorization,
    );
    expect(others.map(({ r }) => `${r.method} ${r.url} ${r.body ?? ''}`)).toEqual([]);
    // No request carries the followed set: each names at most one followed item, as opening its page does.
    const followed = [followedId, company.slug];
    const many = named.filter(({ r }) => followed.filter((id) => `${r.url} ${r.body ?? ''}`.includes(id)).length > 1);
    expect(many.map(({ r }) => r.url)).toEqual([]);
    // A followed thread is read with exactly the thread page's variables.
    for (const { variables } of named.filter((n) => n.name === 'Thread'))
      expect(Object.keys(JSON.parse(variables ?? '{}') as object).sort()).toEqual(['first', 'id']);
    // A POST is only the first use of a read document (registering it); everything else is a GET.
    expect(named.filter(({ r }) => r.method !== 'GET').length).toBeLessThanOrEqual(CACHEABLE_READS.size);
    expect(watch.errors).toEqual([]);
  });
});
