import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { ensureWebBuilt, launchChromium, screenshot, Watch, WEB_DIST } from './support/browser.js';

/** Public pages of the web app, served by the real API on real PostgreSQL and Redis. */
describe('web app: public pages', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const watch = new Watch();

  beforeAll(async () => {
    ensureWebBuilt();
    api = await startTestApi({ WEB_DIST_DIR: WEB_DIST });
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: api.url });
    watch.attach(context);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('serves the app at / and on client routes, without shadowing API routes', async () => {
    expect(existsSync(`${WEB_DIST}/index.html`)).toBe(true);
    const home = await fetch(`${api.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    const deep = await fetch(`${api.url}/c/some-company`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const gql = await api.gql('{ __typename }');
    expect(gql.data).toEqual({ __typename: 'Query' });
    expect((await fetch(`${api.url}/graphql/nope`)).status).toBe(404);
    expect((await fetch(`${api.url}/.well-known/nothing-here`)).status).toBe(404);
    expect((await fetch(`${api.url}/assets/missing.js`)).status).toBe(404);
  });

  it('searches companies on the home page and opens a company', async () => {
    const seeded = await api.gql<{
      companies: { edges: { node: { slug: string; name: string } }[] };
    }>('query { companies(first: 1) { edges { node { slug name } } } }');
    const company = seeded.data!.companies.edges[0].node;
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('link', { name: company.name }).first().waitFor();
    await screenshot(page, 'home');

    await page.getByLabel('Company name or email domain').fill(company.name.slice(0, 4));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\?q=/);
    await page.getByRole('link', { name: company.name }).first().click();
    await page.waitForURL(`**/c/${company.slug}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(company.name);
    await screenshot(page, 'company');
  });

  it('shows a clear error for an unknown company', async () => {
    await page.goto('/c/no-such-company-here');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('COMPANY_NOT_FOUND');
    expect(await alert.textContent()).toContain('No company has this name.');
  });

  it('switches to Simplified Chinese and back, and shows the privacy page', async () => {
    await page.goto('/privacy');
    await page.getByRole('heading', { level: 1, name: 'About your privacy' }).waitFor();
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('heading', { level: 1, name: '关于你的隐私' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    await screenshot(page, 'privacy-zh');
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'About your privacy' }).waitFor();
    await screenshot(page, 'privacy');
  });

  it('fits a phone-sized screen without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'home-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('logged no console errors', () => {
    expect(watch.errors).toEqual([]);
  });
});
