import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { originNameOf, parseIssuerHost, webAppCsp } from '@unlinked/platform';
import type { FastifyInstance } from 'fastify';

/**
 * Paths the SPA fallback never answers: the server's own route prefixes (GraphQL, health, metrics, the Privacy
 * Pass issuer under /privacy-pass and /.well-known, Bull Board under /admin, hashed assets) keep their own 404s,
 * so an unknown protocol URL never gets index.html with a 200.
 */
export const NOT_SPA = /^\/(graphql|health|ready|metrics|\.well-known|privacy-pass|admin|assets)(\/|$|\?)/;

/**
 * Serves the built web app (apps/web/dist) at `/`: hashed assets from
 * @fastify/static (registered per file, no wildcard), and index.html for any
 * other GET that is not an API route, so client-side routes load on refresh.
 */
@Module({})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger(WebModule.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const dir = this.config.webDistDir;
    if (!dir || !existsSync(join(dir, 'index.html'))) {
      this.logger.log('web app not built; not serving it');
      return;
    }
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const index = readFileSync(join(dir, 'index.html'));
    const csp = webAppCsp(this.config);
    await fastify.register(fastifyStatic, {
      root: dir,
      wildcard: false,
      index: false,
      // Hashed file names: cache assets for long, never index.html.
      setHeaders: (res, path) => {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    const sendIndex = (reply: {
      header: (k: string, v: string) => unknown;
      type: (t: string) => { send: (b: Buffer) => unknown };
    }) => {
      reply.header('cache-control', 'no-cache');
      reply.header('content-security-policy', csp);
      return reply.type('text/html; charset=utf-8').send(index);
    };
    // An issuer name's host (acme.post.issuer.<origin>) serves the issuer only, never the app.
    const originName = originNameOf(this.config.publicUrl);
    const notSpa = (req: { url: string; host: string }) =>
      NOT_SPA.test(req.url) || parseIssuerHost(req.host, originName) !== null;
    fastify.get('/*', (req, reply) => {
      if (notSpa(req)) {
        return reply.status(404).send({ code: 'NOT_FOUND', message: 'Not found.' });
      }
      return sendIndex(reply);
    });
    fastify.get('/', (req, reply) =>
      notSpa(req) ? reply.status(404).send({ code: 'NOT_FOUND', message: 'Not found.' }) : sendIndex(reply),
    );
  }
}
