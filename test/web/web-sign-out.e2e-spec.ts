import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink.js';
import type { TestApi } from '../support/test-app.js';
import { WAIT_MS } from '../support/timing.js';
import { launchChromium, MATURITY_SETTING, screenshot, Watch, setTokenMaturity } from './support/browser.js';
import {
  companyWithDomain,
  receiptId,
  verifyInBrowser,
  waitFor,
  waitPublished,
  type TestCompany,
  startWebTestApi,
} from './support/flow.js';
import { expectAttribute, expectCount, expectText, expectTextContaining } from './support/page-expect.js';

/** Every record of every IndexedDB database of the page's origin, and its localStorage (read in the page). */
function dumpBrowserStorage(page: Page): Promise<{ stores: Record<string, unknown[]>; local: Record<string, string> }> {
  return page.evaluate(async () => {
    const stores: Record<string, unknown[]> = {};
    const req = <T>(r: IDBRequest<T>) =>
      new Promise<T>((res, rej) => {
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await req(indexedDB.open(name));
      for (const store of Array.from(db.objectStoreNames)) {
        stores[`${name}/${store}`] = await req(db.transaction(store).objectStore(store).getAll());
      }
      db.close();
    }
    return { stores, local: { ...localStorage } };
  });
}

/**
 * Issue 12, "Sign out leaves everything behind": a verified author posts, saves the author keys in an
 * encrypted file, and signs out; afterwards the browser holds no session, token, author key or post (read from
 * IndexedDB directly, and seen in the UI), the server session is revoked, a wrong passphrase is refused in
 * plain words, and the right one brings back the power to edit and delete the post.
 */
describe('web app: sign out erases the browser, after an encrypted export of the author keys', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const smtp = new SmtpSink();
  const watch = new Watch();
  let company: TestCompany;
  let threadId: string;
  let sessionToken: string;
  let keyFile: string;
  const passphrase = 'orchid lantern gravel 42';

  beforeAll(async () => {
    api = await startWebTestApi(smtp, {
      POST_TOKEN_QUOTA: '3',
      REACTION_TOKEN_QUOTA: '1',
    });
    company = await companyWithDomain(api, 'a');
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: api.url, acceptDownloads: true });
    await setTokenMaturity(context, '0');
    watch.attach(context);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await smtp.stop();
  });

  it('verifies, fills the wallet and posts a thread', async () => {
    await verifyInBrowser(page, smtp, `leaving@${company.domain}`, company);
    await page.getByRole('navigation').getByRole('link', { name: 'Posting credits' }).click();
    await expectText(page.getByTestId('count-post'), '3');
    await page.locator('.refill').waitFor({ state: 'detached' });

    await page.goto(`/c/${company.slug}/board`);
    await page.getByLabel('Title').fill('Leaving soon, ask me anything');
    await page.getByLabel('Message').fill('Happy to answer questions about the team.');
    await page.getByRole('button', { name: 'Post thread' }).click();
    threadId = await receiptId(page);
    await waitPublished(api, threadId);

    // The browser now holds what sign-out must remove (this also shows the dump below can see it).
    const { stores } = await dumpBrowserStorage(page);
    expect(stores['unlinked/session']).toHaveLength(1);
    expect(stores['unlinked/tokens'].length).toBeGreaterThan(0);
    expect(stores['unlinked/threadKeys']).toEqual([expect.objectContaining({ threadId })]);
    expect(stores['unlinked/posts']).toEqual([expect.objectContaining({ id: threadId })]);
    sessionToken = (stores['unlinked/session'][0] as { token: string }).token;
  });

  it('says what signing out deletes; Cancel keeps everything', async () => {
    await page.goto('/verify');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign out of this browser?' });
    await expectTextContaining(dialog, 'nobody — not even you — can edit or delete your post again');
    await screenshot(page, 'sign-out-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`You are verified for ${company.name}.`).waitFor();
  });

  it('saves the author keys in a passphrase-encrypted file, then signs out', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign out of this browser?' });
    await dialog.getByRole('button', { name: 'Save my keys first' }).click();
    await dialog.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await dialog.getByLabel('Passphrase again').fill(passphrase);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: WAIT_MS }),
      dialog.getByRole('button', { name: 'Save encrypted file' }).click(),
    ]);
    keyFile = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^unlinked-keys-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(keyFile)).toMatchObject({ format: 'unlinked-author-keys', version: 1 });
    // Sealed: neither the thread nor its key is readable in the file.
    expect(keyFile).not.toContain(threadId);
    await expectTextContaining(dialog.getByRole('status'), 'Saved as unlinked-keys-');

    await dialog.getByRole('button', { name: 'Sign out now' }).click();
    await page.waitForURL('**/verify?signed-out');
    await page.getByText('You are signed out.').waitFor();
    await page.getByLabel('Work email').waitFor();
  });

  it('left no session, token, author key or post in IndexedDB or localStorage, and revoked the session', async () => {
    // The reloaded page may already have reopened its (empty) database, or not yet: either way nothing is left.
    const { stores, local } = await dumpBrowserStorage(page);
    for (const [store, records] of Object.entries(stores)) expect([store, records]).toEqual([store, []]);
    // Device preferences stay: the language, and the maturity setting this test's init script puts back on every load.
    expect(Object.keys(local).filter((k) => k !== 'unlinked.lang' && k !== MATURITY_SETTING)).toEqual([]);
    const me = await api.gql<{ me: unknown }>('query { me { id } }', undefined, {
      authorization: `Bearer ${sessionToken}`,
    });
    expect(me.data?.me ?? null).toBeNull();
  });

  it('shows the next person no verification, no tokens and no posts to edit', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Posting credits' }).click();
    await page.getByRole('link', { name: 'Verify your work email to get posting credits.' }).waitFor();
    await expectText(page.getByTestId('count-post'), '0');
    // The ARC credentials (votes, flags, reviews) went with the rest: the line that counts them shows only when signed in.
    await expectCount(page.getByTestId('arc-credentials'), 0);
    await page.getByRole('navigation').getByRole('link', { name: 'My posts' }).click();
    await page.getByText('This browser has not written anything yet.').waitFor();
    await expectCount(page.locator('[data-my-post]'), 0);
    await expectCount(page.getByRole('button', { name: 'Edit' }), 0);
  });

  it('refuses the key file under a wrong passphrase, in plain words', async () => {
    await page.goto('/mine');
    const form = page.getByTestId('import-keys');
    await form.getByLabel('Key file').setInputFiles({
      name: 'keys.json',
      mimeType: 'application/json',
      buffer: Buffer.from(keyFile),
    });
    await form.getByLabel('Passphrase').fill('orchid lantern gravel 43');
    await form.getByRole('button', { name: 'Open key file' }).click();
    await expectAttribute(form.getByRole('alert'), 'data-code', 'KEY_EXPORT_WRONG_PASSPHRASE');
    await expectText(form.getByRole('alert'), 'That passphrase does not open this file. Check it and try again.');
    await expectCount(page.locator('[data-my-post]'), 0);
    await screenshot(page, 'import-wrong-passphrase');
  });

  it('imports the keys with the right passphrase, then edits and deletes the post again', async () => {
    const form = page.getByTestId('import-keys');
    await form.getByLabel('Passphrase').fill(passphrase);
    await form.getByRole('button', { name: 'Open key file' }).click();
    await expectText(form.getByRole('status'), 'Opened: 1 post in the file, 1 new in this browser.');
    const row = page.locator(`[data-my-post="${threadId}"]`);
    await expectAttribute(row, 'data-status', 'Published');

    await row.getByRole('button', { name: 'Edit' }).click();
    await row.getByLabel('Message').fill('Happy to answer questions about the team. Edited after import.');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Saved.').waitFor();
    // The edit is signed with the imported key; it reaches readers once screened and published.
    await waitFor(
      async () =>
        (
          await api.gql<{ thread: { body: string } | null }>('query($id: ID!) { thread(id: $id) { body } }', {
            id: threadId,
          })
        ).data?.thread?.body === 'Happy to answer questions about the team. Edited after import.',
      WAIT_MS,
      'the edit to be published',
    );

    page.once('dialog', (d) => void d.accept());
    await page.locator(`[data-my-post="${threadId}"]`).getByRole('button', { name: 'Delete' }).click();
    await waitFor(
      async () =>
        (await api.gql<{ contentStatus: string }>('query($id: ID!) { contentStatus(id: $id) }', { id: threadId })).data
          ?.contentStatus === 'Deleted',
      WAIT_MS,
      'the thread to be deleted',
    );
  });

  it('logged no console errors', () => {
    expect(watch.errors).toEqual([]);
  });
});
