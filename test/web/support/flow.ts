import type { Page } from 'playwright-core';
import type { TestApi } from '../../support/test-app.js';
import { until } from '../../support/until.js';
import { WAIT_MS } from '../../support/timing.js';
export { until as waitFor };

export async function waitPublished(api: TestApi, id: string): Promise<void> {
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
  /^\s*mutation\s+(CreateThread|CreateReply|CreateReview|Vote|EditThread|EditReply|EditReview|DeleteThread|DeleteReply|DeleteReview|Flag\w*|AppealRemoval)\b/;
