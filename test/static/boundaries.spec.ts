import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const run = promisify(execFile);
const DEPCRUISE = join(process.cwd(), 'node_modules/.bin/depcruise');

/** Runs dependency-cruiser with the project's rules (.dependency-cruiser.cjs) on the given paths. */
async function cruise(...paths: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(DEPCRUISE, [...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'err']);
    return { ok: true, output: stdout };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

const PROBES: [rule: string, dir: string, source: string][] = [
  ['identity-to-anonymous', 'libs/identity/src', "import { ForumModule } from '@unlinked/forum';\nvoid ForumModule;"],
  [
    'identity-to-anonymous',
    'libs/identity/src',
    "import { ThreadEntity } from '@unlinked/db/anonymous';\nvoid ThreadEntity;",
  ],
  [
    'anonymous-to-identity',
    'libs/forum/src',
    "import { SessionsService } from '@unlinked/identity';\nvoid SessionsService;",
  ],
  [
    'anonymous-to-identity',
    'libs/moderation/src',
    "import { AccountEntity } from '@unlinked/db/identity';\nvoid AccountEntity;",
  ],
  [
    'forum-to-moderation',
    'libs/forum/src',
    "import { ModerationModule } from '@unlinked/moderation';\nvoid ModerationModule;",
  ],
  ['shared-to-side', 'libs/platform/src', "import { ForumModule } from '@unlinked/forum';\nvoid ForumModule;"],
  ['client-to-server', 'libs/client/src', "import { ForumModule } from '@unlinked/forum';\nvoid ForumModule;"],
  ['app-to-app', 'apps/cli/src', "import { I18N } from '../../web/src/i18n/index.js';\nvoid I18N;"],
  ['app-to-app', 'apps/worker/src', "import { createApi } from '../../api/src/bootstrap.js';\nvoid createApi;"],
  [
    'lib-to-app',
    'libs/platform/src',
    "import { createApi } from '../../../apps/api/src/bootstrap.js';\nvoid createApi;",
  ],
  [
    'cross-lib-internals',
    'libs/moderation/src',
    "import { bucketed } from '../../forum/src/time-bucket.js';\nvoid bucketed;",
  ],
  [
    'lib-internals',
    'apps/api/src',
    "import { bucketed } from '../../../libs/forum/src/time-bucket.js';\nvoid bucketed;",
  ],
];

describe('architecture boundaries (dependency-cruiser, privacy rule 1)', () => {
  it('finds no violation in the tree', async () => {
    const { ok, output } = await cruise('apps', 'libs', 'bench');
    expect(output).toMatch(/no dependency violations found/);
    expect(ok).toBe(true);
  }, 120_000);

  it('fails the lint on each planted violation, and passes an allowed import beside them', async () => {
    // Planted inside the source tree so the rules' paths apply; nothing imports them, and they are removed at once.
    const planted = PROBES.map(([rule, dir, source], i) => ({
      rule,
      path: join(dir, `boundary-probe-${i}.ts`),
      source,
    }));
    const allowed = join('libs/forum/src', 'boundary-probe-allowed.ts');
    try {
      for (const p of planted) writeFileSync(p.path, p.source);
      writeFileSync(
        allowed,
        "import { KeysModule } from '@unlinked/platform';\nimport { ThreadEntity } from '@unlinked/db/anonymous';\nvoid [KeysModule, ThreadEntity];",
      );
      const { ok, output } = await cruise(...planted.map((p) => p.path), allowed);
      expect(ok).toBe(false);
      for (const p of planted) expect(output).toContain(`error ${p.rule}: ${p.path} →`);
      expect(output).not.toContain(`${allowed} →`);
    } finally {
      for (const p of [...planted.map((x) => x.path), allowed]) rmSync(p, { force: true });
    }
  }, 120_000);
});
