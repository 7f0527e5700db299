import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { READ_CACHE_HEADER } from '@unlinked/platform';
import { Cluster } from 'ioredis';
import { openCompany, postThread, type TestCompany } from '../support/forum-client.js';
import { startRedisCluster, stopRedis } from '../support/redis-server.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { BUILD_MS, HEAVY_TEST_MS, WAIT_MS } from '../support/timing.js';
import { buildWorker, startWorker, workerEnv, type WorkerProcess } from '../support/worker-process.js';
import { until } from '../support/until.js';

/**
 * REDIS_CLUSTER on a real three-master Redis Cluster (redis-server --cluster-enabled, redis-cli --cluster create): the
 * API and a worker process screen and publish a post, the read cache answers a repeated anonymous read, and the
 * identity side's rate limits and mail queue work, with each queue's keys under its own hash tag.
 */
const BOARD = `query Board($slug: String) { threads(companySlug: $slug, first: 20) { edges { node { id } } } }`;
const STATUS = `query Status($id: ID!) { contentStatus(id: $id) }`;
/** The API's and the worker's settings beyond the node they are given. */
const CLUSTER_ENV: Record<string, string> = {
  REDIS_CLUSTER: 'true',
  OUTBOX_RELAY_INTERVAL_MS: '100',
  PUBLISH_DELAY_MIN_SECONDS: '4',
  PUBLISH_DELAY_MAX_SECONDS: '4',
};

describe('Redis Cluster: queues, read cache and rate limits on ioredis Cluster', () => {
  let dir: string;
  let nodes: ChildProcess[] = [];
  let cluster: Cluster;
  let api: TestApi;
  let worker: WorkerProcess | undefined;
  let company: TestCompany;

  beforeAll(async () => {
    buildWorker();
    dir = mkdtempSync(join(tmpdir(), 'unlinked-cluster-'));
    const started = await startRedisCluster(dir);
    nodes = started.nodes;
    cluster = new Cluster([{ host: '127.0.0.1', port: started.ports[0] }]);
    api = await startTestApi({
      REDIS_URL: `redis://127.0.0.1:${started.ports[1]}`,
      ...CLUSTER_ENV,
      READ_CACHE_SECONDS: '2',
      READ_CACHE_STALE_SECONDS: '2',
    });
    worker = startWorker(workerEnv(api, CLUSTER_ENV));
    company = await openCompany(api, 'tencent', 25);
  }, BUILD_MS + 60_000);

  afterAll(async () => {
    if (worker && worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    await api?.close();
    cluster?.disconnect();
    for (const node of nodes) await stopRedis(node);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Every key of the cluster under the test's prefix (each master holds its own slots). */
  async function clusterKeys(): Promise<string[]> {
    const all = await Promise.all(cluster.nodes('master').map((node) => node.keys(`*${api.config.queuePrefix}*`)));
    return all.flat();
  }

  const gqlGet = (query: string, variables: Record<string, unknown>) => {
    const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
    return fetch(`${api.url}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
  };

  it(
    'screens and publishes a post through the queues on the cluster (worker process)',
    async () => {
      const id = await postThread(api, company, 'On a cluster', 'Screened and published through Redis Cluster.');
      await until(
        async () => (await api.gql<{ contentStatus: string }>(STATUS, { id })).data?.contentStatus === 'Published',
        // The worker process boots meanwhile (Nest, thread pools, cluster discovery): slow on a loaded machine.
        HEAVY_TEST_MS - 60_000,
        'publication by the worker process',
      );
      const board = await api.gql<{ threads: { edges: { node: { id: string } }[] } }>(BOARD, { slug: company.slug });
      expect(board.data!.threads.edges.map((e) => e.node.id)).toContain(id);
      // Each queue's keys carry its own hash tag, so they share one slot per queue.
      const keys = await clusterKeys();
      for (const queue of ['moderation', 'publication']) {
        const tag = `{${api.config.queuePrefix}:${queue}}`;
        expect(keys.some((k) => k.startsWith(`${tag}:${queue}:`))).toBe(true);
      }
    },
    HEAVY_TEST_MS,
  );

  it('answers a repeated anonymous read from the read cache on the cluster', async () => {
    // Entries expire on fixed 2-second boundaries: a pair of reads straddling one misses twice, so try pairs.
    await until(
      async () => {
        const first = await gqlGet(BOARD, { slug: 'baidu' });
        const body = await first.text();
        const second = await gqlGet(BOARD, { slug: 'baidu' });
        if (second.headers.get(READ_CACHE_HEADER) !== 'hit') return false;
        expect(await second.text()).toBe(body);
        return true;
      },
      WAIT_MS,
      'a cache hit',
    );
    expect((await clusterKeys()).some((k) => k.startsWith(`${api.config.queuePrefix}:gql:fqc:`))).toBe(true);
  });

  it('counts identity rate limits and queues the code mail on the cluster', async () => {
    const ask = await api.gql('mutation($e: String!) { requestVerificationCode(email: $e) { sent } }', {
      e: 'cluster@initech-cluster.com',
    });
    expect(ask.errors).toBeUndefined();
    const keys = await clusterKeys();
    expect(keys.filter((k) => k.startsWith(`${api.config.queuePrefix}:rl:`)).length).toBeGreaterThanOrEqual(2);
    expect(keys.some((k) => k.startsWith(`{${api.config.queuePrefix}:mail}:mail:`))).toBe(true);
  });
});
