import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  // Issue 15: each side's database connection is exported beside its entities, so the same rules keep it on its side.
  [
    'identity-to-anonymous',
    'libs/identity/src',
    "import { InjectForumDb } from '@unlinked/db/anonymous';\nvoid InjectForumDb;",
  ],
  [
    'anonymous-to-identity',
    'libs/forum/src',
    "import { IDENTITY_DB } from '@unlinked/db/identity';\nvoid IDENTITY_DB;",
  ],
  [
    'anonymous-to-identity',
    'libs/moderation/src',
    "import { InjectIdentityDb } from '@unlinked/db/identity';\nvoid InjectIdentityDb;",
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

/** Source files (not tests) under a directory. */
function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
    .map((e) => join(e.parentPath, e.name))
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

/** What names the other side's storage: its connection, its Redis client, its Redis prefix and URL. */
const STORAGE_OF = {
  identity: /\b(IDENTITY_DB|InjectIdentityDb|IDENTITY_REDIS)\b|storage\.identity\b/,
  forum: /\b(FORUM_DB|InjectForumDb|FORUM_REDIS)\b|storage\.forum\b/,
};
const SIDE_DIRS = {
  identity: ['libs/identity/src'],
  forum: ['libs/forum/src', 'libs/moderation/src'],
};

describe("split deployment: no code of one side opens the other side's storage (issue 15, privacy rule 1)", () => {
  it.each([
    ['identity', 'forum'],
    ['forum', 'identity'],
  ] as const)('%s-side code names no %s-side connection, Redis client or key prefix', (side, other) => {
    const files = SIDE_DIRS[side].flatMap(sources);
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => STORAGE_OF[other].test(f.text)).map((f) => f.path)).toEqual([]);
  });

  it("injects every DataSource through its side's token: no side-less connection exists to inject", () => {
    const offenders: string[] = [];
    let injected = 0;
    for (const [side, dirs] of Object.entries(SIDE_DIRS) as [keyof typeof SIDE_DIRS, string[]][]) {
      const decorator = side === 'identity' ? '@InjectIdentityDb()' : '@InjectForumDb()';
      for (const { path, text } of dirs.flatMap(sources)) {
        for (const m of text.matchAll(
          /(@\w+\(\)\s+)?(private|public|protected)?\s*readonly\s+\w+\??:\s*DataSource\b/g,
        )) {
          injected++;
          if (m[1]?.trim() !== decorator) offenders.push(`${path}: ${m[0]}`);
        }
      }
    }
    expect(offenders).toEqual([]);
    expect(injected).toBeGreaterThan(20);
    // The platform provides side tokens only (DatabaseModule), never TypeORM's default DataSource.
    const platform = sources('libs/platform/src')
      .map((f) => f.text)
      .join('\n');
    expect(platform).not.toMatch(/TypeOrmModule\.forRoot|getDataSourceToken\(\)/);
  });
});
