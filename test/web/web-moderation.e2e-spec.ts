import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
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
  type TestCompany,
  startWebTestApi,
} from './support/flow.js';
import { expectCount, expectText, expectTextContaining } from './support/page-expect.js';
import { LONG_WAIT_MS } from '../support/timing.js';

/**
 * Moderation in the browser: content held by screening, removed by one
 * moderator, appealed by its author with the key only their browser holds,
 * restored by another moderator, and counted in the public log.
 */
describe('web app: moderation journey', () => {
  let api: TestApi;
  let browser: Browser;
  const smtp = new SmtpSink();
  const watch = new Watch();
  const mod1 = { token: randomBytes(16).toString('hex'), accountId: randomUUID() };
  const mod2 = { token: randomBytes(16).toString('hex'), accountId: randomUUID() };
  let company: TestCompany;
  let author: BrowserContext;
  let moderator: BrowserContext;
  let reader: BrowserContext;
  let page: Page;
  let threadId: string;

  beforeAll(async () => {
    api = await startWebTestApi(smtp, {
      POST_TOKEN_QUOTA: '3',
      STAFF_TOKENS: `${mod1.token}=moderator:${mod1.accountId},${mod2.token}=moderator:${mod2.accountId}`,
    });
    company = await companyWithDomain(api, 'o');
    browser = await launchChromium();
    author = await browser.newContext({ baseURL: api.url });
    await setTokenMaturity(author, '0');
    moderator = await browser.newContext({ baseURL: api.url });
    await setTokenMaturity(moderator, '0');
    reader = await browser.newContext({ baseURL: api.url });
    await setTokenMaturity(reader, '0');
    for (const ctx of [author, moderator, reader]) {
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

  async function moderationState(): Promise<string | null> {
    return page.locator('[data-moderation-state]').first().getAttribute('data-moderation-state');
  }

  async function signInAsStaff(p: Page, token: string): Promise<void> {
    await p.goto('/moderation');
    await p.getByLabel('Moderator access code').fill(token);
    await p.getByRole('button', { name: 'Use access code' }).click();
  }

  it('holds a thread with an email address in it, and tells its author', async () => {
    const email = `mod.author@${company.domain}`;
    await verifyInBrowser(page, smtp, email, company);
    await page.getByRole('navigation').getByRole('link', { name: 'Posting credits' }).click();
    await expectText(page.getByTestId('count-post'), '3');
    // Let the background refill finish before leaving the page (it asks before unloading mid-batch).
    await expectTextContaining(page.getByTestId('arc-credentials'), '2 anonymous passes');
    await page.locator('.refill').waitFor({ state: 'detached' });
    await page.getByRole('navigation').getByRole('link', { name: 'Companies' }).click();
    await page.goto(`/c/${company.slug}/board`);
    await page.getByLabel('Title').fill('Who to ask about relocation?');
    await page.getByLabel('Message').fill('Write to me at relocation.helper@example.org if you know.');
    await page.getByRole('button', { name: 'Post thread' }).click();
    threadId = await receiptId(page);
    // Screening runs in a job: wait for its verdict on the server (a cheap query, not a page load per poll), then
    // the author's page must say so.
    await waitFor(
      async () =>
        (
          (await api.dataSource.query(`SELECT state FROM moderation_items WHERE content_id = $1`, [threadId])) as {
            state: string;
          }[]
        )[0]?.state === 'held',
      LONG_WAIT_MS,
      'screening to hold the thread',
    );
    await page.goto('/mine');
    await page.locator('[data-my-post] [data-moderation-state="HELD"]').first().waitFor();
    expect(await moderationState()).toBe('HELD');
    await screenshot(page, 'mine-held');
  });

  it('lets a moderator remove it from the queue', async () => {
    const p = await moderator.newPage();
    await signInAsStaff(p, mod1.token);
    const item = p.locator(`[data-content-id="${threadId}"]`);
    await expectTextContaining(item, 'relocation.helper@example.org');
    await screenshot(p, 'moderation-queue');
    await item.getByLabel('Reason').selectOption('PERSONAL_INFORMATION');
    await item.getByRole('button', { name: 'Remove' }).click();
    await expectCount(p.locator(`[data-content-id="${threadId}"]`), 0);
    await p.close();
  });

  it('lets the author appeal with the key only their browser holds', async () => {
    await page.goto('/mine');
    await waitFor(async () => (await moderationState()) === 'REMOVED', undefined, 'removed state');
    await page
      .getByLabel('Why should this be restored?')
      .fill('I removed nothing personal: it is a shared team alias.');
    await page.getByRole('button', { name: 'Appeal' }).click();
    await page.getByText('Appeal sent.').waitFor();
    await screenshot(page, 'mine-appealed');
  });

  it('lets another moderator restore it after the appeal', async () => {
    const p = await moderator.newPage();
    await signInAsStaff(p, mod2.token);
    const item = p.locator(`[data-content-id="${threadId}"]`);
    await expectTextContaining(item, 'shared team alias');
    await item.getByRole('button', { name: 'Restore' }).click();
    await expectCount(p.locator(`[data-content-id="${threadId}"]`), 0);
    await p.close();
    await page.goto('/mine');
    await waitFor(async () => (await moderationState()) === 'PUBLISHED', undefined, 'published again');
  });

  it('lets another reader report it, and the report reaches the moderator queue', async () => {
    const p = await reader.newPage();
    const email = `mod.reader@${company.domain}`;
    await verifyInBrowser(p, smtp, email, company);
    await p.getByRole('navigation').getByRole('link', { name: 'Posting credits' }).click();
    await expectTextContaining(p.getByTestId('arc-credentials'), '2 anonymous passes');
    await p.locator('.refill').waitFor({ state: 'detached' });
    await p.goto(`/t/${threadId}`);
    const thread = p.locator('[data-thread-id]');
    await thread.getByRole('button', { name: /Report/ }).click();
    await thread.getByLabel('Why are you reporting this?').selectOption('HARASSMENT');
    await thread.getByRole('button', { name: 'Send report' }).click();
    await p.getByText('Reported. Thank you.').waitFor();
    await screenshot(p, 'thread-reported');
    await p.close();

    const m = await moderator.newPage();
    await signInAsStaff(m, mod1.token);
    await waitFor(
      async () => {
        await m.reload();
        // Count only once the queue has loaded (an item or the empty notice), not the page before it.
        await m.locator('[data-content-id]').or(m.getByText('Nothing to review.')).first().waitFor();
        return (await m.locator(`[data-content-id="${threadId}"]`).count()) === 1;
      },
      undefined,
      'the reported thread in the queue',
    );
    const item = m.locator(`[data-content-id="${threadId}"]`);
    await expectTextContaining(item, 'Harassment × 1');
    await item.getByRole('button', { name: 'Keep' }).click();
    await expectCount(m.locator(`[data-content-id="${threadId}"]`), 0);
    await m.close();
  });

  it('shows the removal in the public moderation log, with counts only', async () => {
    const p = await moderator.newPage();
    await p.goto(`/moderation/log?company=${company.slug}`);
    const row = p.getByRole('row').filter({ hasText: 'Personal information' });
    await expectText(row.locator('td').last(), '1');
    expect(await p.locator('main').textContent()).not.toContain('relocation.helper');
    await screenshot(p, 'moderation-log');
    await p.close();
  });

  it('sent the appeal and the post without cookie or session', async () => {
    await watch.settled();
    const writes = watch.graphql((b) => ANONYMOUS_WRITE.test(b.query));
    expect(writes.some((w) => /AppealRemoval/.test(w.body ?? ''))).toBe(true);
    expect(writes.some((w) => /FlagContent/.test(w.body ?? ''))).toBe(true);
    for (const w of writes) {
      expect(w.headers.cookie).toBeUndefined();
      expect(w.headers.authorization).toBeUndefined();
    }
  });

  it('logged no console errors', () => {
    expect(watch.errors).toEqual([]);
  });
});
