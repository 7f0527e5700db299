import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { until } from '../support/until.js';

// Its own file: nestjs-pino keeps one root logger per process, so a second app in one file logs elsewhere.
const REQUEST_CODE = /* GraphQL */ `
  mutation Request($email: String!) {
    requestVerificationCode(email: $email) {
      sent
    }
  }
`;

const TTL_SECONDS = 3;

describe('attester without SMTP_URL (development outbox)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ RUN_WORKERS: 'true', MAIL_OUTBOX_TTL_SECONDS: String(TTL_SECONDS) });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('writes the mail to the outbox under a random name, deletes it after the TTL, and logs where, never what', async () => {
    const res = await api.gql(REQUEST_CODE, { email: 'outbox.user@acme-outbox.com' });
    expect(res.errors).toBeUndefined();
    const dir = api.config.mailOutboxDir;
    // Read as soon as it appears (it lives TTL_SECONDS).
    const [name, mail] = await until(() => {
      const files = existsSync(dir) ? readdirSync(dir) : [];
      if (files.length !== 1) return undefined;
      try {
        return [files[0], readFileSync(`${dir}/${files[0]}`, 'utf8')] as const;
      } catch {
        return undefined;
      }
    });
    // No time in the name: a file name must not date the code request (privacy rule 5).
    expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.eml$/);
    expect(mail).toContain('outbox.user@acme-outbox.com');
    const code = /code is (\d{6})/.exec(mail)![1];
    await until(async () => api.logs.text.includes('development outbox'));
    expect(api.logs.text).toContain(dir);
    expect(api.logs.text).not.toContain('outbox.user');
    expect(api.logs.text).not.toContain(code);
    await until(() => readdirSync(dir).length === 0, undefined, 'the mail deleted after its TTL');
  });
});
