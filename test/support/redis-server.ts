import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { WAIT_MS } from './timing.js';
import { until } from './until.js';

/** A loopback port nothing listens on at the moment of asking. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A private Redis for one suite (the shared one on 6379 is never stopped), answering PING before this returns;
 * `extra` arguments go to redis-server as they are.
 */
export async function startRedis(port: number, extra: readonly string[] = []): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra],
    {
      stdio: 'ignore',
    },
  );
  await until(async () => {
    const probe = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  });
  return child;
}

/** Stops a private Redis (SIGKILL to simulate a crash) and waits for the process to exit. */
export async function stopRedis(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/**
 * A private Redis Cluster of `size` masters (no replicas), its nodes' state in `dir`, built with
 * `redis-cli --cluster create`; resolves once every node reports `cluster_state:ok`.
 */
export async function startRedisCluster(dir: string, size = 3): Promise<{ ports: number[]; nodes: ChildProcess[] }> {
  const ports: number[] = [];
  const nodes: ChildProcess[] = [];
  for (let i = 0; i < size; i++) {
    const port = await freePort();
    ports.push(port);
    nodes.push(
      await startRedis(port, [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout',
        '15000',
        '--dir',
        dir,
      ]),
    );
  }
  await new Promise<void>((resolve, reject) =>
    execFile(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      { timeout: WAIT_MS },
      (error, _stdout, stderr) => (error ? reject(new Error(`redis-cli --cluster create: ${stderr}`)) : resolve()),
    ),
  );
  for (const port of ports) {
    const node = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
    try {
      await node.connect();
      await until(async () => (await node.cluster('INFO')).includes('cluster_state:ok'), WAIT_MS, 'cluster_state:ok');
    } finally {
      node.disconnect();
    }
  }
  return { ports, nodes };
}
