/**
 * A small typed GraphQL client over fetch.
 *
 * Two request paths that never mix (privacy.md rule 4):
 * - `identityRequest` may carry the session bearer token (verification, issuance, quota).
 * - `anonymousRequest` never carries a session: no Authorization header, no cookie
 *   (`credentials: 'omit'`), no referrer, and it waits a small random delay first so
 *   the moment of sending does not line up with other activity of the same browser.
 */
import { ApiError } from './errors.js';

export interface GqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface RequestOptions {
  /** Bearer session token (identity side only). */
  session?: string | null;
  /** Extra headers (e.g. `Authorization: PrivateToken token=...` on anonymous writes). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

let base = '';
/** Lets the CLI point the client at an API elsewhere ('' = same origin). */
export function setApiBase(url: string): void {
  base = url.replace(/\/$/, '');
}
export function apiUrl(path: string): string {
  return `${base}${path}`;
}

/** Bounds of the random delay before an anonymous write, in milliseconds. */
export const anonymousDelay = { min: 150, max: 900 };

function randomDelayMs(): number {
  const r = new Uint32Array(1);
  crypto.getRandomValues(r);
  return anonymousDelay.min + (r[0] % Math.max(1, anonymousDelay.max - anonymousDelay.min + 1));
}

async function send<T>(query: string, variables: Record<string, unknown>, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl('/graphql'), {
      method: 'POST',
      body: JSON.stringify({ query, variables }),
      cache: 'no-store',
      ...init,
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', 'network error');
  }
  let body: GqlResponse<T>;
  try {
    body = (await res.json()) as GqlResponse<T>;
  } catch {
    throw new ApiError(res.status === 429 ? 'RATE_LIMITED' : 'SERVER_ERROR', `HTTP ${res.status}`);
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new ApiError(e.extensions?.code ?? 'SERVER_ERROR', e.message);
  }
  if (!body.data) throw new ApiError('SERVER_ERROR', `HTTP ${res.status}`);
  return body.data;
}

/** Reads and identity-side operations. Sends the session only when given one. */
export function identityRequest<T>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...opts.headers,
  };
  if (opts.session) headers.authorization = `Bearer ${opts.session}`;
  return send<T>(query, variables, {
    headers,
    credentials: 'omit',
    signal: opts.signal,
  });
}

/** Public reads: nothing that identifies the browser. */
export function publicRequest<T>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: RequestOptions = {},
): Promise<T> {
  return send<T>(query, variables, {
    headers: { 'content-type': 'application/json', ...opts.headers },
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    signal: opts.signal,
  });
}

/** Anonymous writes: never a session, never a cookie, after a random delay. */
export async function anonymousRequest<T>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: Omit<RequestOptions, 'session'> = {},
): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
  };
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    // Only a PrivateToken credential may ride on an anonymous write.
    if (k.toLowerCase() === 'authorization' && !/^PrivateToken\s/i.test(v)) continue;
    if (k.toLowerCase() === 'cookie') continue;
    headers[k] = v;
  }
  await new Promise((r) => setTimeout(r, randomDelayMs()));
  return send<T>(query, variables, {
    headers,
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    signal: opts.signal,
  });
}
