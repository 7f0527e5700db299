import { describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import { JobRegistry, JobRegistryError } from './job-registry.js';
import { JobName } from './jobs.js';

describe('JobRegistry', () => {
  it('refuses a job name with no handler', () => {
    expect(() => new JobRegistry().assertComplete([JobName.PruneExpired])).toThrow(
      /No handler for job\(s\): prune-expired/,
    );
  });

  it('refuses a second handler for one job name', () => {
    const registry = new JobRegistry();
    registry.register(JobName.PruneExpired, async () => 1);
    expect(() => registry.register(JobName.PruneExpired, async () => 2)).toThrow(JobRegistryError);
  });

  it('dispatches a job to its handler', async () => {
    const registry = new JobRegistry();
    registry.register(JobName.PruneExpired, async () => 'pruned');
    registry.assertComplete([JobName.PruneExpired]);
    await expect(registry.dispatch({ name: JobName.PruneExpired, data: {} } as Job)).resolves.toBe('pruned');
  });
});
