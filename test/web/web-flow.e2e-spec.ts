import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deriveTokenKeyPair, IssuerDirectory } from '@unlinked/privacy-pass';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink.js';
import type { TestApi } from '../support/test-app.js';
import { launchChromium, screenshot, Watch, setTokenMaturity } from './support/browser.js';
import {
  ANONYMOUS_WRITE,
  companyWithDomain,
  receiptId,
  verifyInBrowser,
  waitFor,
  waitPublished,
  type TestCompany,
  startWebTestApi,
} from './support/flow.js';
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
  let company: TestCompany;
  let author: BrowserContext;
  let reader: BrowserContext;
  let page: Page;
  let threadId: string;

  beforeAll(async () => {
    api = await startWebTestApi(smtp, {
      AGGREGATE_MIN_REVIEWS: '1',
      POST_TOKEN_QUOTA: '6',
    });
    company = await companyWithDomain(api, 'a');
    browser = await launchChromium();
    author = await browser.newContext({ baseURL: api.url });
    await setTokenMaturity(author, '0');
    reader = await browser.newContext({ baseURL: api.url });
    await setTokenMaturity(reader, '0');
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

  const verify = (p: Page, email: string, resend = false) => verifyInBrowser(p, smtp, email, company, resend);

  async function openWallet(p: Page): Promise<void> {
    await p.getByRole('navigation').getByRole('link', { name: 'Posting credits' }).click();
    await p.getByRole('heading', { level: 1, name: 'Posting credits' }).waitFor();
  }

  it('verifies a work email with the code from the mail (after asking for a new one)', async () => {
    await verify(page, `author.e2e@${company.domain}`, true);
    // Verified: the menu no longer offers to verify, and the page says what to do next.
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Your account' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Verify email' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'What next?' }).waitFor();
    await page.getByRole('link', { name: `Review ${company.name}`, exact: false }).waitFor();
    // A member is not staff: no moderation links.
    expect(await nav.getByRole('link', { name: /Moderation/ }).count()).toBe(0);
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
    await expectTextContaining(page.getByTestId('arc-credentials'), '2 anonymous passes in this browser');
    await page.locator('.refill').waitFor({ state: 'detached' });
    // The key check is read from IndexedDB after the fill: it appears a moment later.
    await expectTextContaining(page.getByTestId('check-post'), 'Verified safe');
    // The quota cells are filled by a request of their own once the fill ends.
    await expectText(page.locator('tr[data-kind="post"] td').nth(1), '0 / 6');
    await screenshot(page, 'wallet');
  });

  it('keeps no token when the issuer key differs from the public directory (rule 8)', async () => {
    const ctx = await browser.newContext({ baseURL: api.url });
    await setTokenMaturity(ctx, '0');
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
    await expectTextContaining(p.getByTestId('check-post'), 'Not safe');
    // Nothing was issued against the quota: the check runs before any token request.
    await expectText(p.locator('tr[data-kind="post"] td').nth(1), '6 / 6');
    expect(tokenRequests).toEqual([]);
    await expectText(p.getByTestId('count-post'), '0');
    await screenshot(p, 'wallet-key-mismatch');
    await ctx.close();
  });

  it('writes a review and sees it published with the rating summary', async () => {
    await page.goto(`/c/${company.slug}/review`);
    // The company's name, not its slug; and nothing chosen for the author (no default may bias a rating).
    await expectText(page.getByRole('heading', { level: 1 }), `Write a review of ${company.name}`);
    expect(await page.locator('form input[type="radio"]:checked, form input[type="checkbox"]:checked').count()).toBe(0);
    for (const label of ['Approves of the CEO', 'Positive business outlook', 'Employment']) {
      expect(await page.getByLabel(label, { exact: true }).inputValue()).toBe('');
    }
    await page.locator('#overall').getByLabel('4 stars').check();
    for (const sub of ['culture', 'workLife', 'seniorManagement', 'compensation', 'career', 'diversity']) {
      await page.locator(`#${sub}`).getByLabel('3 stars').check();
    }
    await page.locator('#recommend').getByLabel('Yes').check();
    await page.getByLabel('Approves of the CEO').selectOption('Approve');
    await page.getByLabel('Positive business outlook').selectOption('Neutral');
    await page.getByLabel('Employment', { exact: true }).selectOption('Current');
    await page.getByLabel('Time at the company (optional)').selectOption('OneToThreeYears');
    await page.getByLabel('Pros').fill('Kind people.');
    await page.getByLabel('Cons').fill('Promotions are slow and opaque.');
    await page.getByRole('button', { name: 'Post review' }).click();
    await expectAttribute(page.getByRole('alert'), 'data-code', 'TEXT_TOO_SHORT');
    await expectText(page.getByRole('alert'), '“Pros” is too short: write at least 20 characters.');
    await page.getByLabel('Pros').fill('Kind colleagues and a sane on-call rotation.');
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
    // Too long: the server names the field and its limit, and the token goes back to the wallet.
    await page.getByLabel('Your reply').fill('x'.repeat(10_001));
    await page.getByRole('button', { name: 'Post reply' }).click();
    await expectAttribute(page.getByRole('alert'), 'data-code', 'TEXT_TOO_LONG');
    await expectText(page.getByRole('alert'), '“Message” is too long: at most 10,000 characters.');
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
    await expectTextContaining(p.getByTestId('arc-credentials'), '2 anonymous passes');
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
    // On a phone: after the vote the buttons keep their size and Report stays beside them.
    await p.setViewportSize({ width: 390, height: 800 });
    const actions = p.locator('[data-thread-id] .post-actions');
    await actions.getByRole('button', { name: /Helpful/ }).click();
    await p.getByText('You voted: helpful. Votes are final.').waitFor();
    for (const row of await p.locator('.post-actions').all()) {
      const up = (await row.getByRole('button', { name: /^▲/ }).boundingBox())!;
      const report = (await row.getByRole('button', { name: /Report/ }).boundingBox())!;
      expect(up.height).toBeLessThan(60);
      expect(Math.abs(report.y - up.y)).toBeLessThan(4);
    }
    expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(p, 'thread-voted-phone');
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
    // Edit the review from the list: the form comes back filled with what was sent.
    await page.goto('/mine');
    await page
      .locator('[data-my-post]')
      .filter({ hasText: 'Kind colleagues' })
      .getByRole('link', { name: 'Edit' })
      .click();
    await expectText(page.getByRole('heading', { level: 1 }), `Edit your review of ${company.name}`);
    expect(await page.locator('#overall').getByLabel('4 stars').isChecked()).toBe(true);
    await page.getByLabel('Cons').fill('Promotions are slow, though clearer since spring.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await waitFor(
      async () =>
        (
          await api.gql<{ reviews: { edges: { node: { cons: string } }[] } }>(
            'query($s: String!) { reviews(companySlug: $s, first: 5) { edges { node { cons } } } }',
            { s: company.slug },
          )
        ).data?.reviews.edges.some((e) => e.node.cons === 'Promotions are slow, though clearer since spring.') ?? false,
      undefined,
      'the edited review to be public',
    );
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
    const issuance = watch.requests.filter((r) => /\/token-request$/.test(new URL(r.url).pathname));
    expect(issuance.length).toBeGreaterThan(0);
    expect(issuance.every((r) => /^Bearer /.test(r.headers.authorization ?? ''))).toBe(true);
    expect(issuance.every((r) => r.headers.cookie === undefined)).toBe(true);
  });

  it('logged no console errors', () => {
    expect(watch.errors).toEqual([]);
  });
});
