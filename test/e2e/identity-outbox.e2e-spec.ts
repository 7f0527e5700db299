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

describe('attester without SMTP_URL (development outbox)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ RUN_WORKERS: 'true' });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('writes the mail to the outbox and logs where, never what', async () => {
    const res = await api.gql(REQUEST_CODE, { email: 'outbox.user@acme-outbox.com' });
    expect(res.errors).toBeUndefined();
    const dir = api.config.mailOutboxDir;
    await until(async () => existsSync(dir) && readdirSync(dir).length === 1);
    const mail = readFileSync(`${dir}/${readdirSync(dir)[0]}`, 'utf8');
    expect(mail).toContain('outbox.user@acme-outbox.com');
    const code = /code is (\d{6})/.exec(mail)![1];
    await until(async () => api.logs.text.includes('development outbox'));
    expect(api.logs.text).toContain(dir);
    expect(api.logs.text).not.toContain('outbox.user');
    expect(api.logs.text).not.toContain(code);
  });
});
