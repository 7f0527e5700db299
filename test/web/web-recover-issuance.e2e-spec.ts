import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Dialog, Page, Route } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink.js';
import type { TestApi } from '../support/test-app.js';
import { launchChromium, setTokenMaturity, Watch } from './support/browser.js';
import { companyWithDomain, startWebTestApi, verifyInBrowser, type TestCompany } from './support/flow.js';
import { expectText } from './support/page-expect.js';

/** What this browser's IndexedDB holds: post tokens (distinct values) and token requests kept unanswered. */
async function stored(page: Page): Promise<{ tokens: string[]; pending: number }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('unlinked');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((res, rej) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => res(r.result as T[]);
        r.onerror = () => rej(r.error);
      });
    const tokens = (await all<{ token: string; kind: string }>('tokens')).filter((t) => t.kind === 'post');
    const pending = (await all('pendingIssuances')).length;
    db.close();
    return { tokens: tokens.map((t) => t.token), pending };
  });
}

/**
 * Issue 13 in the browser: closing the page while the wallet first fills lost the batch in flight (one user kept 30
 * of 40 post tokens). Here the second batch reaches the issuer, which charges and answers it, and the page closes
 * before the answer arrives; no "Leave site?" prompt stops it. The next visit sends the kept request again with its
 * Idempotency-Key and ends with all 40 tokens, charged once.
 */
describe('web app: a page closed mid-fill loses no tokens', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  const smtp = new SmtpSink();
  const watch = new Watch();
  let company: TestCompany;

  beforeAll(async () => {
    api = await startWebTestApi(smtp, { POST_TOKEN_QUOTA: '40' });
    company = await companyWithDomain(api, 'a');
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: api.url });
    await setTokenMaturity(context, '0');
    watch.attach(context);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await smtp.stop();
  });

  async function issued(): Promise<number> {
    const [row] = (await api.dataSource.query(
      `SELECT coalesce(sum(issued), 0)::int AS n FROM issuance_counts WHERE kind = 'post'`,
    )) as { n: number }[];
    return row.n;
  }

  it('finishes the interrupted batch at the next visit: 40 of 40 tokens, the quota charged once', async () => {
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d: Dialog) => {
      dialogs.push(d.type());
      void d.accept();
    });
    // The second batch goes to the issuer (charged, answered), and its answer is held back from the page.
    let batches = 0;
    let reachedIssuer!: () => void;
    const answeredButHeld = new Promise<void>((resolve) => (reachedIssuer = resolve));
    const sentKeys: string[] = [];
    await context.route('**/privacy-pass/*/post/token-request', async (route: Route) => {
      sentKeys.push(route.request().headers()['idempotency-key']);
      if (++batches !== 2) return route.continue();
      const answer = await route.fetch();
      expect(answer.status()).toBe(200);
      reachedIssuer();
    });
    await verifyInBrowser(page, smtp, `reloader@${company.domain}`, company);
    await answeredButHeld;

    // The issuer charged two batches; the browser holds the first batch's tokens and the second's request.
    expect(await issued()).toBe(20);
    const before = await stored(page);
    expect([before.tokens.length, before.pending]).toEqual([10, 1]);

    // Closing runs the page's beforeunload handlers: none asks "Leave site?".
    await Promise.all([page.waitForEvent('close'), page.close({ runBeforeUnload: true })]);
    expect(dialogs).toEqual([]);

    const again = await context.newPage();
    await again.goto('/wallet');
    await expectText(again.getByTestId('count-post'), '40');
    const after = await stored(again);
    expect(after.pending).toBe(0);
    expect(new Set(after.tokens).size).toBe(40);
    expect(await issued()).toBe(40);
    // The held request was sent again under its own key; every batch had one.
    expect(sentKeys[2]).toBe(sentKeys[1]);
    expect(sentKeys.every((k) => /^[A-Za-z0-9_-]{22}==$/.test(k))).toBe(true);
    expect(new Set(sentKeys).size).toBe(4);
    expect(watch.errors).toEqual([]);
  });
});
