import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SessionsService } from '@unlinked/identity';
import {
  base64urlEncode,
  BatchedTokenResponse,
  buildAuthorization,
  Client,
  IssuerDirectory,
  issuerDirectoryUrl,
  MEDIA_TYPES,
  parseWWWAuthenticate,
  TokenChallenge,
  TokenResponse,
  type Token,
} from '@unlinked/privacy-pass';
import {
  ARC_MEDIA_TYPES,
  ARC_PRESENTATION_LIMIT,
  arcChallenge,
  ArcCredentialResponseMessage,
  arcPresentationState,
  createArcCredentialRequest,
  createArcToken,
  finalizeCredential,
  parseArcDirectoryKeys,
} from '@unlinked/arc';
import { b64u, CreateReviewDocument, newAuthorKey, reviewFields, sign } from '@unlinked/client';
import { ArcAction, ArcHolder, Author, openCompany, REVIEW, type TestCompany } from '../support/forum-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const CREATE_THREAD = /* GraphQL */ `
  mutation CreateThread($input: CreateThreadInput!) {
    createThread(input: $input) {
      id
    }
  }
`;

interface GqlAnswer {
  data?: { createThread: { id: string } } | null;
  errors?: { extensions?: { code?: string; wwwAuthenticate?: string } }[];
}

/**
 * A fully conforming Privacy Pass client (RFC 9577, RFC 9578, draft-ietf-privacypass-batched-tokens) that is given
 * nothing but the origin's URL. Every name it meets (the origin's, an issuer name from a challenge, the
 * issuer-request-uri from a directory) is resolved to the test server, as DNS would in production (and as browsers do
 * for `*.localhost`): the request goes to 127.0.0.1 with the name in the Host header.
 */
describe('a conforming Privacy Pass client, starting from the origin URL alone', () => {
  let api: TestApi;
  let origin: URL;
  let company: TestCompany;
  let other: TestCompany;
  let session: string;

  /** An HTTP request to `url` as if its host resolved to the test server. */
  function send(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string } = {},
  ): Promise<Answer> {
    const target = new URL(url);
    const server = new URL(api.url);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: server.hostname,
          port: server.port,
          path: `${target.pathname}${target.search}`,
          method: init.method ?? 'GET',
          headers: { ...init.headers, host: target.host },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end(init.body === undefined ? undefined : Buffer.from(init.body));
    });
  }

  function json<T>(answer: Answer): T {
    return JSON.parse(answer.body.toString('utf8')) as T;
  }

  function threadInput(slug: string, title: string) {
    const author = new Author();
    const body = 'A body long enough to be a real post about the company.';
    return {
      companySlug: slug,
      board: null,
      title,
      body,
      authorKey: author.publicKey,
      signature: author.sign('create-thread', [slug, '', title, body]),
    };
  }

  function write(input: ReturnType<typeof threadInput>, headers: Record<string, string> = {}): Promise<Answer> {
    return send(new URL('/graphql', origin).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: CREATE_THREAD, variables: { input } }),
    });
  }

  /** RFC 9577 §2.1: a tokenless write is answered with the challenge, read from WWW-Authenticate alone. */
  async function discover(slug: string) {
    const refused = await write(threadInput(slug, 'Without a token'));
    expect(refused.status).toBe(401);
    const header = refused.headers['www-authenticate'];
    expect(typeof header).toBe('string');
    const [params] = parseWWWAuthenticate(header as string);
    const gql = json<GqlAnswer>(refused);
    expect(gql.errors?.[0]?.extensions).toEqual({ code: 'TOKEN_REQUIRED', wwwAuthenticate: header });
    return { params, challenge: TokenChallenge.deserialize(params.challengeBytes) };
  }

  beforeAll(async () => {
    api = await startTestApi({ BOARD_MIN_VERIFIED: '1' });
    origin = new URL(api.config.publicUrl);
    company = await openCompany(api, 'baidu');
    other = await openCompany(api, 'tencent');
    const [{ id }] = (await api.dataSource.query(
      `INSERT INTO accounts (email_hmac, company_id, verified_on) VALUES ($1, $2, current_date) RETURNING id`,
      [randomBytes(32), company.id],
    )) as { id: string }[];
    ({ token: session } = await api.app.get(SessionsService).create(id));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('discovers the challenge, the issuer directory and the issuer-request-uri, then issues in a batch and redeems', async () => {
    // 1. RFC 9577 §2.1.1: origin_info names this origin, so a conforming client accepts the challenge.
    const { params, challenge } = await discover(company.slug);
    expect(challenge.originInfo).toContain(origin.host);
    expect(challenge.admitsOrigin(origin.host)).toBe(true);
    expect(challenge.redemptionContext).toHaveLength(0);

    // 2. RFC 9578 §4: the directory at the well-known path of the issuer name's host.
    const directoryAnswer = await send(issuerDirectoryUrl(challenge.issuerName, 'http:'));
    expect(directoryAnswer.status).toBe(200);
    expect(directoryAnswer.headers['content-type']).toBe(MEDIA_TYPES.issuerDirectory);
    const directory = IssuerDirectory.deserialize(directoryAnswer.body.toString('utf8'));
    const key = directory.currentKey()!;
    expect(Buffer.from(key.tokenKey)).toEqual(Buffer.from(params.tokenKey!));

    // 3. Batched draft §5.1: the batch goes to the directory's issuer-request-uri.
    const client = new Client();
    const issuerRequestUri = new URL(directory.issuerRequestUri, issuerDirectoryUrl(challenge.issuerName, 'http:'));
    expect(issuerRequestUri.host).toBe(challenge.issuerName);
    const batch = client.createBatchedTokenRequest(params.challengeBytes, key.tokenKey, 3);
    const issued = await send(issuerRequestUri.href, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session}`,
        'content-type': MEDIA_TYPES.batchedTokenRequest,
        accept: MEDIA_TYPES.batchedTokenResponse,
      },
      body: batch.request.serialize(),
    });
    expect(issued.status).toBe(200);
    expect(issued.headers['content-type']).toBe(MEDIA_TYPES.batchedTokenResponse);
    const tokens: Token[] = client.finalizeBatch(
      BatchedTokenResponse.deserialize(new Uint8Array(issued.body)),
      batch.state,
    );
    expect(tokens).toHaveLength(3);

    // ... and a single RFC 9578 §5.1 request to the same URL.
    const single = client.createTokenRequest(params.challengeBytes, key.tokenKey);
    const one = await send(issuerRequestUri.href, {
      method: 'POST',
      headers: { authorization: `Bearer ${session}`, 'content-type': MEDIA_TYPES.tokenRequest },
      body: single.request.serialize(),
    });
    expect(one.status).toBe(200);
    expect(one.headers['content-type']).toBe(MEDIA_TYPES.tokenResponse);
    tokens.push(client.finalize(TokenResponse.deserialize(new Uint8Array(one.body)), single.state));

    // 4. RFC 9577 §2.2: redeem in the Authorization header, without any session.
    for (const [i, token] of tokens.entries()) {
      const paid = await write(threadInput(company.slug, `Paid with a token ${i}`), {
        authorization: buildAuthorization(token),
      });
      expect([paid.status, json<GqlAnswer>(paid).errors]).toEqual([200, undefined]);
      expect(json<GqlAnswer>(paid).data?.createThread.id).toEqual(expect.any(String));
    }
  });

  it("answers another company's board with that board's own challenge, and the token does not pay there", async () => {
    const mine = await discover(company.slug);
    const theirs = await discover(other.slug);
    // One issuer name (and directory) per company and kind; the origin name is the same.
    expect(theirs.challenge.issuerName).not.toBe(mine.challenge.issuerName);
    expect(theirs.challenge.originInfo).toEqual(mine.challenge.originInfo);
    const client = new Client();
    const { request: tokenRequest, state } = client.createTokenRequest(
      mine.params.challengeBytes,
      mine.params.tokenKey!,
    );
    const answer = await send(new URL('/token-request', `http://${mine.challenge.issuerName}`).href, {
      method: 'POST',
      headers: { authorization: `Bearer ${session}`, 'content-type': MEDIA_TYPES.tokenRequest },
      body: tokenRequest.serialize(),
    });
    expect(answer.status).toBe(200);
    const token = client.finalize(TokenResponse.deserialize(new Uint8Array(answer.body)), state);
    const refused = await write(threadInput(other.slug, 'Paid with the wrong board'), {
      authorization: buildAuthorization(token),
    });
    expect(refused.status).toBe(401);
    expect(json<GqlAnswer>(refused).errors?.[0]?.extensions?.code).toBe('TOKEN_INVALID');
    const [again] = parseWWWAuthenticate(refused.headers['www-authenticate'] as string);
    expect(base64urlEncode(again.challengeBytes)).toBe(base64urlEncode(theirs.challenge.serialize()));
  });

  it('serves directories only at issuer names: not at the origin, an unknown kind or an unknown company', async () => {
    const path = '/.well-known/private-token-issuer-directory';
    expect((await send(`http://alibaba.post.issuer.${origin.host}${path}`)).status).toBe(200);
    for (const host of [
      origin.host,
      `issuer.${origin.host}`,
      `baidu.likes.issuer.${origin.host}`,
      // Votes, flags and reviews are paid with ARC credentials: reaction and review issuers are gone.
      `baidu.reaction.issuer.${origin.host}`,
      `baidu.review.issuer.${origin.host}`,
      `post.baidu.issuer.${origin.host}`,
      `no-such-company.post.issuer.${origin.host}`,
    ]) {
      const answer = await send(`http://${host}${path}`);
      expect([host, answer.status]).toEqual([host, 404]);
    }
    // The issuer-request-uri exists only at issuer names too (404 before any session check).
    const atOrigin = await send(new URL('/token-request', origin).href, {
      method: 'POST',
      headers: { 'content-type': MEDIA_TYPES.tokenRequest },
      body: new Uint8Array(52),
    });
    expect(atOrigin.status).toBe(404);
  });

  it('serves the same directory bytes at the issuer name and at the same-origin path the web app uses', async () => {
    const { challenge } = await discover(company.slug);
    const atIssuer = await send(issuerDirectoryUrl(challenge.issuerName, 'http:'));
    const atPath = await send(new URL(`/privacy-pass/${company.slug}/post/issuer-directory`, origin).href);
    expect(atPath.body.toString('utf8')).toBe(atIssuer.body.toString('utf8'));
  });

  it('answers 415 for another media type at the issuer-request-uri, on both hosts, and issues nothing', async () => {
    const { challenge } = await discover(company.slug);
    const issued = async () =>
      (
        (await api.dataSource.query(`SELECT coalesce(sum(issued), 0)::int AS n FROM issuance_counts`)) as {
          n: number;
        }[]
      )[0].n;
    const before = await issued();
    for (const url of [
      `http://${challenge.issuerName}/token-request`,
      new URL(`/privacy-pass/${company.slug}/post/token-request`, origin).href,
    ]) {
      for (const type of ['application/octet-stream', MEDIA_TYPES.tokenResponse]) {
        const answer = await send(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${session}`, 'content-type': type },
          body: new Uint8Array(52),
        });
        expect([url, type, answer.status]).toEqual([url, type, 415]);
        expect(json<{ code: string }>(answer).code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
    }
    expect(await issued()).toBe(before);
  });

  /** Writes a review of `company` paid with the ARC token `token` (base64url); returns the GraphQL answer. */
  async function review(token: string) {
    const key = newAuthorKey();
    const fields = { ...REVIEW, pros: `Honest colleagues and clear goals ${randomBytes(4).toString('hex')}.` };
    return api.gql<{ createReview: { id: string } }>(CreateReviewDocument.toString(), {
      token,
      input: {
        companySlug: company.slug,
        ...fields,
        authorKey: b64u(key.publicKey),
        signature: sign(key.secretKey, 'create-review', [company.slug, ...reviewFields(fields)]),
      },
    });
  }

  it('finds the ARC issuer the same way: its own name, the directory and issuer-request-uri there, origin_info the origin', async () => {
    const issuerName = `${company.slug}.arc.issuer.${origin.host}`;
    const atIssuer = await send(issuerDirectoryUrl(issuerName, 'http:'));
    expect(atIssuer.status).toBe(200);
    expect(atIssuer.headers['content-type']).toBe(MEDIA_TYPES.issuerDirectory);
    const atPath = await send(new URL(`/privacy-pass/${company.slug}/arc/issuer-directory`, origin).href);
    expect(atPath.body.toString('utf8')).toBe(atIssuer.body.toString('utf8'));
    const directory = parseArcDirectoryKeys(atIssuer.body.toString('utf8'));
    expect(new URL(directory.issuerRequestUri).host).toBe(issuerName);

    // The challenge a client builds from the issuer name: RFC 9577 §2.1.1, origin_info is this origin.
    const challenge = arcChallenge({ issuerName, companySlug: company.slug, action: null });
    expect(challenge.originInfo).toEqual([origin.host]);
    const publicKey = directory.keys[0].publicKey;
    const { message, request: credentialRequest, secrets } = createArcCredentialRequest(challenge, publicKey);
    const issued = await send(directory.issuerRequestUri, {
      method: 'POST',
      headers: { authorization: `Bearer ${session}`, 'content-type': ARC_MEDIA_TYPES.credentialRequest },
      body: message.serialize(),
    });
    expect([issued.status, issued.headers['content-type']]).toEqual([200, ARC_MEDIA_TYPES.credentialResponse]);
    const credential = finalizeCredential(
      secrets,
      publicKey,
      credentialRequest,
      ArcCredentialResponseMessage.deserialize(new Uint8Array(issued.body)).response,
    );
    // Presented in the review context of the same shape, it pays for a review.
    const context = arcChallenge({ issuerName, companySlug: company.slug, action: 'review', subject: company.id });
    const state = arcPresentationState(credential, context, publicKey, ARC_PRESENTATION_LIMIT);
    const paid = await review(base64urlEncode(createArcToken(state, context.serialize(), publicKey).serialize()));
    expect(paid.errors).toBeUndefined();
    expect(paid.data?.createReview.id).toEqual(expect.any(String));

    // Only at the ARC issuer's name: the VOPRF issuer's host and the origin have no credential-request.
    for (const host of [`${company.slug}.post.issuer.${origin.host}`, origin.host]) {
      const answer = await send(`http://${host}/credential-request`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session}`, 'content-type': ARC_MEDIA_TYPES.credentialRequest },
        body: message.serialize(),
      });
      expect([host, answer.status]).toEqual([host, 404]);
    }
    expect((await send(`http://${issuerName}/token-request`, { method: 'POST' })).status).toBe(404);
  });

  it('still takes a credential issued under the old challenge shape, under that shape only, once per context', async () => {
    const legacy = new ArcHolder(api, company, undefined, true);
    expect(legacy.challenge(null).originInfo).toEqual([`arc.${company.slug}.${origin.host}`]);
    // Bound to the old request context: under the conforming challenge it does not verify.
    const mixed = await review(base64urlEncode(legacy.token(ArcAction.Review, company.id, false).serialize()));
    expect(mixed.errors?.[0]?.extensions?.code).toBe('TOKEN_INVALID');
    const paid = await review(legacy.review());
    expect(paid.errors).toBeUndefined();
    const again = await review(legacy.review());
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_REVIEWED');
  });
});
