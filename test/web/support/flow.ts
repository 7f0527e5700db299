import type { Page } from 'playwright-core';
import type { SmtpSink } from '../../support/smtp-sink.js';
import { startTestApi, type TestApi } from '../../support/test-app.js';
import { until } from '../../support/until.js';
import { WAIT_MS } from '../../support/timing.js';
import { ensureWebBuilt, WEB_DIST } from './browser.js';
export { until as waitFor };

export async function waitPublished(api: Pick<TestApi, 'gql'>, id: string): Promise<void> {
  await until(
    async () =>
      (await api.gql<{ contentStatus: string }>('query($id: ID!) { contentStatus(id: $id) }', { id })).data
        ?.contentStatus === 'Published',
    WAIT_MS,
    `content ${id} to be published`,
  );
}

/** The receipt id the page shows after an anonymous write. */
export async function receiptId(page: Page): Promise<string> {
  const el = page.locator('[data-receipt]').last();
  await el.waitFor({ timeout: WAIT_MS });
  return (await el.getAttribute('data-receipt'))!;
}

/** GraphQL operations that must travel without a session (privacy rule 4). */
export const ANONYMOUS_WRITE =
  /^\s*mutation\s+(CreateThread|CreateReply|CreateReview|CreateSalaryReport|DeleteSalaryReport|CreateInterview|DeleteInterview|Vote|EditThread|EditReply|EditReview|DeleteThread|DeleteReply|DeleteReview|Flag\w*|AppealRemoval)\b/;

export interface TestCompany {
  slug: string;
  name: string;
  domain: string;
}

/** A seeded company that has an email domain, among the first matches of `search`. */
export async function companyWithDomain(api: Pick<TestApi, 'gql'>, search: string): Promise<TestCompany> {
  const res = await api.gql<{ companies: { edges: { node: { slug: string; name: string; domains: string[] } }[] } }>(
    'query($search: String) { companies(first: 5, search: $search) { edges { node { slug name domains } } } }',
    { search },
  );
  const node = res.data!.companies.edges.find((e) => e.node.domains.length > 0)!.node;
  return { slug: node.slug, name: node.name, domain: node.domains[0] };
}

/**
 * Verifies a work address in the web app with the code from its newest mail, and waits for the page to say so.
 * With `resend`, the first mail counts as slow or lost: the user asks again from the code step and uses the new code.
 */
export async function verifyInBrowser(
  page: Page,
  smtp: SmtpSink,
  email: string,
  company: TestCompany,
  resend = false,
): Promise<void> {
  const before = smtp.countFor(email);
  await page.goto('/verify');
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Send code' }).click();
  if (resend) {
    await smtp.codeFor(email, before);
    await page.getByRole('button', { name: 'Send a new code' }).click();
    await page.getByText('A new code is on its way.', { exact: false }).waitFor();
  }
  await page.getByLabel('Code from the email').fill(await smtp.codeFor(email, before + (resend ? 1 : 0)));
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await page.getByText(`You are verified for ${company.name}.`).waitFor();
}

/**
 * The API for a browser journey: the built web app, workers in-process, mail to `smtp` (started here), boards
 * open at one verified account, a fast outbox relay; `overrides` set the quotas and the rest.
 */
export async function startWebTestApi(smtp: SmtpSink, overrides: Record<string, string> = {}): Promise<TestApi> {
  ensureWebBuilt();
  await smtp.start();
  return startTestApi({
    RUN_WORKERS: 'true',
    SMTP_URL: smtp.url,
    WEB_DIST_DIR: WEB_DIST,
    BOARD_MIN_VERIFIED: '1',
    OUTBOX_RELAY_INTERVAL_MS: '100',
    ...overrides,
  });
}
