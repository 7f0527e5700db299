import { Agent, request } from 'node:http';
import type { GqlResult } from './test-app.js';

/**
 * Many GraphQL requests issued at once through one bounded node:http agent:
 * all are sent immediately, at most `maxSockets` are on the wire (the rest
 * queue on the agent), so a storm of 1,000 tests the server's handling of
 * concurrent writes, not its accept backlog or request timeouts.
 */
export async function postAll(
  url: string,
  bodies: readonly { query: string; variables?: Record<string, unknown> }[],
  maxSockets = 100,
): Promise<GqlResult[]> {
  const agent = new Agent({ keepAlive: true, maxSockets });
  try {
    return await Promise.all(bodies.map((body) => post(agent, `${url}/graphql`, body)));
  } finally {
    agent.destroy();
  }
}

function post(agent: Agent, url: string, body: object): Promise<GqlResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, ...(JSON.parse(Buffer.concat(chunks).toString()) as object) });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
