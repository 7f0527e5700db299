import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The page holds the session, the posting credits and the per-thread author keys (IndexedDB): a strict
 * Content-Security-Policy for the web app's documents. No inline script or style element, nothing from another
 * origin, no framing, no plugins, no <base> rewriting. React's style props go through the CSSOM, which CSP allows.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Powerful features the app never uses, switched off for it and anything it could embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'interest-cohort=()',
  'browsing-topics=()',
].join(', ');

/**
 * Security headers on every response (@fastify/helmet): nosniff, frame protection (DENY), no referrer,
 * cross-origin isolation of resources, HSTS (honoured by browsers over HTTPS only; the TLS proxy in front of a
 * deployment should send it too), and Permissions-Policy. The CSP is set on the web app's documents
 * (WEB_APP_CSP), not here, so the GraphQL sandbox page keeps working in development.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  await fastify.register(helmet, {
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onSend', async (_req, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });
}
