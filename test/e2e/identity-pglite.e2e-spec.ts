import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, jest } from '@jest/globals';
import { loadConfig } from '@unlinked/config';
import {
  ARC_MEDIA_TYPES,
  ArcCredentialResponseMessage,
  arcChallenge,
  createArcCredentialRequest,
  finalizeCredential,
  parseArcDirectoryKeys,
} from '@unlinked/arc';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { LogCapture } from '../support/log-capture.js';
import { clearRedisPrefix, testEnv } from '../support/test-app.js';
import { HEAVY_TEST_MS } from '../support/timing.js';
import { until } from '../support/until.js';
// PGlite (WebAssembly) migrates and seeds before the flow: CPU-heavy on a loaded machine.
jest.setTimeout(HEAVY_TEST_MS);

// Development default: embedded PGlite, no SMTP (outbox). Not a concurrency test (PGlite does not isolate).
it('runs the identity flow on embedded PGlite with the development outbox', async () => {
  const config = loadConfig(testEnv(undefined, { SEED_ON_EMPTY: 'true', RUN_WORKERS: 'true' }));
  const app = await createApi(config, { logStream: new LogCapture(), schemaFile: true });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    const gql = async (query: string, variables: Record<string, unknown>) =>
      (await (
        await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as { data?: Record<string, { token?: string }>; errors?: unknown[] };
    const email = 'dev@new-startup.io';
    expect(
      (await gql(`mutation R($email: String!) { requestVerificationCode(email: $email) { sent } }`, { email })).errors,
    ).toBeUndefined();
    const outbox = config.mailOutboxDir;
    await until(() => existsSync(outbox) && readdirSync(outbox).length > 0, undefined, 'a mail in the outbox');
    const code = /code is (\d{6})/.exec(readFileSync(join(outbox, readdirSync(outbox)[0]), 'utf8'))![1];
    const verified = await gql(
      `mutation V($email: String!, $code: String!) { verifyCode(email: $email, code: $code) { token } }`,
      {
        email,
        code,
      },
    );
    expect(verified.errors).toBeUndefined();
    const auth = { authorization: `Bearer ${verified.data!.verifyCode.token}` };
    // The credential that pays for votes, flags and reviews: one per account per period key (issue 11).
    const slug = 'new-startup-io';
    const dir = parseArcDirectoryKeys(await (await fetch(`${base}/privacy-pass/${slug}/arc/issuer-directory`)).text());
    const key = dir.keys[0].publicKey;
    const challenge = arcChallenge({ issuerName: new URL(dir.issuerRequestUri).host, companySlug: slug, action: null });
    const ask = (body: Uint8Array) =>
      fetch(`${base}/privacy-pass/${slug}/arc/credential-request`, {
        method: 'POST',
        headers: { ...auth, 'content-type': ARC_MEDIA_TYPES.credentialRequest },
        body: Buffer.from(body),
      });
    const first = createArcCredentialRequest(challenge, key);
    const res = await ask(first.message.serialize());
    expect(res.status).toBe(200);
    const response = ArcCredentialResponseMessage.deserialize(new Uint8Array(await res.arrayBuffer())).response;
    expect(finalizeCredential(first.secrets, key, first.request, response).serialize().length).toBeGreaterThan(0);
    const again = await ask(createArcCredentialRequest(challenge, key).message.serialize());
    expect(again.status).toBe(429); // one credential per period key
  } finally {
    await app.close();
    await clearRedisPrefix(config.queuePrefix);
    rmSync(config.dataDir, { recursive: true, force: true });
  }
});
