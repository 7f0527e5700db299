import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ARC_PRESENTATION_LIMIT,
  arcPresentationState,
  createArcCredentialRequest,
  createArcToken,
  finalizeCredential,
  issueArcCredential,
} from '@unlinked/arc';
import { loadConfig } from '@unlinked/config';
import { ArcAction, ArcKeysService, IssuerKeysService, TokenKind } from '@unlinked/platform';
import { Client, Issuer } from '@unlinked/privacy-pass';
import { build } from 'esbuild';
import { ed25519 } from '@noble/curves/ed25519.js';
import { signAuthorship } from '../authorship/signed-message.js';
import { ForumError, ForumErrorCode } from '../forum.errors.js';
import { TokenVerifier } from './token-verifier.service.js';
import { verifyTask, type ArcVerifyTask, type VoprfVerifyTask } from './verify-task.js';

/**
 * The verifier's real piscina pool, running the worker bundled with esbuild
 * (Jest runs TypeScript sources, which a thread cannot load), must give the
 * same outcome as in-process verification: the key index or tag of a good
 * token, `ok: false` for a refused one.
 */
describe('TokenVerifier worker-thread pool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verifier-'));
  const env = {
    NODE_ENV: 'test',
    DATA_DIR: dir,
    ISSUER_MASTER_SEED: '11'.repeat(32),
    EMAIL_PEPPER: '22'.repeat(32),
    SESSION_SECRET: '33'.repeat(32),
  };
  const config = loadConfig({ ...env, VERIFY_THREADS: '2' });
  const workerFile = join(dir, 'verify.worker.mjs');
  let verifier: TokenVerifier;

  beforeAll(async () => {
    await build({
      entryPoints: [join(process.cwd(), 'libs/forum/src/redemption/verify.worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: workerFile,
      tsconfig: join(process.cwd(), 'tsconfig.json'),
      logLevel: 'silent',
    });
    verifier = new TokenVerifier(config, workerFile);
  });

  afterAll(async () => {
    await verifier.onModuleDestroy();
    rmSync(dir, { recursive: true, force: true });
  });

  function voprfTask(): VoprfVerifyTask {
    const keys = new IssuerKeysService(config);
    const [current, previous] = [
      keys.keyFor('company-x', TokenKind.Post, 5),
      keys.keyFor('company-x', TokenKind.Post, 4),
    ];
    const challenge = keys.challengeFor('x', TokenKind.Post);
    const client = new Client();
    // Issued under the previous epoch's key: the verifier must name the second key.
    const { request, state } = client.createTokenRequest(challenge, previous.publicKey);
    const token = client.finalize(new Issuer(previous).evaluate(request), state);
    return {
      kind: 'voprf',
      token: token.serialize(),
      challenge: challenge.serialize(),
      keys: [current, previous].map((k) => ({ secretKey: k.secretKey, publicKey: k.publicKey })),
    };
  }

  function arcTask(): ArcVerifyTask {
    const keys = new ArcKeysService(config);
    const key = keys.keyFor('company-x', keys.periodAt());
    const { message, request, secrets } = createArcCredentialRequest(keys.challengeFor('x', null), key.publicKey);
    const response = issueArcCredential(message.serialize(), key.privateKey, key.publicKey);
    const credential = finalizeCredential(secrets, key.publicKey, request, response.response);
    const challenge = keys.challengeFor('x', ArcAction.Vote, 'thread:1');
    const state = arcPresentationState(credential, challenge, key.publicKey, ARC_PRESENTATION_LIMIT);
    const token = createArcToken(state, challenge.serialize(), key.publicKey);
    const { x0, x1, x2, x0Blinding } = key.privateKey;
    return {
      kind: 'arc',
      token: token.serialize(),
      challenge: challenge.serialize(),
      presentationLimit: ARC_PRESENTATION_LIMIT,
      privateKey: { x0, x1, x2, x0Blinding },
      publicKey: key.publicKey.serialize(),
    };
  }

  /** The same task with one bit of the token's last byte (authenticator / proof) flipped. */
  function tampered<T extends { token: Uint8Array }>(task: T): T {
    const token = Uint8Array.from(task.token);
    token[token.length - 1] ^= 1;
    return { ...task, token };
  }

  it('verifies VOPRF tokens in worker threads as in-process, naming the key that verified', async () => {
    expect(verifier.pooled).toBe(true);
    const tasks = Array.from({ length: 6 }, voprfTask);
    const outcomes = await Promise.all(tasks.map((t) => verifier.verify(t)));
    expect(outcomes).toEqual(tasks.map(() => ({ ok: true, keyIndex: 1 })));
    expect(outcomes).toEqual(tasks.map(verifyTask));
    expect(await verifier.verify(tampered(tasks[0]))).toEqual({ ok: false });
    expect(verifyTask(tampered(tasks[0]))).toEqual({ ok: false });
  });

  it('verifies ARC presentations in worker threads as in-process, with the same tag', async () => {
    const task = arcTask();
    const pooled = await verifier.verify(task);
    expect(pooled.ok).toBe(true);
    expect(pooled).toEqual(verifyTask(task));
    expect(await verifier.verify(tampered(task))).toEqual({ ok: false });
    expect(await verifier.verify({ ...task, challenge: arcTask().challenge.slice(0, 10) })).toEqual({ ok: false });
  });

  it("checks an author's Ed25519 signature in worker threads: SIGNATURE_INVALID when it does not sign the write", async () => {
    const secret = ed25519.utils.randomSecretKey();
    const publicKey = ed25519.getPublicKey(secret);
    const fields = ['acme', '', 'Title', 'Body'];
    const signature = signAuthorship(secret, 'create-thread', fields);
    await expect(verifier.authorship(publicKey, signature, 'create-thread', fields)).resolves.toBeUndefined();
    const invalid = new ForumError(ForumErrorCode.SignatureInvalid);
    await expect(
      verifier.authorship(publicKey, signature, 'create-thread', [...fields.slice(0, 3), 'Body!']),
    ).rejects.toEqual(invalid);
    await expect(verifier.authorship(publicKey, signature, 'edit-thread', fields)).rejects.toEqual(invalid);
    await expect(verifier.authorship(publicKey, 'not-a-signature', 'create-thread', fields)).rejects.toEqual(invalid);
  });

  it('verifies in-process with VERIFY_THREADS=0', async () => {
    const inline = new TokenVerifier(loadConfig({ ...env, VERIFY_THREADS: '0' }), workerFile);
    expect(inline.pooled).toBe(false);
    expect(await inline.verify(voprfTask())).toEqual({ ok: true, keyIndex: 1 });
  });
});
