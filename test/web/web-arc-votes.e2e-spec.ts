import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { ensureWebBuilt, launchChromium, screenshot, Watch, WEB_DIST, setTokenMaturity } from './support/browser.js';
import { expectAttribute, expectCount, expectTextContaining } from './support/page-expect.js';
import { seedForum } from './support/seed.js';

/**
 * Issue 11 in the browser: a verified reader's wallet gets its ARC
 * credentials, votes once on a thread, is refused a second vote with plain
 * words (English, then Chinese), and still sees that it voted after a reload:
 * the mark lives in this browser's IndexedDB, never on the server.
 */
describe('web app: one vote per person (ARC)', () => {
  let api: TestApi;
  let browser: Browser;
  const smtp = new SmtpSink();
  const watch = new Watch();
  let reader: BrowserContext;
  let page: Page;
  let threadId: string;
  let company: { slug: string; name: string; domain: string };

  beforeAll(async () => {
    ensureWebBuilt();
    await smtp.start();
    api = await startTestApi({
      RUN_WORKERS: 'true',
      SMTP_URL: smtp.url,
      WEB_DIST_DIR: WEB_DIST,
      BOARD_MIN_VERIFIED: '1',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      POST_TOKEN_QUOTA: '1',
    });
    const res = await api.gql<{ companies: { edges: { node: { slug: string; name: string; domains: string[] } }[] } }>(
      'query { companies(first: 5, search: "e") { edges { node { slug name domains } } } }',
    );
    const node = res.data!.companies.edges.find((e) => e.node.domains.length > 0)!.node;
    company = { slug: node.slug, name: node.name, domain: node.domains[0] };
    ({ threadId } = await seedForum(api, company.slug));
    browser = await launchChromium();
    reader = await browser.newContext({ baseURL: api.url });
    await setTokenMaturity(reader, '0');
    watch.attach(reader);
    page = await reader.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await smtp.stop();
  });

  const votes = async () =>
    (
      (await api.dataSource.query(`SELECT count(*)::int AS n FROM votes WHERE target_id = $1`, [threadId])) as {
        n: number;
      }[]
    )[0].n;

  it('gets the ARC credentials after verification', async () => {
    const email = `arc.reader@${company.domain}`;
    await page.goto('/verify');
    await page.getByLabel('Work email').fill(email);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Code from the email').fill(await smtp.codeFor(email));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByText(`You are verified for ${company.name}.`).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Posting credits' }).click();
    await expectTextContaining(page.getByTestId('arc-credentials'), '2 anonymous passes in this browser');
    await page.locator('.refill').waitFor({ state: 'detached' });
  });

  it('accepts one vote, refuses a second with plain words, and keeps the voted state across a reload', async () => {
    await page.goto(`/t/${threadId}`);
    const actions = page.locator('[data-thread-id] .actions').first();
    await actions.getByRole('button', { name: /Helpful/ }).click();
    await page.getByText('You voted: helpful. Votes are final.').waitFor();
    await expectCount(page.locator('[data-thread-id]').getByText('1 point'), 1);
    await expectAttribute(actions, 'data-voted', 'Up');
    expect(await votes()).toBe(1);

    // A second vote (the other way): the server refuses it; the page says why in plain words.
    await actions.getByRole('button', { name: /Not helpful/ }).click();
    const alert = actions.getByRole('alert');
    await expectAttribute(alert, 'data-code', 'ALREADY_VOTED');
    await expectTextContaining(alert, 'You have already voted on this. Each person gets one vote per post');
    await expectCount(page.locator('[data-thread-id]').getByText('1 point'), 1);
    expect(await votes()).toBe(1);
    await screenshot(page, 'arc-second-vote-refused');

    // After a reload the page shows the vote from this browser's own store, sending no vote to ask.
    const sentBefore = watch.graphql((b) => /^\s*mutation\s+Vote\b/.test(b.query)).length;
    await page.reload();
    const again = page.locator('[data-thread-id] .actions').first();
    await expectAttribute(again, 'data-voted', 'Up');
    await again.getByText('You voted: helpful. Votes are final.').waitFor();
    await expectAttribute(again.getByRole('button', { name: /Helpful/ }).first(), 'aria-pressed', 'true');
    await watch.settled();
    expect(watch.graphql((b) => /^\s*mutation\s+Vote\b/.test(b.query))).toHaveLength(sentBefore);

    // The same refusal in Chinese.
    await page.getByLabel('Language').selectOption('zh');
    await again
      .getByRole('button', { name: /有帮助/ })
      .first()
      .click();
    await expectTextContaining(again.getByRole('alert'), '你已经对这条内容投过票了');
    expect(await votes()).toBe(1);
    await screenshot(page, 'arc-second-vote-refused-zh');
  });

  it('logged no console errors', () => {
    expect(watch.errors).toEqual([]);
  });
});
