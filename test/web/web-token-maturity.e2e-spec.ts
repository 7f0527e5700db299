import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink.js';
import type { TestApi } from '../support/test-app.js';
import { LONG_WAIT_MS } from '../support/timing.js';
import { until } from '../support/until.js';
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
 * Issue 15 in the browser: tokens fetched at verification mature for a random delay before they can be spent.
 * With a real (short) delay, a thread written at once is refused without being sent, the page says from when it
 * can go (English and Chinese), the draft stays, and the same click after that moment posts it.
 */
describe('web app: fresh tokens mature before a write can spend them', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const smtp = new SmtpSink();
  const watch = new Watch();
  let company: TestCompany;

  beforeAll(async () => {
    api = await startWebTestApi(smtp, { POST_TOKEN_QUOTA: '3' });
    company = await companyWithDomain(api, 'o');
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: api.url });
    await setTokenMaturity(context, '0.2'); // 12 s: a real delay, short enough to wait for
    watch.attach(context);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await smtp.stop();
  });

  it('refuses the write until the tokens matured, says when, then posts the same draft', async () => {
    await verifyInBrowser(page, smtp, `patient@${company.domain}`, company);
    await page.getByRole('navigation').getByRole('link', { name: 'Posting credits' }).click();
    await expectText(page.getByTestId('count-post'), '3');
    await expectTextContaining(page.getByTestId('spendable-from'), 'Credits you got just now can be used from');
    const spendable = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('unlinked');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const all = await new Promise<{ matureAt: string }[]>((res, rej) => {
        const r = db.transaction('tokens').objectStore('tokens').getAll();
        r.onsuccess = () => res(r.result as { matureAt: string }[]);
        r.onerror = () => rej(r.error);
      });
      db.close();
      return all.map((t) => t.matureAt);
    });
    // One fill, one maturity moment for all its tokens.
    expect(new Set(spendable).size).toBe(1);
    const at = Date.parse(spendable[0]);

    await page.goto(`/c/${company.slug}/board`);
    await page.getByLabel('Title').fill('Waited for my tokens');
    await page.getByLabel('Message').fill('Posted once the fresh tokens matured.');
    await page.getByRole('button', { name: 'Post thread' }).click();
    const alert = page.getByRole('alert');
    await expectAttribute(alert, 'data-code', 'NOT_MATURE');
    await expectTextContaining(alert, 'You can send this from');
    await screenshot(page, 'not-mature');
    await page.getByLabel('Language').selectOption('zh');
    await expectTextContaining(page.getByRole('alert'), '起发送');
    await page.getByLabel('语言').selectOption('en');
    // Nothing went out, and the draft is still there.
    await watch.settled();
    expect(watch.graphql((b) => ANONYMOUS_WRITE.test(b.query))).toEqual([]);
    expect(await page.getByLabel('Title').inputValue()).toBe('Waited for my tokens');

    await until(async () => Date.now() >= at, LONG_WAIT_MS, 'the maturity moment');
    await page.getByRole('button', { name: 'Post thread' }).click();
    const id = await receiptId(page);
    await waitPublished(api, id);
    expect(watch.graphql((b) => ANONYMOUS_WRITE.test(b.query))).toHaveLength(1);
  });
});
