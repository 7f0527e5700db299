// Bundles the CLI into one ESM file for plain Node (>= 20.19): esbuild resolves
// the @unlinked/privacy-pass alias and the web app's shared core, which tsc
// would not rewrite (see toolchain.md), and it needs no decorators.
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const require = createRequire(here('../web/package.json'));
const esbuild = await import(require.resolve('esbuild'));

await esbuild.build({
  entryPoints: [here('./src/main.ts')],
  outfile: here('./dist/unlinked.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  alias: {
    '@unlinked/privacy-pass': here('../../libs/privacy-pass/src/index.ts'),
    '@unlinked/authorship': here('../../libs/authorship/src/index.ts'),
  },
  nodePaths: [here('../web/node_modules')],
  logLevel: 'warning',
});
