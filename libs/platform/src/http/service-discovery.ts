import type { AppConfig } from '@unlinked/config';
import type { FastifyInstance } from 'fastify';

/**
 * Where a client finds the identity service from the forum's address alone (issue 15, RFC 9576 split): a small
 * public JSON document, the same bytes for everyone.
 */
export const DISCOVERY_PATH = '/.well-known/unlinked';

/** The discovery document: `identity` is the identity service's public base URL, or null for this same origin. */
export interface DiscoveryDocument {
  identity: string | null;
}

/** The identity service's origin when it is not the forum's own (IDENTITY_PUBLIC_URL names another origin). */
export function separateIdentityOrigin(config: Pick<AppConfig, 'identityPublicUrl' | 'publicUrl'>): string | null {
  if (config.identityPublicUrl === null) return null;
  const identity = new URL(config.identityPublicUrl).origin;
  return identity === new URL(config.publicUrl).origin ? null : identity;
}

/** Serves DISCOVERY_PATH (every role: one address answers the same wherever the proxy sends it). */
export function registerServiceDiscovery(fastify: FastifyInstance, config: AppConfig): void {
  const body: DiscoveryDocument = { identity: separateIdentityOrigin(config) ? config.identityPublicUrl : null };
  fastify.get(DISCOVERY_PATH, (_req, reply) =>
    reply.header('cache-control', 'public, max-age=300').type('application/json').send(JSON.stringify(body)),
  );
}

/** The paths a browser on the forum's origin calls on the identity service: GraphQL and the Privacy Pass issuer. */
const CROSS_ORIGIN_PATHS = /^\/(graphql|privacy-pass)(\/|\?|$)/;

/**
 * CORS options of an identity service on its own origin: the forum's origin (PUBLIC_URL) may call GraphQL and the
 * issuer with a bearer session (Authorization) and a JSON or Privacy Pass body; no other origin, no other path, and
 * no cookies (the client sends none: `credentials: 'omit'`, so no Access-Control-Allow-Credentials). Null when the
 * identity side does not run here or shares the forum's origin.
 */
export function identityCorsOrigin(config: AppConfig): string | null {
  if (config.role === 'forum' || separateIdentityOrigin(config) === null) return null;
  return new URL(config.publicUrl).origin;
}

export function identityCorsDelegate(forumOrigin: string) {
  return (req: { url?: string }, cb: (error: Error | null, options: Record<string, unknown>) => void): void =>
    cb(
      null,
      CROSS_ORIGIN_PATHS.test(req.url ?? '')
        ? {
            origin: forumOrigin,
            methods: ['GET', 'POST'],
            allowedHeaders: ['content-type', 'authorization', 'idempotency-key'],
            maxAge: 600,
          }
        : { origin: false },
    );
}

/**
 * The web app documents' Content-Security-Policy (the page holds the session, the posting credits and the
 * per-thread author keys in IndexedDB): no inline script or style element, nothing from another origin except the
 * identity service's, which the page may only connect to; no framing, no plugins, no <base> rewriting. React's style
 * props go through the CSSOM, which CSP allows.
 */
export function webAppCsp(config: Pick<AppConfig, 'identityPublicUrl' | 'publicUrl'>): string {
  const identity = separateIdentityOrigin(config);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    identity ? `connect-src 'self' ${identity}` : "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
