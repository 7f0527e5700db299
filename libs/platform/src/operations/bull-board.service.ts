import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { processQueues } from '../queues/queue-storage.js';
import { STAFF_AUTHENTICATOR, type StaffAuthenticator } from '../staff/staff-authenticator.js';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Bull Board (queues, failed jobs with their errors, retry and clean) at
 * /admin/queues, for admin staff only. Off unless BULL_BOARD_ENABLED; every
 * request, assets included, passes the admin check first. Job payloads hold
 * ids only, so the board shows nothing personal.
 */
@Injectable()
export class BullBoardService implements OnModuleInit {
  private readonly logger = new Logger(BullBoardService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STAFF_AUTHENTICATOR) private readonly authenticator: StaffAuthenticator,
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    if (!this.config.operations.bullBoardEnabled) return;
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(BULL_BOARD_PATH);
    createBullBoard({
      queues: processQueues(this.config).map(
        (name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })),
      ),
      // @bull-board/fastify pins its own copy of @bull-board/api (one patch behind); the adapter contract is the same.
      serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      options: { uiConfig: { boardTitle: 'Unlinked queues' } },
    });
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const authenticator = this.authenticator;
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
        const principal = await authenticator.authenticate(req.headers.authorization);
        if (!principal) return reply.code(401).header('www-authenticate', 'Bearer').send({ code: 'UNAUTHENTICATED' });
        if (principal.role !== 'admin') return reply.code(403).send({ code: 'FORBIDDEN' });
      });
      await scope.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH });
    });
    this.logger.log('Bull Board mounted at /admin/queues (admins only)');
  }
}
