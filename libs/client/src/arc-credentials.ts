/**
 * ARC credentials (issue 11), the same for the web app and the CLI: after
 * verification, and whenever the directory shows a period key this client
 * has no credential for, get one credential per live period key of the
 * account's company and keep it in the injected store; then build every
 * presentation locally (libs/arc), for any item, with no per-item request.
 *
 * Contexts (libs/arc unlinked.ts): a vote on an item is presented under the
 * credential of the item's `arcPeriod` (one vote per person per item, for
 * ever), a flag likewise, a review under the current period's credential
 * (one review per company per period). The server refuses a second one with
 * ALREADY_VOTED / ALREADY_FLAGGED / ALREADY_REVIEWED.
 *
 * Marks: what this client voted, flagged or reviewed is remembered in its own
 * store (never asked of the server, which cannot know), so the UI shows it
 * after a reload.
 */
import {
  ARC_MEDIA_TYPES,
  ARC_PRESENTATION_LIMIT,
  ArcCredentialRequestMessage,
  ArcCredentialResponseMessage,
  Credential,
  ServerPublicKey,
  arcChallenge,
  arcItemSubject,
  arcPeriodOfNotBefore,
  arcPresentationState,
  base64urlDecode,
  base64urlEncode,
  createArcCredentialRequest,
  createArcToken,
  finalizeCredential,
  issuerKeyId,
  parseArcDirectoryKeys,
  type ArcAction,
  type ArcItemType,
} from '@unlinked/arc';
import { ApiError } from './errors.js';
import { ArcPeriodsDocument } from './operations/generated.js';
import { isMature, maturityAt, refillAt, type Random, type TimingPolicy } from './schedule.js';
import { finishKept, idempotencyKey } from './pending-issuance.js';
import type { ArcMark, ArcStore, PendingArcRequest, StoredArcCredential, WalletStore } from './storage.js';
import { transport, type Transport } from './transport.js';
import { notMature } from './wallet.js';

/** The company an account belongs to, as the session's account names it. */
export interface ArcCompany {
  id: string;
  slug: string;
}

export async function arcPeriods(http: Transport = transport()): Promise<{ current: number; months: number }> {
  return (await http.public(ArcPeriodsDocument, {})).arcPeriods;
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { code?: string; message?: string };
    return new ApiError(body.code ?? 'SERVER_ERROR', body.message ?? `HTTP ${res.status}`);
  } catch {
    return new ApiError('SERVER_ERROR', `HTTP ${res.status}`);
  }
}

/**
 * Gets the credentials this client lacks for the company's live period keys
 * (the public directory, fetched with no credentials: the same bytes for
 * everyone, privacy rule 8). A key the account already got a credential for
 * elsewhere (CREDENTIAL_ALREADY_ISSUED) is skipped: one per account and key.
 * Credentials of one call mature together at one random moment (schedule.ts): a vote right after issuance would
 * date itself to it. A wallet that holds credentials already (so not at verification) gets a new period's key at
 * a random moment of the refill window after that period starts (planned once, kept in the store), unless `force`
 * (the CLI's explicit fetch). Returns how many were added.
 */
export async function fetchArcCredentials(opts: {
  session: string;
  company: ArcCompany;
  store: ArcStore &
    Pick<
      WalletStore,
      'getNextRefill' | 'putNextRefill' | 'putPendingRequest' | 'listPendingRequests' | 'removePendingRequest'
    >;
  transport?: Transport;
  timing?: TimingPolicy;
  random?: Random;
  now?: () => Date;
  force?: boolean;
}): Promise<number> {
  const http = opts.transport ?? transport();
  const now = opts.now?.() ?? new Date();
  const matureAt = maturityAt(now, opts.timing, opts.random).toISOString();
  // Requests a stopped fetch left behind first (issue 13): each sent again with its Idempotency-Key, charged once.
  const kept = (await opts.store.listPendingRequests()).filter(
    (p): p is PendingArcRequest => 'arc' in p && p.company === opts.company.slug,
  );
  let added = await finishKept(kept, opts.store, (pending) =>
    sendArcRequest(http, opts.session, { ...pending, matureAt: later(matureAt, pending.matureAt) }, opts.store),
  );
  const slug = encodeURIComponent(opts.company.slug);
  const res = await http.issuer(`/privacy-pass/${slug}/arc/issuer-directory`, { referrerPolicy: 'no-referrer' });
  if (!res.ok) throw await errorOf(res);
  const directory = parseArcDirectoryKeys(await res.text());
  const issuerName = new URL(directory.issuerRequestUri).host;
  const { months } = await arcPeriods(http);
  const held = await opts.store.listArcCredentials(opts.company.slug);
  for (const key of directory.keys) {
    const keyId = base64urlEncode(issuerKeyId(key.publicKey));
    if (key.notBefore === undefined || held.some((c) => c.keyId === keyId)) continue;
    if (held.length > 0 && !opts.force && !(await periodKeyDue(opts, key.notBefore, now))) continue;
    const challenge = arcChallenge({ issuerName, companySlug: opts.company.slug, action: null });
    const { message, secrets } = createArcCredentialRequest(challenge, key.publicKey);
    // Kept before it is sent: a stop from here on costs nothing, the next fetch finishes it.
    const pending: PendingArcRequest = {
      id: idempotencyKey(),
      arc: true,
      company: opts.company.slug,
      companyId: opts.company.id,
      period: arcPeriodOfNotBefore(key.notBefore, months),
      keyId,
      publicKey: base64urlEncode(key.publicKey.serialize()),
      issuerName,
      matureAt,
      request: base64urlEncode(message.serialize()),
      secrets: { m1: hex(secrets.m1), m2: hex(secrets.m2), r1: hex(secrets.r1), r2: hex(secrets.r2) },
    };
    await opts.store.putPendingRequest(pending);
    added += await sendArcRequest(http, opts.session, pending, opts.store);
  }
  return added;
}

const hex = (n: bigint): string => n.toString(16);

/** The later of two ISO times. */
const later = (a: string, b: string): string => (a > b ? a : b);

/**
 * Sends a kept credential request (again: the same bytes and Idempotency-Key), verifies the issuer's proof, keeps the
 * credential and forgets the request. Returns 1, or 0 when the account had its credential for this key already
 * (another device): nothing to add.
 */
async function sendArcRequest(
  http: Transport,
  session: string,
  pending: PendingArcRequest,
  store: ArcStore & Pick<WalletStore, 'removePendingRequest'>,
): Promise<number> {
  let message: ArcCredentialRequestMessage;
  let publicKey: ServerPublicKey;
  try {
    message = ArcCredentialRequestMessage.deserialize(base64urlDecode(pending.request, 'request'));
    publicKey = ServerPublicKey.deserialize(base64urlDecode(pending.publicKey, 'publicKey'));
  } catch {
    throw new ApiError('MALFORMED_TOKEN_REQUEST', 'a kept credential request is damaged');
  }
  const issued = await http.issuer(`/privacy-pass/${encodeURIComponent(pending.company)}/arc/credential-request`, {
    method: 'POST',
    headers: {
      'content-type': ARC_MEDIA_TYPES.credentialRequest,
      authorization: `Bearer ${session}`,
      'idempotency-key': pending.id,
    },
    body: message.serialize() as BodyInit,
  });
  if (issued.status === 429) {
    // Already issued to this account (another device): nothing to add.
    await store.removePendingRequest(pending.id);
    return 0;
  }
  if (!issued.ok) throw await errorOf(issued);
  let credential: Credential;
  try {
    const response = ArcCredentialResponseMessage.deserialize(new Uint8Array(await issued.arrayBuffer())).response;
    const { m1, m2, r1, r2 } = pending.secrets;
    const secrets = { m1: BigInt(`0x${m1}`), m2: BigInt(`0x${m2}`), r1: BigInt(`0x${r1}`), r2: BigInt(`0x${r2}`) };
    credential = finalizeCredential(secrets, publicKey, message.request, response);
  } catch {
    throw new ApiError('PROOF_INVALID', 'the credential proof did not verify');
  }
  const { id: _id, arc: _arc, request: _request, secrets: _secrets, ...fields } = pending;
  // Replaces any credential of the same key (a repeat after a stop between these two steps keeps one).
  await store.putArcCredential({ ...fields, credential: base64urlEncode(credential.serialize()) });
  await store.removePendingRequest(pending.id);
  return 1;
}

/** Whether a new period's key is due: its planned moment (drawn once after the period's start) has come. */
async function periodKeyDue(
  opts: Parameters<typeof fetchArcCredentials>[0],
  notBefore: number,
  now: Date,
): Promise<boolean> {
  const plan = `${opts.company.slug}#arc@${notBefore}`;
  let at = await opts.store.getNextRefill(plan);
  if (at === undefined) {
    at = refillAt(new Date(notBefore * 1000), opts.timing, opts.random).toISOString();
    await opts.store.putNextRefill(plan, at);
  }
  return Date.parse(at) <= now.getTime();
}

/** The key of an ARC mark: the presentation context, "<action>:<subject>". */
export function arcMarkKey(action: ArcAction, subject: string): string {
  return `${action}:${subject}`;
}

/** What this client did on an item (vote direction, flag), kept locally. */
export function itemMarkKey(action: 'vote' | 'flag', type: ArcItemType, id: string): string {
  return arcMarkKey(action, arcItemSubject(type, id));
}

/** A review mark is per company and period. */
export function reviewMarkKey(companyId: string, period: number): string {
  return `${arcMarkKey('review', companyId)}@${period}`;
}

/** So is a salary report's. */
export function salaryMarkKey(companyId: string, period: number): string {
  return `${arcMarkKey('salary', companyId)}@${period}`;
}

/** An interview mark is per company interviewed at and period. */
export function interviewMarkKey(companyId: string, period: number): string {
  return `${arcMarkKey('interview', companyId)}@${period}`;
}

/**
 * Pays a write with a fresh presentation of the credential of (company,
 * period) in the context (action, subject), then records the mark. A write the
 * server refused as already done also records the mark (the tag was spent
 * before, on this or another device of the same credential).
 */
export async function withArc<T>(
  store: ArcStore,
  p: { company: string; period: number; action: ArcAction; subject: string; mark: string; value?: string },
  write: (token: string) => Promise<T>,
  now: Date = new Date(),
): Promise<T> {
  const stored = (await store.listArcCredentials(p.company)).find((c) => c.period === p.period);
  if (!stored) throw new ApiError('NO_CREDENTIAL', `no credential of period ${p.period}`);
  if (!isMature(stored, now)) throw notMature([stored]);
  const token = presentArc(stored, p.action, p.subject);
  const mark = (value: string | undefined): ArcMark => ({ key: p.mark, value, at: new Date().toISOString() });
  try {
    const result = await write(token);
    await store.putArcMark(mark(p.value));
    return result;
  } catch (e) {
    // Keep a mark this client made (with its vote's direction); record one made elsewhere as done.
    if (e instanceof ApiError && ALREADY.has(e.code) && !(await store.getArcMark(p.mark))) {
      await store.putArcMark(mark(undefined));
    }
    throw e;
  }
}

const ALREADY = new Set([
  'ALREADY_VOTED',
  'ALREADY_FLAGGED',
  'ALREADY_REVIEWED',
  'ALREADY_REPORTED_SALARY',
  'ALREADY_INTERVIEW_REVIEWED',
]);

/** One presentation (base64url Token, type 0xE5AC) of a stored credential in one context. */
export function presentArc(stored: StoredArcCredential, action: ArcAction, subject: string): string {
  const publicKey = ServerPublicKey.deserialize(base64urlDecode(stored.publicKey));
  const credential = Credential.deserialize(base64urlDecode(stored.credential));
  const challenge = arcChallenge({ issuerName: stored.issuerName, companySlug: stored.company, action, subject });
  const state = arcPresentationState(credential, challenge, publicKey, ARC_PRESENTATION_LIMIT);
  return base64urlEncode(createArcToken(state, challenge.serialize(), publicKey).serialize());
}
