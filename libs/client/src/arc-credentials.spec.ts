import { describe, expect, it } from '@jest/globals';
import {
  ARC_PRESENTATION_LIMIT,
  arcDirectoryEntry,
  ArcCredentialRequestMessage,
  ArcToken,
  arcChallenge,
  base64urlDecode,
  base64urlEncode,
  createArcCredentialRequest,
  deriveServerKeyPair,
  finalizeCredential,
  issueArcCredential,
  issuerKeyId,
  truncatedIssuerKeyId,
  verifyArcToken,
} from '@unlinked/arc';
import { fetchArcCredentials, itemMarkKey, presentArc, reviewMarkKey } from './arc-credentials.js';
import { DEFAULT_TIMING } from './schedule.js';
import { Transport } from './transport.js';
import type { StoredArcCredential } from './storage.js';
import { MemoryStore, recordingTransport, REVIEW, type SentRequest } from './testing.spec-helper.js';
import { WriteFlows } from './write-flows.js';

const THREAD_ID = '3f0c8a52-9a4e-4c1b-8f2e-0d6a1b2c3d4e';
const COMPANY_ID = '0b0c8a52-9a4e-4c1b-8f2e-0d6a1b2c3d4e';
const ISSUER = 'api.test';
const { privateKey, publicKey } = deriveServerKeyPair(new Uint8Array(32).fill(9));

/** A real credential of the test key, stored as the client stores it. */
function credential(period: number): StoredArcCredential {
  const challenge = arcChallenge({ issuerName: ISSUER, companySlug: 'acme', action: null });
  const { message, request, secrets } = createArcCredentialRequest(challenge, publicKey);
  const response = issueArcCredential(message.serialize(), privateKey, publicKey).response;
  return {
    company: 'acme',
    companyId: COMPANY_ID,
    period,
    keyId: base64urlEncode(issuerKeyId(publicKey)),
    publicKey: base64urlEncode(publicKey.serialize()),
    issuerName: ISSUER,
    credential: base64urlEncode(finalizeCredential(secrets, publicKey, request, response).serialize()),
  };
}

/** Verifies a presentation the way the server does and returns its tag (hex). */
function serverTag(token: string, action: 'vote' | 'flag' | 'review', subject: string): string {
  const challenge = arcChallenge({ issuerName: ISSUER, companySlug: 'acme', action, subject });
  const parsed = ArcToken.deserialize(base64urlDecode(token), ARC_PRESENTATION_LIMIT);
  return Buffer.from(verifyArcToken(parsed, challenge, ARC_PRESENTATION_LIMIT, privateKey, publicKey)).toString('hex');
}

function setup(answer: (req: SentRequest) => unknown) {
  const store = new MemoryStore();
  const { transport, sent } = recordingTransport(answer);
  return { store, sent, flows: new WriteFlows({ store, transport }) };
}

const voteOk = () => ({ data: { vote: { targetId: THREAD_ID, score: 1 } } });

describe('ARC presentations built locally by the client core', () => {
  it('presents a credential so that the server verifies it; one tag per context, fresh bytes each time', () => {
    const stored = credential(56);
    const a = presentArc(stored, 'vote', `thread:${THREAD_ID}`);
    const b = presentArc(stored, 'vote', `thread:${THREAD_ID}`);
    expect(a).not.toBe(b);
    expect(serverTag(a, 'vote', `thread:${THREAD_ID}`)).toBe(serverTag(b, 'vote', `thread:${THREAD_ID}`));
    const other = presentArc(stored, 'vote', 'thread:other');
    expect(serverTag(other, 'vote', 'thread:other')).not.toBe(serverTag(a, 'vote', `thread:${THREAD_ID}`));
    expect(() => serverTag(a, 'flag', `thread:${THREAD_ID}`)).toThrow();
  });

  it("votes with the credential of the item's period, records the direction, and sends no session", async () => {
    const { store, sent, flows } = setup(voteOk);
    await store.putArcCredential(credential(56));
    await flows.vote({ company: 'acme', targetType: 'Thread', targetId: THREAD_ID, value: 'Up', period: 56 });
    expect(sent).toHaveLength(1);
    const token = sent[0].body!.variables.token as string;
    expect(serverTag(token, 'vote', `thread:${THREAD_ID}`)).toMatch(/^[0-9a-f]{66}$/);
    expect(sent[0].headers.authorization).toBeUndefined();
    expect(await store.getArcMark(itemMarkKey('vote', 'thread', THREAD_ID))).toMatchObject({ value: 'Up' });
  });

  it('keeps the direction of its own vote when a second one is refused as ALREADY_VOTED', async () => {
    let answer: () => unknown = voteOk;
    const { store, flows } = setup(() => answer());
    await store.putArcCredential(credential(56));
    const vote = (value: 'Up' | 'Down') =>
      flows.vote({ company: 'acme', targetType: 'Thread', targetId: THREAD_ID, value, period: 56 });
    await vote('Up');
    answer = () => ({ errors: [{ message: 'ALREADY_VOTED', extensions: { code: 'ALREADY_VOTED' } }] });
    await expect(vote('Down')).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    expect(await store.getArcMark(itemMarkKey('vote', 'thread', THREAD_ID))).toMatchObject({ value: 'Up' });
  });

  it('fails with NO_CREDENTIAL, sending nothing, without a credential of that period', async () => {
    const { store, sent, flows } = setup(voteOk);
    await store.putArcCredential(credential(56));
    await expect(
      flows.vote({ company: 'acme', targetType: 'Thread', targetId: THREAD_ID, value: 'Up', period: 55 }),
    ).rejects.toMatchObject({ code: 'NO_CREDENTIAL' });
    expect(sent).toHaveLength(0);
    expect(store.marks.size).toBe(0);
  });

  it('records a flag refused as ALREADY_FLAGGED (done before), but nothing for other refusals', async () => {
    let code = 'TOKEN_INVALID';
    const { store, flows } = setup(() => ({ errors: [{ message: code, extensions: { code } }] }));
    await store.putArcCredential(credential(56));
    const flag = () =>
      flows.flag({ company: 'acme', contentType: 'THREAD', contentId: THREAD_ID, reason: 'SPAM', period: 56 });
    await expect(flag()).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await store.getArcMark(itemMarkKey('flag', 'thread', THREAD_ID))).toBeUndefined();
    code = 'ALREADY_FLAGGED';
    await expect(flag()).rejects.toMatchObject({ code: 'ALREADY_FLAGGED' });
    expect(await store.getArcMark(itemMarkKey('flag', 'thread', THREAD_ID))).toMatchObject({ value: undefined });
  });

  it("reviews under the current period's credential in the context review:<company id>", async () => {
    const { store, sent, flows } = setup((req) =>
      /arcPeriods/.test(req.body?.query ?? '')
        ? { data: { arcPeriods: { current: 57, months: 12 } } }
        : { data: { createReview: { id: THREAD_ID, status: 'Pending' } } },
    );
    await store.putArcCredential(credential(56));
    await store.putArcCredential({ ...credential(57), keyId: 'other-key' });
    await flows.createReview('acme', REVIEW);
    const write = sent.find((r) => /createReview/.test(r.body?.query ?? ''))!;
    expect(serverTag(write.body!.variables.token as string, 'review', COMPANY_ID)).toMatch(/^[0-9a-f]{66}$/);
    expect(await store.getArcMark(reviewMarkKey(COMPANY_ID, 57))).toBeDefined();
  });
});

describe('fetchArcCredentials: issuance apart from use (issue 15)', () => {
  const HOUR = 3_600_000;
  const CURRENT = Date.UTC(2026, 0, 1);
  const PREVIOUS = Date.UTC(2025, 0, 1);
  const older = deriveServerKeyPair(new Uint8Array(32).fill(8));
  const keys = [
    { ...older, notBefore: PREVIOUS / 1000 },
    { privateKey, publicKey, notBefore: CURRENT / 1000 },
  ];
  const issuerName = `acme.arc.issuer.${ISSUER}`;

  /** The API as the client meets it: the ARC directory, arcPeriods, and an issuer that answers credential requests. */
  function api() {
    const requests: string[] = [];
    const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
      const url = String(input);
      requests.push(url);
      if (url.endsWith('/arc/issuer-directory')) {
        return Response.json({
          'issuer-request-uri': `https://${issuerName}/credential-request`,
          'token-keys': [...keys].reverse().map((k) => arcDirectoryEntry(k)),
        });
      }
      if (url.endsWith('/arc/credential-request')) {
        const body = new Uint8Array(init.body as Uint8Array);
        const id = ArcCredentialRequestMessage.deserialize(body).truncatedIssuerKeyId;
        const key = keys.find((k) => truncatedIssuerKeyId(k.publicKey) === id)!;
        return new Response(issueArcCredential(body, key.privateKey, key.publicKey).serialize() as BodyInit);
      }
      return Response.json({ data: { arcPeriods: { current: 56, months: 12 } } });
    };
    return { transport: new Transport({ baseUrl: 'https://api.test', fetch }), requests };
  }

  const fetchAt = (store: MemoryStore, at: number, force = false) =>
    fetchArcCredentials({
      session: 's',
      company: { id: COMPANY_ID, slug: 'acme' },
      store,
      transport: api().transport,
      random: () => 0.5,
      now: () => new Date(at),
      force,
    });

  it('at verification: every live key at once, all maturing together after the delay, named by the ARC issuer', async () => {
    const store = new MemoryStore();
    expect(await fetchAt(store, CURRENT + 30 * 24 * HOUR)).toBe(2);
    const matureAt = new Set(store.credentials.map((c) => c.matureAt));
    expect(matureAt.size).toBe(1);
    const { min, max } = DEFAULT_TIMING.maturityMs;
    expect(Date.parse([...matureAt][0]!)).toBe(CURRENT + 30 * 24 * HOUR + (min + max) / 2);
    expect(store.credentials.map((c) => c.issuerName)).toEqual([issuerName, issuerName]);
    // It presents under the conforming challenge (origin_info: the origin's name).
    const token = presentArc(
      store.credentials.find((c) => c.period === 56)!,
      'vote',
      'thread:x',
    );
    const challenge = arcChallenge({ issuerName, companySlug: 'acme', action: 'vote', subject: 'thread:x' });
    expect(challenge.originInfo).toEqual([ISSUER]);
    const parsed = ArcToken.deserialize(base64urlDecode(token), ARC_PRESENTATION_LIMIT);
    expect(verifyArcToken(parsed, challenge, ARC_PRESENTATION_LIMIT, privateKey, publicKey)).toHaveLength(33);
  });

  it("a new period's key comes at the planned moment after the period starts, not at the first start after it", async () => {
    const store = new MemoryStore();
    const held = { ...credential(55), keyId: base64urlEncode(issuerKeyId(older.publicKey)) };
    await store.putArcCredential(held);
    const planned = CURRENT + (DEFAULT_TIMING.refillJitterMs.min + DEFAULT_TIMING.refillJitterMs.max) / 2;
    expect(await fetchAt(store, CURRENT + HOUR)).toBe(0);
    expect([...store.refills.values()]).toEqual([new Date(planned).toISOString()]);
    expect(await fetchAt(store, planned - 1)).toBe(0);
    expect(await fetchAt(store, planned)).toBe(1);
    expect(store.credentials.map((c) => c.period).sort()).toEqual([55, 56]);
  });

  it('the CLI, asked explicitly, fetches at once', async () => {
    const store = new MemoryStore();
    await store.putArcCredential({ ...credential(55), keyId: base64urlEncode(issuerKeyId(older.publicKey)) });
    expect(await fetchAt(store, CURRENT + HOUR, true)).toBe(1);
  });
});
