import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

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
 * (webAppCsp, service-discovery.ts), not here, so the GraphQL sandbox page keeps working in development.
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
