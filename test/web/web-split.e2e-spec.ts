import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SplitStorage, startSplitServices, type Service } from '../support/split-services.js';
import { adminQuery } from '../support/test-database.js';
import { LONG_WAIT_MS } from '../support/timing.js';
import { until } from '../support/until.js';
import { ensureWebBuilt, launchChromium, setTokenMaturity, Watch, WEB_DIST } from './support/browser.js';
import { buildCli, runCli } from './support/cli.js';
import {
  ANONYMOUS_WRITE,
  companyWithDomain,
  receiptId,
  verifyInBrowser,
  waitPublished,
  type TestCompany,
} from './support/flow.js';
import { expectText } from './support/page-expect.js';

/** The identity service's GraphQL operations (libs/client/src/operations/identity.graphql). */
const IDENTITY_OPERATION =
  /^\s*(query|mutation)\s+(RequestVerificationCode|VerifyCode|Me|TokenQuota|IssuerKeys|Logout)\b/;

interface Sent {
  url: URL;
  /** Chromium's resource type: `document`, `script`, `fetch`... */
  type: string;
  headers: Record<string, string>;
  query: string | null;
}

/**
 * Issue 15, RFC 9576 split deployment end to end: the identity service (attester + issuer) and the forum (origin)
 * on two origins and two databases. The web app, loaded from the forum's address, and the CLI, given only the
 * forum's address, find the identity service in the forum's /.well-known/unlinked, verify and get tokens there,
 * and post at the forum; the session travels to the identity service only.
 */
describe('split deployment: the web app and the CLI against separate identity and forum services', () => {
  const storage = new SplitStorage();
  let identity: Service;
  let forum: Service;
  let company: TestCompany;
  /** The forum's public address (PUBLIC_URL), where the browser opens the web app. */
  let site: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const watch = new Watch();
  // Every request of the browser with its full header set (cookies included), as it left.
  const sent: Promise<Sent>[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    buildCli();
    await storage.open();
    ({ identity, forum } = await startSplitServices(
      storage,
      { WEB_DIST_DIR: WEB_DIST, OUTBOX_RELAY_INTERVAL_MS: '100' },
      { POST_TOKEN_QUOTA: '3' },
    ));
    site = forum.config.publicUrl;
    company = await companyWithDomain(forum, 'a');
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: site });
    await setTokenMaturity(context, '0');
    // A cookie for each host: the page's own loads carry it, no request of the client core may.
    for (const url of [site, identity.url]) {
      await context.addCookies([{ name: 'canary', value: 'must-not-travel', url }]);
    }
    watch.attach(context);
    context.on('request', (r) =>
      sent.push(
        r.allHeaders().then((headers) => ({
          url: new URL(r.url()),
          type: r.resourceType(),
          headers,
          query: queryOf(r.postData()),
        })),
      ),
    );
    page = await context.newPage();
  }, LONG_WAIT_MS);

  afterAll(async () => {
    await browser?.close();
    await storage.close(forum, identity);
  });

  it('names the identity service in the forum discovery document, and answers CORS for the forum only', async () => {
    const discovery = await fetch(`${forum.url}/.well-known/unlinked`);
    expect(discovery.status).toBe(200);
    expect(await discovery.json()).toEqual({ identity: identity.url });
    const preflight = (origin: string, path = '/graphql') =>
      fetch(`${identity.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight(site);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(site);
    expect(
      allowed.headers
        .get('access-control-allow-headers')
        ?.split(/\s*,\s*/)
        .sort(),
    ).toEqual(['authorization', 'content-type']);
    // No cookies cross: the client sends none.
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    // Another origin is told the forum's (the browser refuses the mismatch), and other paths answer no CORS at all.
    expect((await preflight('https://elsewhere.example')).headers.get('access-control-allow-origin')).toBe(site);
    expect(
      (await preflight(site, '/internal/company-directory')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    // The forum's web app may connect to the identity service, and nowhere else.
    const csp = (await fetch(`${forum.url}/`)).headers.get('content-security-policy')!;
    expect(csp).toContain(`connect-src 'self' ${identity.url};`);
  });

  it(
    'verifies, fills the wallet, posts and sees the post published, and signs out, from the forum address',
    async () => {
      await verifyInBrowser(page, storage.smtp, `split.browser@${company.domain}`, company);
      await page.getByRole('navigation').getByRole('link', { name: 'Posting credits' }).click();
      await expectText(page.getByTestId('count-post'), '3');
      await page.locator('.refill').waitFor({ state: 'detached' });
      // The forum's copy of the directory opens the board once it has the new member (COMPANY_SYNC_INTERVAL_MS).
      await until(
        async () =>
          (
            await forum.gql<{ company: { boardOpen: boolean } }>(
              'query($s: String!) { company(slug: $s) { boardOpen } }',
              {
                s: company.slug,
              },
            )
          ).data?.company.boardOpen === true,
        LONG_WAIT_MS,
        "the forum's copy of the company to open its board",
      );
      await page.goto(`/c/${company.slug}/board`);
      await page.getByLabel('Title').fill('Two services, one journey');
      await page.getByLabel('Message').fill('Verified at one service, posted at the other.');
      await page.getByRole('button', { name: 'Post thread' }).click();
      const id = await receiptId(page);
      await waitPublished(forum, id);
      expect(await adminQuery(storage.forumDb.name, `SELECT title FROM threads WHERE id = $1`, [id])).toEqual([
        { title: 'Two services, one journey' },
      ]);
      expect(
        await adminQuery(storage.identityDb.name, `SELECT issued FROM issuance_counts WHERE kind = 'post'`),
      ).toEqual([{ issued: 3 }]);
      // Sign-out revokes the session at the identity service.
      expect(await adminQuery(storage.identityDb.name, `SELECT count(*)::int AS n FROM sessions`)).toEqual([{ n: 1 }]);
      await page.goto('/verify');
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page
        .getByRole('dialog', { name: 'Sign out of this browser?' })
        .getByRole('button', { name: 'Sign out without saving' })
        .click();
      await page.getByText('You are signed out.').waitFor();
      expect(await adminQuery(storage.identityDb.name, `SELECT count(*)::int AS n FROM sessions`)).toEqual([{ n: 0 }]);
      expect(watch.errors).toEqual([]);
    },
    LONG_WAIT_MS * 3,
  );

  it('sent the session to the identity service only, and nothing identifying to the forum', async () => {
    const all = await Promise.all(sent);
    const toForum = all.filter((r) => r.url.origin === site);
    const toIdentity = all.filter((r) => r.url.origin === identity.url);
    // Every request went to one of the two services; the identity service got fetches only (no page, no asset).
    expect(toForum.length + toIdentity.length).toBe(all.length);
    expect(toIdentity.filter((r) => r.type !== 'fetch')).toEqual([]);
    // No fetch carried the cookie; none to the forum carried an Authorization of any kind.
    const fetches = all.filter((r) => r.type === 'fetch');
    expect(fetches.filter((r) => r.headers.cookie !== undefined).map((r) => r.url.href)).toEqual([]);
    expect(toForum.filter((r) => r.headers.authorization !== undefined).map((r) => r.url.href)).toEqual([]);
    // The identity operations and the issuer went to the identity service, the writes and reads to the forum.
    const identityOps = all.filter((r) => r.query !== null && IDENTITY_OPERATION.test(r.query));
    expect(identityOps.some((r) => /mutation\s+Logout\b/.test(r.query!))).toBe(true);
    expect(identityOps.length).toBeGreaterThanOrEqual(5);
    expect(identityOps.filter((r) => r.url.origin !== identity.url)).toEqual([]);
    const issuer = all.filter((r) => r.url.pathname.startsWith('/privacy-pass/'));
    expect(issuer.some((r) => r.url.pathname.endsWith('/token-request'))).toBe(true);
    expect(issuer.filter((r) => r.url.origin !== identity.url)).toEqual([]);
    const writes = all.filter((r) => r.query !== null && ANONYMOUS_WRITE.test(r.query));
    expect(writes.length).toBeGreaterThanOrEqual(1);
    expect(writes.filter((r) => r.url.origin !== site)).toEqual([]);
    // The identity service saw the session and the GraphQL/issuer calls only: no page, no forum read.
    expect(toIdentity.filter((r) => !/^\/(graphql|privacy-pass\/)/.test(r.url.pathname))).toEqual([]);
    expect(toIdentity.filter((r) => r.query !== null && !IDENTITY_OPERATION.test(r.query))).toEqual([]);
    expect(toIdentity.some((r) => r.headers.authorization?.startsWith('Bearer '))).toBe(true);
  });

  it(
    'runs the CLI given the forum address only: verify, fetch, post',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'unlinked-split-cli-'));
      try {
        const email = `split.cli@${company.domain}`;
        const env = {
          UNLINKED_API: forum.url,
          UNLINKED_WALLET: join(dir, 'wallet.json'),
          UNLINKED_TOKEN_MATURITY_MINUTES: '0',
        };
        const verified = await runCli(['verify', email], env, {
          prompt: 'Code:',
          answer: () => storage.smtp.codeFor(email),
        });
        expect([verified.code, verified.stderr]).toEqual([0, '']);
        expect(verified.stdout).toContain('Verified:');
        const fetched = await runCli(['fetch', '--kind', 'post'], env);
        expect(fetched.code).toBe(0);
        expect(fetched.stdout).toContain('post: fetched 3 tokens');
        const post = await runCli(
          ['post', '--company', company.slug, '--title', 'From the terminal', '--body', 'The CLI found both services.'],
          env,
        );
        expect([post.code, post.stderr]).toEqual([0, '']);
        const id = /Thread ([0-9a-f-]{36}): Pending/.exec(post.stdout)![1];
        await waitPublished(forum, id);
        expect(await adminQuery(storage.identityDb.name, `SELECT count(*)::int AS n FROM accounts`)).toEqual([
          { n: 2 },
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    LONG_WAIT_MS * 3,
  );
});

function queryOf(body: string | null): string | null {
  if (!body) return null;
  try {
    return (JSON.parse(body) as { query?: string }).query ?? null;
  } catch {
    return null;
  }
}
