import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deriveTokenKeyPair, IssuerDirectory } from '@unlinked/privacy-pass';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { ensureWebBuilt, launchChromium, screenshot, Watch, WEB_DIST } from './support/browser.js';
import { ANONYMOUS_WRITE, receiptId, waitFor, waitPublished } from './support/flow.js';
import { expectAttribute, expectCount, expectText, expectTextContaining } from './support/page-expect.js';

/**
 * The whole browser journey against the real API (PostgreSQL, Redis, BullMQ
 * workers, in-process SMTP): verify a work email, fill the wallet in the
 * browser (blind, DLEQ-verified, key checked against the directory), write a
 * review and a thread, see them published, reply as the OP, vote as another
 * reader; and every anonymous write leaves without cookie or session.
 */
describe('web app: verified author and reader journey', () => {
  let api: TestApi;
  let browser: Browser;
  const smtp = new SmtpSink();
  const watch = new Watch();
  let company: { slug: string; name: string; domain: string };
  let author: BrowserContext;
  let reader: BrowserContext;
  let page: Page;
  let threadId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    await smtp.start();
    api = await startTestApi({
      RUN_WORKERS: 'true',
      SMTP_URL: smtp.url,
      WEB_DIST_DIR: WEB_DIST,
      BOARD_MIN_VERIFIED: '1',
      AGGREGATE_MIN_REVIEWS: '1',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      POST_TOKEN_QUOTA: '6',
    });
    const res = await api.gql<{ companies: { edges: { node: { slug: string; name: string; domains: string[] } }[] } }>(
      'query { companies(first: 5, search: "a") { edges { node { slug name domains } } } }',
    );
    const node = res.data!.companies.edges.find((e) => e.node.domains.length > 0)!.node;
    company = { slug: node.slug, name: node.name, domain: node.domains[0] };
    browser = await launchChromium();
    author = await browser.newContext({ baseURL: api.url });
    reader = await browser.newContext({ baseURL: api.url });
    // A cookie the browser would send if a request did not omit credentials.
    for (const ctx of [author, reader]) {
      await ctx.addCookies([{ name: 'canary', value: 'must-not-travel', url: api.url }]);
      watch.attach(ctx);
    }
    page = await author.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await smtp.stop();
  });

  async function verify(p: Page, email: string): Promise<void> {
    const before = smtp.countFor(email);
    await p.goto('/verify');
    await p.getByLabel('Work email').fill(email);
    await p.getByRole('button', { name: 'Send code' }).click();
    const code = await smtp.codeFor(email, before);
    await p.getByLabel('Code from the email').fill(code);
    await p.getByRole('button', { name: 'Verify', exact: true }).click();
    await p.getByText(`You are verified for ${company.name}.`).waitFor();
  }

  async function openWallet(p: Page): Promise<void> {
    await p.getByRole('navigation').getByRole('link', { name: 'Wallet' }).click();
    await p.getByRole('heading', { level: 1, name: 'Wallet' }).waitFor();
  }

  it('verifies a work email with the code from the mail', async () => {
    await verify(page, `author.e2e@${company.domain}`);
    await screenshot(page, 'verify');
    // The address is not kept in the browser once verified.
    const stored = await page.evaluate(async () => {
      const dump: string[] = [];
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('unlinked');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((res) => {
          const q = db.transaction(name).objectStore(name).getAll();
          q.onsuccess = () => res(q.result);
        });
        dump.push(JSON.stringify(all));
      }
      return dump.join('\n') + JSON.stringify(localStorage);
    });
    expect(stored).not.toContain('author.e2e@');
  });

  it('fills the wallet in the background with tokens checked against the issuer directory', async () => {
    // In-app navigation: the refill started on verification keeps running.
    await openWallet(page);
    await expectText(page.getByTestId('count-post'), '6');
    // One ARC credential per live period key (this period's and the last one's): votes, reports, reviews.
    await expectTextContaining(page.getByTestId('arc-credentials'), '2 credentials in this browser');
    await page.locator('.refill').waitFor({ state: 'detached' });
    // The key check is read from IndexedDB after the fill: it appears a moment later.
    await expectTextContaining(page.getByTestId('check-post'), 'matches');
    // The quota cells are filled by a request of their own once the fill ends.
    await expectText(page.locator('tr[data-kind="post"] td').nth(1), '0 / 6');
    await screenshot(page, 'wallet');
  });

  it('keeps no token when the issuer key differs from the public directory (rule 8)', async () => {
    const ctx = await browser.newContext({ baseURL: api.url });
    watch.attach(ctx);
    // A directory that names another key: what a split-view attack on one user would look like.
    const other = deriveTokenKeyPair(randomBytes(32), { companyId: 'x', kind: 'post', epoch: 1 });
    const fake = new IssuerDirectory('http://localhost/x', [{ tokenType: 1, tokenKey: other.publicKey }]).serialize();
    await ctx.route('**/issuer-directory', (route) =>
      route.fulfill({ status: 200, contentType: 'application/private-token-issuer-directory', body: fake }),
    );
    // Every token request this browser sends, seen as it leaves (an event, not a later read).
    const tokenRequests: string[] = [];
    ctx.on('request', (r) => {
      if (/token-request$/.test(new URL(r.url()).pathname)) tokenRequests.push(r.url());
    });
    const p = await ctx.newPage();
    await verify(p, `split.view@${company.domain}`);
    await openWallet(p);
    // The fill stops with this alert; the page then fills the key check and quota cells asynchronously.
    await expectAttribute(p.getByRole('alert'), 'data-code', 'KEY_MISMATCH');
    await expectTextContaining(p.getByTestId('check-post'), 'does not match');
    // Nothing was issued against the quota: the check runs before any token request.
    await expectText(p.locator('tr[data-kind="post"] td').nth(1), '6 / 6');
    expect(tokenRequests).toEqual([]);
    await expectText(p.getByTestId('count-post'), '0');
    await screenshot(p, 'wallet-key-mismatch');
    await ctx.close();
  });

  it('writes a review and sees it published with the rating summary', async () => {
    await page.goto(`/c/${company.slug}/review`);
    await page.locator('#overall').getByLabel('4 stars').check();
    for (const sub of ['culture', 'workLife', 'seniorManagement', 'compensation', 'career', 'diversity']) {
      await page.locator(`#${sub}`).getByLabel('3 stars').check();
    }
    await page.getByLabel('Pros').fill('Kind colleagues and a sane on-call rotation.');
    await page.getByLabel('Cons').fill('Promotions are slow and opaque.');
    await screenshot(page, 'review-form');
    await page.getByRole('button', { name: 'Post review' }).click();
    const id = await receiptId(page);
    await waitPublished(api, id);
    await page.goto(`/c/${company.slug}`);
    await page.getByText('Kind colleagues and a sane on-call rotation.').waitFor();
    await page.getByRole('heading', { name: 'Rating distribution' }).waitFor();
    await expectText(page.locator('.big-rating strong'), '4.0');
    await screenshot(page, 'company-with-review');
  });

  it('starts a thread on the company board and sees it published', async () => {
    await page.goto(`/c/${company.slug}/board`);
    await page.getByLabel('Title').fill('How is the new reorg going?');
    await page.getByLabel('Message').fill('Curious how other teams feel about it.');
    await page.getByRole('button', { name: 'Post thread' }).click();
    threadId = await receiptId(page);
    await waitPublished(api, threadId);
    await page.reload();
    await page.getByRole('link', { name: 'How is the new reorg going?' }).click();
    await page.waitForURL(`**/t/${threadId}`);
    await screenshot(page, 'board');
  });

  it('replies as the OP and shows the OP badge', async () => {
    await page.goto(`/t/${threadId}`);
    await page.getByLabel('Your reply').fill('Adding context: it started in March.');
    await page.getByRole('button', { name: 'Post reply' }).click();
    const id = await receiptId(page);
    await waitPublished(api, id);
    await page.reload();
    const reply = page.locator(`[data-reply-id="${id}"]`);
    await reply.waitFor();
    await expectCount(reply.locator('[data-op="true"]'), 1);
    await screenshot(page, 'thread');
  });

  it('lets another reader reply (no OP badge, another handle) and vote', async () => {
    const p = await reader.newPage();
    await verify(p, `reader.e2e@${company.domain}`);
    await openWallet(p);
    await expectTextContaining(p.getByTestId('arc-credentials'), '2 credentials');
    await p.locator('.refill').waitFor({ state: 'detached' });
    await p.goto(`/t/${threadId}`);
    await p.getByLabel('Your reply').fill('Same here, our team was split.');
    await p.getByRole('button', { name: 'Post reply' }).click();
    const id = await receiptId(p);
    await waitPublished(api, id);
    await p.reload();
    const reply = p.locator(`[data-reply-id="${id}"]`);
    await reply.waitFor();
    // The thread, the OP's reply and this one: rendered together from one query.
    await expectCount(p.locator('.handle'), 3);
    expect(await reply.locator('[data-op="true"]').count()).toBe(0);
    await expectCount(p.locator('[data-op="true"]'), 2);
    const handles = await p.locator('.handle').allTextContents();
    expect(new Set(handles).size).toBe(2);
    await p
      .locator('[data-thread-id]')
      .getByRole('button', { name: /Helpful/ })
      .click();
    await p.getByText('You voted: helpful. Votes are final.').waitFor();
    await expectCount(p.locator('[data-thread-id]').getByText('1 point'), 1);
    await p.close();
  });

  it('lists my posts with their status, and edits one', async () => {
    await page.goto('/mine');
    const rows = page.locator('[data-my-post]');
    await expectCount(rows, 3);
    await expectCount(page.locator('[data-my-post][data-status="Published"]'), 3);
    await screenshot(page, 'mine');
    const reply = page.locator('[data-my-post]').filter({ hasText: 'Adding context' });
    await reply.getByRole('button', { name: 'Edit' }).click();
    await reply.getByLabel('Message').fill('Adding context: it started in March, announced in April.');
    await reply.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    // The edit is signed with the thread key this browser holds; readers see it.
    await page.goto(`/t/${threadId}`);
    await page.getByText('Adding context: it started in March, announced in April.').waitFor();
    // Delete the review (a dialog confirms), proven by its key.
    await page.goto('/mine');
    const review = page.locator('[data-my-post]').filter({ hasText: 'Kind colleagues' });
    const reviewId = (await review.getAttribute('data-my-post'))!;
    page.once('dialog', (d) => void d.accept());
    await review.getByRole('button', { name: 'Delete' }).click();
    await waitFor(
      async () =>
        (await api.gql<{ contentStatus: string }>('query($id: ID!) { contentStatus(id: $id) }', { id: reviewId })).data
          ?.contentStatus === 'Deleted',
      undefined,
      'the review to be deleted',
    );
  });

  it('sent every anonymous write without a cookie or a session', async () => {
    await watch.settled();
    const writes = watch.graphql((b) => ANONYMOUS_WRITE.test(b.query));
    expect(writes.length).toBeGreaterThanOrEqual(6);
    for (const w of writes) {
      expect(w.headers.cookie).toBeUndefined();
      const auth = w.headers.authorization;
      expect(auth === undefined || /^PrivateToken /.test(auth)).toBe(true);
    }
    // The identity side did get the session: the check above is not vacuous.
    const issuance = watch.requests.filter((r) => r.url.includes('/batch-token-request'));
    expect(issuance.length).toBeGreaterThan(0);
    expect(issuance.every((r) => /^Bearer /.test(r.headers.authorization ?? ''))).toBe(true);
    expect(issuance.every((r) => r.headers.cookie === undefined)).toBe(true);
  });

  it('logged no console errors', () => {
    expect(watch.errors).toEqual([]);
  });
});
