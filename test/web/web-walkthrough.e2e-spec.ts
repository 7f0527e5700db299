import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink.js';
import type { TestApi } from '../support/test-app.js';
import { LONG_WAIT_MS } from '../support/timing.js';
import { launchChromium, screenshot, setTokenMaturity, Watch } from './support/browser.js';
import {
  companyWithDomain,
  receiptId,
  startWebTestApi,
  verifyInBrowser,
  waitFor,
  waitPublished,
  type TestCompany,
} from './support/flow.js';
import { expectAttribute, expectText } from './support/page-expect.js';
import { seedForum, type SeededForum } from './support/seed.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LANGUAGE_SETTING = 'unlinked.lang';
const WIDTHS = [1280, 390] as const;
const LANGUAGES = ['en', 'zh'] as const;
type Lang = (typeof LANGUAGES)[number];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical WCAG 2.1 A/AA violations axe-core finds on the page as it is now (colour contrast too). */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Waits until the page's code and data are in: its heading shows and no loading skeleton is left. */
async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.locator('.skeleton').first().waitFor({ state: 'detached' });
}

/** How far the page reaches past the right edge of the window (0 when nothing overflows). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/**
 * Issue 13's walkthrough: a reader, two employees and a moderator go through the pages in English and Chinese, at
 * 1280 and 390 px, in light and dark themes; no console errors, nothing wider than a phone, no serious or critical
 * axe-core violation; a screenshot of each page in artifacts/screenshots/ (`<lang>-<width>-<page>.png`).
 * One API and one browser; a context per person.
 */
describe('web app: walkthrough of the pages', () => {
  let api: TestApi;
  let browser: Browser;
  const smtp = new SmtpSink();
  const watch = new Watch();
  const mod = { token: randomBytes(16).toString('hex'), accountId: randomUUID() };
  let company: TestCompany;
  let seeded: SeededForum;
  const people = {} as Record<'reader' | 'alice' | 'bob' | 'moderator', BrowserContext>;
  let threadId: string;
  let heldId: string;

  beforeAll(async () => {
    api = await startWebTestApi(smtp, {
      AGGREGATE_MIN_REVIEWS: '1',
      POST_TOKEN_QUOTA: '4',
      STAFF_TOKENS: `${mod.token}=moderator:${mod.accountId}`,
    });
    company = await companyWithDomain(api, 'e');
    seeded = await seedForum(api, company.slug);
    browser = await launchChromium();
    for (const name of ['reader', 'alice', 'bob', 'moderator'] as const) {
      people[name] = await browser.newContext({ baseURL: api.url, colorScheme: 'light' });
      await setTokenMaturity(people[name], '0');
      watch.attach(people[name]);
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await smtp.stop();
  });

  /** A page of `who`'s context in `lang` at `width` px (the language as a returning reader's stored choice). */
  async function open(who: BrowserContext, lang: Lang, width: number): Promise<Page> {
    const page = await who.newPage();
    await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
    await page.goto('/privacy');
    // After the app has started: its language, once loaded, is stored as the reader's choice.
    await settled(page);
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [LANGUAGE_SETTING, lang] as const);
    return page;
  }

  /** Goes to `path`, waits for it to settle, checks it fits, and takes its screenshot. */
  async function visit(page: Page, path: string, shot: string): Promise<void> {
    await page.goto(path);
    await settled(page);
    await expectAttribute(page.locator('html'), 'lang', shot.startsWith('zh') ? 'zh-Hans' : 'en');
    expect({ shot, overflow: await overflow(page) }).toEqual({ shot, overflow: 0 });
    await screenshot(page, shot);
  }

  /** Waits for the fill that verifying started; in-app navigation, as a reload would cut the batch in flight. */
  async function fillCredits(page: Page): Promise<void> {
    await page.locator('header nav a[href="/wallet"]').click();
    await expectText(page.getByTestId('count-post'), '4');
    await page.locator('.refill').waitFor({ state: 'detached' });
  }

  it('two employees verify and fill their posting credits', async () => {
    const alice = await open(people.alice, 'en', 1280);
    await verifyInBrowser(alice, smtp, `alice.walk@${company.domain}`, company);
    await screenshot(alice, 'en-1280-verified');
    await fillCredits(alice);
    const bob = await open(people.bob, 'en', 1280);
    await verifyInBrowser(bob, smtp, `bob.walk@${company.domain}`, company);
    await fillCredits(bob);
    await Promise.all([alice.close(), bob.close()]);
  }, 120_000);

  it('an employee writes a review and starts a thread; another replies', async () => {
    const alice = await open(people.alice, 'en', 1280);
    await alice.goto(`/c/${company.slug}/review`);
    await settled(alice);
    await alice.locator('#overall').getByLabel('4 stars').check();
    for (const sub of ['culture', 'workLife', 'seniorManagement', 'compensation', 'career', 'diversity']) {
      await alice.locator(`#${sub}`).getByLabel('3 stars').check();
    }
    await alice.locator('#recommend').getByLabel('Yes').check();
    await alice.getByLabel('Approves of the CEO').selectOption('Approve');
    await alice.getByLabel('Positive business outlook').selectOption('Neutral');
    await alice.getByLabel('Employment', { exact: true }).selectOption('Current');
    await alice.locator('#pros').fill('Thoughtful colleagues and a calm on-call rotation.');
    await alice.locator('#cons').fill('Promotions take long and are hard to predict.');
    await screenshot(alice, 'en-1280-review-form-filled');
    await alice.getByRole('button', { name: 'Post review' }).click();
    await waitPublished(api, await receiptId(alice));

    await alice.goto(`/c/${company.slug}/board`);
    await settled(alice);
    await alice.locator('#thread-title').fill('How do teams plan the next quarter?');
    await alice.locator('#thread-body').fill('Ours plans in a two-day offsite; curious how others do it.');
    await alice.getByRole('button', { name: 'Post thread' }).click();
    threadId = await receiptId(alice);
    await screenshot(alice, 'en-1280-thread-posted');
    await waitPublished(api, threadId);
    await alice.close();

    const bob = await open(people.bob, 'en', 1280);
    await bob.goto(`/t/${threadId}`);
    await settled(bob);
    await bob.locator('#reply-body').fill('We plan in a shared doc over a week, then one short meeting.');
    await bob.getByRole('button', { name: 'Post reply' }).click();
    await waitPublished(api, await receiptId(bob));
    // A second thread whose email address screening holds for the moderator.
    await bob.goto(`/c/${company.slug}/board`);
    await settled(bob);
    await bob.locator('#thread-title').fill('Who runs the relocation help desk?');
    await bob.locator('#thread-body').fill('Write to me at desk.helper@example.org if you know.');
    await bob.getByRole('button', { name: 'Post thread' }).click();
    heldId = await receiptId(bob);
    await bob.close();
    await waitFor(
      async () =>
        (
          (await api.dataSource.query(`SELECT state FROM moderation_items WHERE content_id = $1`, [heldId])) as {
            state: string;
          }[]
        )[0]?.state === 'held',
      LONG_WAIT_MS,
      'screening to hold the thread',
    );
  }, 180_000);

  for (const lang of LANGUAGES) {
    for (const width of WIDTHS) {
      it(`walks the pages in ${lang} at ${width} px`, async () => {
        const at = `${lang}-${width}`;
        const reader = await open(people.reader, lang, width);
        await visit(reader, '/', `${at}-home`);
        await visit(reader, `/c/${company.slug}`, `${at}-company`);
        await reader.locator('.big-rating strong').waitFor();
        await screenshot(reader, `${at}-company`);
        await visit(reader, `/c/${company.slug}/board`, `${at}-board`);
        await visit(reader, `/t/${threadId}`, `${at}-thread`);
        await visit(reader, `/t/${seeded.threadId}`, `${at}-thread-op-replies`);
        await visit(reader, '/verify', `${at}-verify`);
        await visit(reader, '/privacy', `${at}-privacy`);
        await reader.close();

        const alice = await open(people.alice, lang, width);
        await visit(alice, '/wallet', `${at}-credits`);
        await visit(alice, `/c/${company.slug}/review`, `${at}-review-form`);
        await visit(alice, '/mine', `${at}-mine`);
        await alice.close();

        const moderator = await open(people.moderator, lang, width);
        await moderator.goto('/moderation');
        const item = moderator.locator(`[data-content-id="${heldId}"]`);
        // The first visit asks for the staff token; the context keeps the staff session after that.
        await item.or(moderator.locator('#staff-token')).first().waitFor();
        if (!(await item.count())) {
          await moderator.locator('#staff-token').fill(mod.token);
          await moderator.locator('#staff-token').press('Enter');
        }
        await item.waitFor();
        await settled(moderator);
        expect(await overflow(moderator)).toBe(0);
        await screenshot(moderator, `${at}-moderation-queue`);
        await moderator.close();
      }, 240_000);
    }
  }

  it('has no serious accessibility violations in the light and the dark theme', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const ctx = await browser.newContext({ baseURL: api.url, colorScheme: scheme });
      watch.attach(ctx);
      for (const lang of LANGUAGES) {
        const page = await open(ctx, lang, 1280);
        for (const [name, path] of [
          ['home', '/'],
          ['company', `/c/${company.slug}`],
          ['board', `/c/${company.slug}/board`],
          ['thread', `/t/${seeded.threadId}`],
          ['verify', '/verify'],
          ['credits', '/wallet'],
          ['privacy', '/privacy'],
        ] as const) {
          await page.goto(path);
          await settled(page);
          expect({ page: `${lang} ${scheme} ${name}`, violations: await axeViolations(page) }).toEqual({
            page: `${lang} ${scheme} ${name}`,
            violations: [],
          });
          if (lang === 'en' || name === 'thread') await screenshot(page, `${lang}-1280-${scheme}-${name}`);
        }
        await page.close();
      }
      await ctx.close();
    }
  }, 240_000);

  it('keeps the theme chosen with the toggle over the system setting', async () => {
    const ctx = await browser.newContext({ baseURL: api.url, colorScheme: 'light' });
    watch.attach(ctx);
    const page = await open(ctx, 'en', 390);
    await page.goto(`/c/${company.slug}`);
    await settled(page);
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expectAttribute(toggle, 'aria-pressed', 'false');
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const light = await background();
    await toggle.click();
    await expectAttribute(toggle, 'aria-pressed', 'true');
    await page.reload();
    await settled(page);
    await expectAttribute(page.getByRole('button', { name: 'Dark theme' }), 'aria-pressed', 'true');
    expect(await background()).not.toBe(light);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'en-390-dark-company-toggled');
    // The check is not vacuous: text without contrast is reported.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Barely readable';
      p.style.color = '#777';
      p.style.background = '#888';
      document.querySelector('main')!.append(p);
    });
    expect((await axeViolations(page)).join('\n')).toContain('color-contrast');
    await ctx.close();
  });

  it('logged no console errors', () => {
    expect(watch.errors).toEqual([]);
  });
});
