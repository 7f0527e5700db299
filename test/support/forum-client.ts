import { ed25519 } from '@noble/curves/ed25519.js';
import { base64urlEncode, Client, Issuer } from '@unlinked/privacy-pass';
import {
  ARC_PRESENTATION_LIMIT,
  arcItemSubject,
  arcPresentationState,
  createArcCredentialRequest,
  createArcToken,
  finalizeCredential,
  issueArcCredential,
  type ArcItemType,
  type ArcToken,
  type Credential,
} from '@unlinked/arc';
import { ArcAction, ArcKeysService, IssuerKeysService, TokenKind, type ArcKey } from '@unlinked/platform';
import { signAuthorship, type SignedField, type SignedOperation } from '@unlinked/forum';
import { reviewFields, type ReviewDraft } from '@unlinked/client';
import type { TestApi } from './test-app.js';
import { until } from './until.js';
export { until as waitFor } from './until.js';

export { ArcAction, TokenKind };

export interface TestCompany {
  id: string;
  slug: string;
}

/**
 * A seeded company with its board opened: `verified` accounts exist for it, as
 * if that many employees had verified, so the identity side's recount agrees.
 */
export async function openCompany(api: TestApi, slug: string, verified = 100): Promise<TestCompany> {
  const [company] = (await api.dataSource.query(`SELECT id, slug FROM companies WHERE slug = $1`, [
    slug,
  ])) as TestCompany[];
  await api.dataSource.query(
    `INSERT INTO accounts (email_hmac, company_id, verified_on)
     SELECT sha256(gen_random_uuid()::text::bytea), $1, current_date FROM generate_series(1, $2)`,
    [company.id, verified],
  );
  await api.dataSource.query(`UPDATE companies SET verified_members = verified_members + $2 WHERE id = $1`, [
    company.id,
    verified,
  ]);
  return company;
}

/** Mints a token the way an account's client would: blind, issuer evaluates, finalize (RFC 9578 §5). */
export function mintToken(api: TestApi, company: TestCompany, kind: TokenKind): string {
  const keys = api.app.get(IssuerKeysService);
  const key = keys.currentKey(company.id, kind);
  const client = new Client();
  const { request, state } = client.createTokenRequest(keys.challengeFor(company.slug, kind), key.publicKey);
  const token = client.finalize(new Issuer(key).evaluate(request), state);
  return base64urlEncode(token.serialize());
}

/**
 * Mints `count` tokens the way a client fetches them in bulk: batched requests of up to 100 under one key, each
 * answered with one batch proof (draft-ietf-privacypass-batched-tokens §5), cheaper than one issuance per token.
 */
export function mintTokens(api: TestApi, company: TestCompany, kind: TokenKind, count: number): string[] {
  const keys = api.app.get(IssuerKeysService);
  const key = keys.currentKey(company.id, kind);
  const client = new Client();
  const tokens: string[] = [];
  for (let left = count; left > 0; left -= 100) {
    const { request, state } = client.createBatchedTokenRequest(
      keys.challengeFor(company.slug, kind),
      key.publicKey,
      Math.min(left, 100),
    );
    const batch = client.finalizeBatch(new Issuer(key).evaluateBatch(request), state);
    tokens.push(...batch.map((token) => base64urlEncode(token.serialize())));
  }
  return tokens;
}

/** A per-thread author key pair, as the client makes it. */
export class Author {
  readonly secretKey = ed25519.utils.randomSecretKey();
  readonly publicKey = Buffer.from(ed25519.getPublicKey(this.secretKey)).toString('base64url');

  sign(operation: SignedOperation, fields: readonly SignedField[]): string {
    return signAuthorship(this.secretKey, operation, fields);
  }
}

/** The variables of a createThread on a company board as a client sends them: fresh author key, fresh token. */
export function threadVariables(api: TestApi, company: TestCompany, title: string, body: string) {
  const author = new Author();
  return {
    input: {
      companySlug: company.slug,
      board: null,
      title,
      body,
      authorKey: author.publicKey,
      signature: author.sign('create-thread', [company.slug, '', title, body]),
    },
    token: mintToken(api, company, TokenKind.Post),
  };
}

/** Posts a thread on a company board the way a client would (fresh author key, fresh token); returns its id. */
export async function postThread(api: TestApi, company: TestCompany, title: string, body: string): Promise<string> {
  const res = await api.gql<{ createThread: { id: string } }>(
    /* GraphQL */ `
      mutation CreateThread($input: CreateThreadInput!, $token: String) {
        createThread(input: $input, token: $token) {
          id
        }
      }
    `,
    threadVariables(api, company, title, body),
  );
  if (res.errors) throw new Error(`createThread refused: ${JSON.stringify(res.errors)}`);
  return res.data!.createThread.id;
}

/** Posts a reply the way a client would (fresh author key, fresh token of the thread's company); returns its id. */
export async function postReply(api: TestApi, company: TestCompany, threadId: string, body: string): Promise<string> {
  const author = new Author();
  const res = await api.gql<{ createReply: { id: string } }>(
    /* GraphQL */ `
      mutation CreateReply($input: CreateReplyInput!, $token: String) {
        createReply(input: $input, token: $token) {
          id
        }
      }
    `,
    {
      input: {
        companySlug: company.slug,
        threadId,
        quotedReplyId: null,
        body,
        authorKey: author.publicKey,
        signature: author.sign('create-reply', [threadId, '', body]),
      },
      token: mintToken(api, company, TokenKind.Post),
    },
  );
  if (res.errors) throw new Error(`createReply refused: ${JSON.stringify(res.errors)}`);
  return res.data!.createReply.id;
}

/** Writes a review of the holder's company the way a client would (fresh author key, ARC presentation); its id. */
export async function postReview(api: TestApi, holder: ArcHolder, review: ReviewDraft = REVIEW): Promise<string> {
  const author = new Author();
  const slug = holder.company.slug;
  const res = await api.gql<{ createReview: { id: string } }>(
    /* GraphQL */ `
      mutation CreateReview($input: CreateReviewInput!, $token: String) {
        createReview(input: $input, token: $token) {
          id
        }
      }
    `,
    {
      input: {
        companySlug: slug,
        ...review,
        authorKey: author.publicKey,
        signature: author.sign('create-review', [slug, ...reviewFields(review)]),
      },
      token: holder.review(),
    },
  );
  if (res.errors) throw new Error(`createReview refused: ${JSON.stringify(res.errors)}`);
  return res.data!.createReview.id;
}

/** Waits (bounded) until the publication worker has published `id`. */
export async function published(api: TestApi, id: string): Promise<void> {
  await until(
    async () =>
      (await api.gql<{ contentStatus: string }>(`query S($id: ID!) { contentStatus(id: $id) }`, { id })).data
        ?.contentStatus === 'Published',
    undefined,
    `content ${id} to be published`,
  );
}

/** Polls until `check` returns true or the bound runs out (waiting for a job, not a race). */

/**
 * One person's ARC credential for a company and period, obtained the way a
 * client does (request, issuer response, finalize; the HTTP issuance path has
 * its own suite), and presentations built locally as a client builds them.
 */
export class ArcHolder {
  readonly credential: Credential;
  readonly key: ArcKey;

  constructor(
    private readonly api: Pick<TestApi, 'app'>,
    readonly company: TestCompany,
    period = api.app.get(ArcKeysService).periodAt(),
    /** A credential bound to the challenge shape of before issue 15 (issuer_name = origin name). */
    readonly legacy = false,
  ) {
    const keys = api.app.get(ArcKeysService);
    this.key = keys.keyFor(company.id, period);
    const challenge = this.challenge(null);
    const { message, request, secrets } = createArcCredentialRequest(challenge, this.key.publicKey);
    const response = issueArcCredential(message.serialize(), this.key.privateKey, this.key.publicKey);
    this.credential = finalizeCredential(secrets, this.key.publicKey, request, response.response);
  }

  /** A fresh presentation (new randomness, same tag per context) as base64url, for the `token` argument. */
  present(action: ArcAction, subject: string): string {
    return base64urlEncode(this.token(action, subject).serialize());
  }

  /** The company's ARC challenge in this holder's shape (current, or legacy). */
  challenge(action: ArcAction | null, subject = '', legacy = this.legacy) {
    const keys = this.api.app.get(ArcKeysService);
    return legacy
      ? keys.legacyChallengeFor(this.company.slug, action, subject)
      : keys.challengeFor(this.company.slug, action, subject);
  }

  token(action: ArcAction, subject: string, legacy = this.legacy): ArcToken {
    const challenge = this.challenge(action, subject, legacy);
    const state = arcPresentationState(this.credential, challenge, this.key.publicKey, ARC_PRESENTATION_LIMIT);
    return createArcToken(state, challenge.serialize(), this.key.publicKey);
  }

  vote(type: ArcItemType, id: string): string {
    return this.present(ArcAction.Vote, arcItemSubject(type, id));
  }

  flag(type: ArcItemType, id: string): string {
    return this.present(ArcAction.Flag, arcItemSubject(type, id));
  }

  review(): string {
    return this.present(ArcAction.Review, this.company.id);
  }

  salary(): string {
    return this.present(ArcAction.Salary, this.company.id);
  }

  /** An interview review of `target` (any company), paid with this holder's own company's credential. */
  interview(target: TestCompany): string {
    return this.present(ArcAction.Interview, target.id);
  }
}

/** A complete review (every rating and choice), as the clients send it. */
export const REVIEW: ReviewDraft = {
  overall: 4,
  culture: 4,
  workLife: 3,
  seniorManagement: 3,
  compensation: 4,
  career: 3,
  diversity: 4,
  ceoApproval: 'Approve',
  recommend: true,
  outlook: 'Positive',
  employment: 'Current',
  jobTitle: 'Software Engineer',
  location: null,
  tenure: null,
  pros: 'Thoughtful colleagues and real ownership.',
  cons: 'Too many meetings on Mondays.',
  advice: null,
};
